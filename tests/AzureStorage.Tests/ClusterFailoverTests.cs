using Azure.Data.Tables;
using IncidentActors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Clustering.AzureStorage;
using Orleans.Messaging;
using Orleans.Runtime.ReminderService;
using Orleans.TestingHost;
using Xunit;

namespace IncidentActors.AzureStorage.Tests;

[Collection("Azurite")]
public sealed class ClusterFailoverTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly string _serviceId = AzuriteFixture.UniqueName("service");
    private readonly string _clusterId = AzuriteFixture.UniqueName("cluster");
    private readonly string _membershipTable = AzuriteFixture.UniqueName("membership");
    private readonly string _stateTable = AzuriteFixture.UniqueName("state");
    private readonly string _reminderTable = AzuriteFixture.UniqueName("reminders");

    [Fact]
    public async Task StateWrittenOnAKilledSiloIsReadBackOnASurvivorThatSeesItDead()
    {
        await using var cluster = BuildCluster();
        await cluster.DeployAsync();
        var grain = cluster.Client.GetGrain<ICounterGrain>("incident/42#?");
        Assert.Equal(5, await grain.Add(5));
        Assert.Equal(7, await grain.Add(2));
        await grain.ArmBackstop();
        var host = await grain.GetSilo();
        var survivor = cluster.Silos.First(s => !s.SiloAddress.Equals(host)).ServiceProvider;
        // The survivor's membership table reads storage on every call, so it shows what every silo will see.
        var membership = survivor.GetRequiredService<IMembershipTable>();
        var active = await Eventually.Get(
            () => membership.ReadAllAsync(CancellationToken.None), data => data.Members.Count(m => m.Item1.Status == SiloStatus.Active) == 3, Patience, "three active silos in the table");
        Assert.Equal(typeof(AzureStorageGatewayOptions).Assembly, cluster.Client.ServiceProvider.GetRequiredService<IGatewayListProvider>().GetType().Assembly);
        Assert.All(cluster.Silos, s => Assert.Equal(typeof(AzureStorageClusteringOptions).Assembly, s.ServiceProvider.GetRequiredService<IMembershipTable>().GetType().Assembly));

        await cluster.KillSiloAsync(cluster.Silos.Single(s => s.SiloAddress.Equals(host)));

        await Eventually.Get(
            () => membership.ReadAllAsync(CancellationToken.None),
            data => data.Members.Any(m => m.Item1.SiloAddress.Equals(host) && m.Item1.Status == SiloStatus.Dead),
            Patience,
            "the killed silo declared dead in the membership table");
        var value = await Eventually.Get(grain.Get, v => v == 7, Patience, "the counter read back on a surviving silo");
        Assert.Equal(7, value);
        Assert.NotEqual(host, await grain.GetSilo());
        Assert.Equal(3, active.Members.Count);
        var reminders = Assert.IsType<AzureBasedReminderTable>(survivor.GetRequiredService<IReminderTable>());
        Assert.Equal("backstop", Assert.Single((await reminders.ReadRows(grain.GetGrainId())).Reminders).ReminderName);
    }

    private InProcessTestCluster BuildCluster()
    {
        var connectionString = azurite.ConnectionString;
        var builder = AzureTestClusters.CreateBuilder(3, _serviceId, connectionString, _membershipTable);
        builder.Options.ClusterId = _clusterId;
        builder.ConfigureSilo((_, silo) => silo
            .AddAzureTableGrainStorageAsDefault(o => { o.ConnectionString = connectionString; o.TableName = _stateTable; o.ContainerName = _stateTable; })
            .UseAzureTableReminderService(o => { o.TableServiceClient = new TableServiceClient(connectionString); o.TableName = _reminderTable; }));
        return builder.Build();
    }
}
