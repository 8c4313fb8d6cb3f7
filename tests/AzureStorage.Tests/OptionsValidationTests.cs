using IncidentActors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Xunit;

namespace IncidentActors.AzureStorage.Tests;

public sealed class OptionsValidationTests
{
    [Fact]
    public void MissingGrainStorageConnectionStringIsNamed()
    {
        using var host = BuildHost(silo => silo.AddAzureTableGrainStorage("incidents", _ => { }));

        var error = Assert.Throws<OptionsValidationException>(
            () => host.Services.GetRequiredService<IOptionsMonitor<AzureTableGrainStorageOptions>>().Get("incidents"));

        Assert.Contains("AzureTableGrainStorageOptions.ConnectionString of grain storage 'incidents'", error.Message);
    }

    [Fact]
    public void IllegalTableAndContainerNamesAreNamed()
    {
        using var host = BuildHost(silo => silo.AddAzureTableGrainStorageAsDefault(o =>
        {
            o.ConnectionString = "UseDevelopmentStorage=true";
            o.TableName = "grain-state";
            o.ContainerName = "Grain_State";
        }));

        var error = Assert.Throws<OptionsValidationException>(
            () => host.Services.GetRequiredService<IOptionsMonitor<AzureTableGrainStorageOptions>>().Get("Default"));

        Assert.Contains("AzureTableGrainStorageOptions.TableName", error.Message);
        Assert.Contains("AzureTableGrainStorageOptions.ContainerName", error.Message);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(100_001)]
    public async Task SharedPartitionsOutsideTheirRangeStopTheHost(int sharedPartitions)
    {
        using var host = BuildHost(silo => silo.AddAzureTableGrainStorage("incidents", o =>
        {
            o.ConnectionString = "UseDevelopmentStorage=true";
            o.SharedPartitions = sharedPartitions;
        }));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains($"AzureTableGrainStorageOptions.SharedPartitions of grain storage 'incidents' is {sharedPartitions}", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public async Task TablesOutsideTheirRangeStopTheHost(int tables)
    {
        using var host = BuildHost(silo => silo.AddAzureTableGrainStorage("incidents", o =>
        {
            o.ConnectionString = "UseDevelopmentStorage=true";
            o.Tables = tables;
        }));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains($"AzureTableGrainStorageOptions.Tables of grain storage 'incidents' is {tables}", error.Message);
    }

    [Fact]
    public async Task NumberedTableNamesBeyondAzuresLengthStopTheHost()
    {
        var longestLegalName = "t" + new string('a', 62);
        using var host = BuildHost(silo => silo.AddAzureTableGrainStorage("incidents", o =>
        {
            o.ConnectionString = "UseDevelopmentStorage=true";
            o.TableName = longestLegalName;
            o.Tables = 2;
        }));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains($"'{longestLegalName}1' would exceed 63 characters", error.Message);
    }

    private static IHost BuildHost(Action<ISiloBuilder> configure)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(AzuriteFixture.FreeLoopbackPort(), AzuriteFixture.FreeLoopbackPort());
            configure(silo);
        });
        return builder.Build();
    }
}
