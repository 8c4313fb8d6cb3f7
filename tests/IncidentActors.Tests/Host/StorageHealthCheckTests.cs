using Azure.Data.Tables;
using IncidentActors.Silo;
using IncidentActors.Testing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Xunit;

namespace IncidentActors.Tests.Host;

/// <summary>Readiness follows storage: a silo whose storage answers is ready, one whose storage is gone is not.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StorageHealthCheckTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task StorageThatAnswersIsHealthy()
    {
        var result = await new StorageHealthCheck(new TableServiceClient(azurite.ConnectionString)).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, result.Status);
    }

    [Fact]
    public async Task StorageThatIsGoneIsUnhealthyWithinTheCheck()
    {
        var port = AzuriteFixture.FreeLoopbackPort();
        var gone = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Convert.ToBase64String(new byte[64])};TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";

        var result = await new StorageHealthCheck(new TableServiceClient(gone)).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.StartsWith("Azure Storage did not answer", result.Description);
    }
}
