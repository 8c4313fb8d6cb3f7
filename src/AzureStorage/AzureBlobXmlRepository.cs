using System.Xml.Linq;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace IncidentActors.AzureStorage;

/// <summary>
/// A data protection key ring kept in one blob that every silo of a service reads, so that what one silo encrypted
/// the others decrypt. A new key is added to what the blob holds under its ETag: silos that add keys at once both keep theirs.
/// </summary>
public sealed class AzureBlobXmlRepository(BlobContainerClient container, string blobName) : IXmlRepository
{
    private const int MaxWriteAttempts = 10;

    private readonly BlobClient _blob = container.GetBlobClient(blobName);

    public IReadOnlyCollection<XElement> GetAllElements() => [.. Read().Document.Root!.Elements()];

    public void StoreElement(XElement element, string friendlyName)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (document, etag) = Read();
            document.Root!.Add(new XElement(element));
            var conditions = etag is { } read ? new BlobRequestConditions { IfMatch = read } : new BlobRequestConditions { IfNoneMatch = ETag.All };
            try
            {
                _blob.Upload(BinaryData.FromString(document.ToString(SaveOptions.DisableFormatting)), new BlobUploadOptions
                {
                    Conditions = conditions,
                    HttpHeaders = new BlobHttpHeaders { ContentType = "application/xml" },
                });
                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < MaxWriteAttempts)
            {
                // Another silo stored a key meanwhile: add this one to what it wrote.
            }
        }
    }

    private (XDocument Document, ETag? ETag) Read()
    {
        try
        {
            var blob = _blob.DownloadContent().Value;
            return (XDocument.Parse(blob.Content.ToString()), blob.Details.ETag);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            container.CreateIfNotExists();
            return (new XDocument(new XElement("repository")), null);
        }
    }
}
