using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using IncidentActors.Storage;

namespace IncidentActors.Silo;

/// <summary>
/// The archive in Azure Blob Storage: one container, each document a block blob named
/// "&lt;service id&gt;/&lt;name&gt;", so that clusters sharing an account keep theirs apart.
/// </summary>
internal sealed class BlobArchiveStore(BlobContainerClient container, string serviceId) : IArchiveStore
{
    public const string ContainerName = "incidentactors-archive";

    private readonly Lazy<Task> _created = new(() => container.CreateIfNotExistsAsync());

    public async Task WriteAsync(string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        await _created.Value;
        await Blob(name).UploadAsync(BinaryData.FromBytes(content), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/octet-stream" },
        }, cancellationToken);
    }

    public async Task<byte[]?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return (await Blob(name).DownloadContentAsync(cancellationToken)).Value.Content.ToArray();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public Task DeleteAsync(string name, CancellationToken cancellationToken) =>
        Blob(name).DeleteIfExistsAsync(cancellationToken: cancellationToken);

    private BlobClient Blob(string name) => container.GetBlobClient($"{serviceId}/{name}");
}
