using Azure.Storage.Blobs;
using IncidentActors.AzureStorage;
using IncidentActors.Responders;
using IncidentActors.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace IncidentActors.Tests.Responders;

/// <summary>The silos of a service share one data protection key ring in blob storage.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class KeyRingTests(AzuriteFixture azurite)
{
    [Fact]
    public void SecretEncryptedByOneSiloIsDecryptedByAnother()
    {
        var blobName = AzuriteFixture.UniqueName("ring") + "/keys.xml";
        var first = Secrets(blobName);
        var second = Secrets(blobName);

        var stored = first.Protect("0123456789abcdef-secret");

        Assert.Equal("0123456789abcdef-secret", second.Unprotect(stored));
        Assert.Null(Secrets(AzuriteFixture.UniqueName("other") + "/keys.xml").Unprotect(stored));
    }

    /// <summary>What one silo's container holds: its own keys cache, over the shared blob.</summary>
    private WebhookSecrets Secrets(string blobName)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddDataProtection().SetApplicationName("keyring-tests");
        services.Configure<KeyManagementOptions>(o => o.XmlRepository =
            new AzureBlobXmlRepository(new BlobContainerClient(azurite.ConnectionString, DataProtectionKeyRingExtensions.ContainerName), blobName));
        return new WebhookSecrets(services.BuildServiceProvider().GetRequiredService<IDataProtectionProvider>());
    }
}
