using IncidentActors.Api.V1;
using IncidentActors.Silo;
using IncidentActors.Testing;
using IncidentActors.Tests.Incidents;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Grpc.Net.Client;
using Xunit;

namespace IncidentActors.Tests.EndToEnd;

public sealed class HostSettingsTests
{
    [Fact]
    public void MissingRegionStopsTheSiloWithAMessageNamingTheSetting()
    {
        var error = Assert.Throws<OptionsValidationException>(() => IncidentActorsHost.Build([], builder =>
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["IncidentActors:Silo:Region"] = "" })));

        Assert.Contains("IncidentActors:Silo:Region", error.Message);
    }

    [Fact]
    public void AzureStorageModeWithoutConnectionStringIsRefused()
    {
        var error = Assert.Throws<OptionsValidationException>(() => IncidentActorsHost.Build([], builder =>
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["IncidentActors:Storage:ConnectionString"] = " " })));

        Assert.Contains("IncidentActors:Storage:ConnectionString", error.Message);
    }

    [Fact]
    public void MalformedConnectionStringIsRefusedNamingTheSetting()
    {
        var error = Assert.Throws<OptionsValidationException>(() => IncidentActorsHost.Build([], builder =>
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["IncidentActors:Storage:ConnectionString"] = "AccountName=;Key" })));

        Assert.Contains("IncidentActors:Storage:ConnectionString is not an Azure Storage connection string", error.Message);
    }

    [Fact]
    public async Task InMemoryModeServesTheApiWithoutStorage()
    {
        var grpcPort = AzuriteFixture.FreeLoopbackPort();
        await using var app = IncidentActorsHost.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(InMemorySilo(grpcPort));
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        });
        await app.StartAsync();
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}");

        var service = await new ServiceCatalog.ServiceCatalogClient(channel).RegisterServiceAsync(
            new RegisterServiceRequest { Id = "lab", Name = "Lab", OwnerTeam = "sre", BusinessUnitId = "rnd" });

        Assert.Equal("rnd", service.BusinessUnitId);
        await app.StopAsync();
    }

    [Theory]
    [InlineData("")]
    [InlineData("c2hvcnQ=")]
    [InlineData("not base64")]
    public async Task AMissingOrWeakTimelineKeyStopsTheSiloAtStartNamingTheSetting(string key)
    {
        await using var app = IncidentActorsHost.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(InMemorySilo(AzuriteFixture.FreeLoopbackPort()));
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["IncidentActors:Audit:TimelineKey"] = key });
            builder.Logging.SetMinimumLevel(LogLevel.Critical);
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("IncidentActors:Audit:TimelineKey must be the base64 of at least 32 random bytes", error.Message);
    }

    [Theory]
    [InlineData("IncidentActors:Intake:AlertsPerSecond", "0")]
    [InlineData("IncidentActors:Deadlines:MaxClockSkew", "-00:00:01")]
    [InlineData("IncidentActors:Incidents:ListingActivityFlushInterval", "00:00:00")]
    public async Task AnInvalidSettingOfASectionStopsTheSiloAtStartNamingTheSection(string setting, string value)
    {
        await using var app = IncidentActorsHost.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(InMemorySilo(AzuriteFixture.FreeLoopbackPort()));
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [setting] = value });
            builder.Logging.SetMinimumLevel(LogLevel.Critical);
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(setting[..setting.LastIndexOf(':')], error.Message);
    }

    private static Dictionary<string, string?> InMemorySilo(int grpcPort) => new(TimelineKeys.SiloSetting)
    {
        ["IncidentActors:Storage:Mode"] = "InMemory",
        ["IncidentActors:Storage:ConnectionString"] = "",
        ["IncidentActors:Silo:SiloPort"] = AzuriteFixture.FreeLoopbackPort().ToString(),
        ["IncidentActors:Silo:GatewayPort"] = AzuriteFixture.FreeLoopbackPort().ToString(),
        ["IncidentActors:Api:GrpcPort"] = grpcPort.ToString(),
        ["IncidentActors:Api:HttpPort"] = AzuriteFixture.FreeLoopbackPort().ToString(),
    };
}
