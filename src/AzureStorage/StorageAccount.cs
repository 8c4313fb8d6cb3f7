using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace IncidentActors.AzureStorage;

/// <summary>
/// One Azure Storage account's table and blob services, reached either by a connection string (an account key, or
/// Azurite) or by the services' endpoints and a token credential (a managed or workload identity: no key to keep).
/// One client per service, so that everything the silo stores shares their connection pools and token caches.
/// </summary>
public sealed class StorageAccount
{
    private StorageAccount(TableServiceClient tables, BlobServiceClient blobs)
    {
        Tables = tables;
        Blobs = blobs;
    }

    public TableServiceClient Tables { get; }

    public BlobServiceClient Blobs { get; }

    public static StorageAccount FromConnectionString(string connectionString) =>
        new(new TableServiceClient(connectionString), new BlobServiceClient(connectionString));

    /// <param name="tableServiceUri">e.g. https://account.table.core.windows.net</param>
    /// <param name="blobServiceUri">e.g. https://account.blob.core.windows.net</param>
    public static StorageAccount FromEndpoints(Uri tableServiceUri, Uri blobServiceUri, TokenCredential credential) =>
        new(new TableServiceClient(tableServiceUri, credential), new BlobServiceClient(blobServiceUri, credential));
}
