using Azure.Core;
using Azure.Identity;
using IncidentActors.AzureStorage;

namespace IncidentActors.Silo;

/// <summary>Where state, membership and reminders live. Section <c>IncidentActors:Storage</c>.</summary>
public sealed class StorageSettings
{
    public const string Section = "IncidentActors:Storage";

    public StorageMode Mode { get; set; } = StorageMode.AzureStorage;

    /// <summary>
    /// An Azure Storage connection string (Tables and Blobs). In AzureStorage mode, either this or
    /// <see cref="TableServiceUri"/> and <see cref="BlobServiceUri"/>.
    /// </summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The account's table service (https://account.table.core.windows.net), reached with an Azure identity.</summary>
    public string? TableServiceUri { get; set; }

    /// <summary>The account's blob service (https://account.blob.core.windows.net), reached with an Azure identity.</summary>
    public string? BlobServiceUri { get; set; }

    /// <summary>
    /// The client id of the user-assigned managed identity (or workload identity) to use with the service endpoints;
    /// unset, <see cref="DefaultAzureCredential"/> finds the identity the environment provides.
    /// </summary>
    public string? ManagedIdentityClientId { get; set; }

    public bool UsesEndpoints => !string.IsNullOrWhiteSpace(TableServiceUri) || !string.IsNullOrWhiteSpace(BlobServiceUri);

    /// <summary>The storage account these settings name; call once, every client shares what it builds.</summary>
    public StorageAccount Account() => UsesEndpoints
        ? StorageAccount.FromEndpoints(new Uri(TableServiceUri!), new Uri(BlobServiceUri!), Credential())
        : StorageAccount.FromConnectionString(ConnectionString);

    /// <summary>
    /// DefaultAzureCredential: in a Kubernetes pod with Azure workload identity, the federated token the pod is given;
    /// on an Azure VM or App Service, its managed identity; on a developer's machine, their Azure CLI sign-in.
    /// </summary>
    public TokenCredential Credential() => new DefaultAzureCredential(new DefaultAzureCredentialOptions
    {
        ManagedIdentityClientId = ManagedIdentityClientId,
        WorkloadIdentityClientId = ManagedIdentityClientId,
    });

    /// <summary>Which provider keeps grain state in AzureStorage mode; membership and reminders are Orleans' own either way.</summary>
    public GrainStorageProvider GrainStorage { get; set; } = GrainStorageProvider.Grouped;
}

public enum GrainStorageProvider
{
    /// <summary>Ours: states spread over shared partitions, concurrent writes to one partition stored as one transaction.</summary>
    Grouped,

    /// <summary>Orleans' own Azure Table grain storage: a partition per grain, one request per write.</summary>
    Official,
}

public enum StorageMode
{
    AzureStorage,

    /// <summary>For quick experiments only: everything is lost when the process exits, and there is one silo.</summary>
    InMemory,
}
