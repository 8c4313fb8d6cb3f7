using Azure.Core;
using Azure.Identity;
using IncidentActors.AzureStorage;
using IncidentActors.Silo;
using IncidentActors.Testing;
using Xunit;

namespace IncidentActors.Tests.Host;

/// <summary>Storage is named by a connection string or by service endpoints with an Azure identity, never both.</summary>
public sealed class StorageSettingsTests
{
    private const string Tables = "https://incidents.table.core.windows.net";
    private const string Blobs = "https://incidents.blob.core.windows.net";
    private const string ClientId = "5b1b7c0e-3f7e-4a59-9d7b-2f3c1a0e8d11";

    private static readonly string ConnectionString =
        $"DefaultEndpointsProtocol=https;AccountName={AzuriteFixture.AccountName};AccountKey={AzuriteFixture.AccountKey};EndpointSuffix=core.windows.net";

    [Fact]
    public void AConnectionStringAloneIsAccepted() =>
        Assert.Empty(SettingsValidation.Check(new StorageSettings { ConnectionString = ConnectionString }));

    [Fact]
    public void ServiceEndpointsAloneAreAcceptedWithOrWithoutAClientId()
    {
        Assert.Empty(SettingsValidation.Check(new StorageSettings { TableServiceUri = Tables, BlobServiceUri = Blobs }));
        Assert.Empty(SettingsValidation.Check(new StorageSettings { TableServiceUri = Tables, BlobServiceUri = Blobs, ManagedIdentityClientId = ClientId }));
    }

    [Fact]
    public void AConnectionStringAndEndpointsTogetherAreRefused()
    {
        var failure = Assert.Single(SettingsValidation.Check(new StorageSettings { ConnectionString = ConnectionString, TableServiceUri = Tables, BlobServiceUri = Blobs }));

        Assert.StartsWith("ConnectionString and TableServiceUri/BlobServiceUri are both set", failure);
    }

    [Fact]
    public void NeitherAConnectionStringNorEndpointsIsRefused()
    {
        var failure = Assert.Single(SettingsValidation.Check(new StorageSettings()));

        Assert.StartsWith("ConnectionString is required in AzureStorage mode", failure);
    }

    [Fact]
    public void InMemoryModeNeedsNoStorage() =>
        Assert.Empty(SettingsValidation.Check(new StorageSettings { Mode = StorageMode.InMemory }));

    [Theory]
    [InlineData(Tables, null, "BlobServiceUri '' is not an https URL")]
    [InlineData("http://incidents.table.core.windows.net", Blobs, "TableServiceUri 'http://incidents.table.core.windows.net' is not an https URL")]
    [InlineData(Tables, "incidents.blob.core.windows.net", "BlobServiceUri 'incidents.blob.core.windows.net' is not an https URL")]
    public void EndpointsMustBothBeHttpsUrls(string? tables, string? blobs, string expected)
    {
        var failure = Assert.Single(SettingsValidation.Check(new StorageSettings { TableServiceUri = tables, BlobServiceUri = blobs }));

        Assert.StartsWith(expected, failure);
    }

    [Fact]
    public void AClientIdMustBeAGuidAndGoWithEndpoints()
    {
        Assert.StartsWith("ManagedIdentityClientId 'payments' must be a client id",
            Assert.Single(SettingsValidation.Check(new StorageSettings { TableServiceUri = Tables, BlobServiceUri = Blobs, ManagedIdentityClientId = "payments" })));
        Assert.StartsWith($"ManagedIdentityClientId '{ClientId}' must be a client id",
            Assert.Single(SettingsValidation.Check(new StorageSettings { ConnectionString = ConnectionString, ManagedIdentityClientId = ClientId })));
    }

    [Fact]
    public void EndpointSettingsBuildClientsOfThoseServicesWithAnAzureIdentity()
    {
        var settings = new StorageSettings { TableServiceUri = Tables, BlobServiceUri = Blobs, ManagedIdentityClientId = ClientId };

        var account = settings.Account();

        Assert.Equal(new Uri(Tables), account.Tables.Uri);
        Assert.Equal(new Uri(Blobs), account.Blobs.Uri);
        Assert.IsType<DefaultAzureCredential>(settings.Credential());
    }

    [Fact]
    public async Task EndpointClientsAskTheCredentialForAStorageTokenBeforeEachRequest()
    {
        var credential = new RefusingCredential();
        var account = StorageAccount.FromEndpoints(new Uri(Tables), new Uri(Blobs), credential);

        await Assert.ThrowsAsync<CredentialUnavailableException>(() => account.Tables.GetTableClient("IncidentActorsGrainState").GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>("p", "r"));
        await Assert.ThrowsAsync<CredentialUnavailableException>(() => account.Blobs.GetBlobContainerClient("incidentactors-archive").ExistsAsync());

        Assert.Equal(["https://storage.azure.com/.default", "https://storage.azure.com/.default"], credential.Scopes);
    }

    /// <summary>Records what it is asked for and refuses, so that no request leaves the machine.</summary>
    private sealed class RefusingCredential : TokenCredential
    {
        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw Refuse(requestContext);

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw Refuse(requestContext);

        private CredentialUnavailableException Refuse(TokenRequestContext requestContext)
        {
            lock (Scopes)
            {
                Scopes.AddRange(requestContext.Scopes);
            }
            return new CredentialUnavailableException("No identity in tests.");
        }
    }
}
