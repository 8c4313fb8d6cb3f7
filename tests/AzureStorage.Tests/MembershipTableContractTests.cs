using System.Net;
using IncidentActors.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Xunit;

namespace IncidentActors.AzureStorage.Tests;

[Collection("Azurite")]
public sealed class MembershipTableContractTests(AzuriteFixture azurite)
{
    private static readonly DateTime Start = new(2025, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    private readonly string _tableName = AzuriteFixture.UniqueName("membership");
    private readonly string _clusterId = AzuriteFixture.UniqueName("cluster");

    [Fact]
    public async Task InitializingTwiceConcurrentlyCreatesOneVersionRow()
    {
        var first = CreateTable();
        var second = CreateTable();

        await Task.WhenAll(first.InitializeMembershipTable(true), second.InitializeMembershipTable(true));

        var data = await first.ReadAll();
        Assert.Empty(data.Members);
        Assert.Equal(0, data.Version.Version);
        Assert.False(string.IsNullOrEmpty(data.Version.VersionEtag));
    }

    [Fact]
    public async Task InsertedRowReadsBackWithTheNewTableVersion()
    {
        var table = await CreateInitializedTableAsync();
        var entry = Entry(1, SiloStatus.Joining);
        entry.SuspectTimes = [Tuple.Create(Silo(2), Start.AddMinutes(1)), Tuple.Create(Silo(3), Start.AddMinutes(2))];

        Assert.True(await table.InsertRow(entry, (await table.ReadAll()).Version.Next()));

        var data = await table.ReadRow(entry.SiloAddress);
        var (read, etag) = Assert.Single(data.Members);
        Assert.Equal(1, data.Version.Version);
        Assert.False(string.IsNullOrEmpty(etag));
        Assert.Equal(entry.SiloAddress, read.SiloAddress);
        Assert.Equal(SiloStatus.Joining, read.Status);
        Assert.Equal(entry.ProxyPort, read.ProxyPort);
        Assert.Equal(entry.HostName, read.HostName);
        Assert.Equal(entry.SiloName, read.SiloName);
        Assert.Equal(entry.RoleName, read.RoleName);
        Assert.Equal(entry.UpdateZone, read.UpdateZone);
        Assert.Equal(entry.FaultZone, read.FaultZone);
        Assert.Equal(entry.StartTime, read.StartTime);
        Assert.Equal(DateTimeKind.Utc, read.StartTime.Kind);
        Assert.Equal(entry.IAmAliveTime, read.IAmAliveTime);
        Assert.Equal(entry.SuspectTimes, read.SuspectTimes);
    }

    [Fact]
    public async Task ReadRowReturnsOnlyTheAskedSilo()
    {
        var table = await CreateInitializedTableAsync();
        await JoinAsync(table, Entry(1, SiloStatus.Active));
        await JoinAsync(table, Entry(2, SiloStatus.Active));

        var data = await table.ReadRow(Silo(2));

        Assert.Equal(Silo(2), Assert.Single(data.Members).Item1.SiloAddress);
        Assert.Equal(2, data.Version.Version);
    }

    [Fact]
    public async Task InsertingAnExistingSiloFailsAndChangesNothing()
    {
        var table = await CreateInitializedTableAsync();
        await JoinAsync(table, Entry(1, SiloStatus.Joining));
        var before = await table.ReadAll();

        Assert.False(await table.InsertRow(Entry(1, SiloStatus.Active), before.Version.Next()));

        var after = await table.ReadAll();
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(SiloStatus.Joining, Assert.Single(after.Members).Item1.Status);
    }

    [Fact]
    public async Task OfConcurrentInsertsWithTheSameTableVersionExactlyOneWins()
    {
        var table = await CreateInitializedTableAsync();
        var version = (await table.ReadAll()).Version.Next();

        var outcomes = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => Task.Run(() => table.InsertRow(Entry(i, SiloStatus.Joining), version))));

        Assert.Single(outcomes, won => won);
        var data = await table.ReadAll();
        Assert.Single(data.Members);
        Assert.Equal(1, data.Version.Version);
    }

    [Fact]
    public async Task OfConcurrentUpdatesWithTheSameTableVersionExactlyOneWins()
    {
        var table = await CreateInitializedTableAsync();
        await JoinAsync(table, Entry(1, SiloStatus.Joining));
        var data = await table.ReadAll();
        var (entry, etag) = data.Members.Single();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
        {
            var update = Entry(1, SiloStatus.Active);
            update.HostName = $"writer-{i}";
            return table.UpdateRow(update, etag, data.Version.Next());
        })));

        Assert.Single(outcomes, won => won);
        Assert.Equal(2, (await table.ReadAll()).Version.Version);
    }

    [Fact]
    public async Task HeartbeatLeavesTheTableVersionAndALaterUpdateIntact()
    {
        var table = await CreateInitializedTableAsync();
        await JoinAsync(table, Entry(1, SiloStatus.Joining));
        var before = await table.ReadRow(Silo(1));
        var (entry, etag) = before.Members.Single();

        entry.IAmAliveTime = Start.AddMinutes(5);
        await table.UpdateIAmAlive(entry);

        var afterHeartbeat = await table.ReadRow(Silo(1));
        Assert.Equal(before.Version, afterHeartbeat.Version);
        Assert.Equal(before.Version.VersionEtag, afterHeartbeat.Version.VersionEtag);
        Assert.Equal(Start.AddMinutes(5), afterHeartbeat.Members.Single().Item1.IAmAliveTime);
        Assert.Equal(SiloStatus.Joining, afterHeartbeat.Members.Single().Item1.Status);

        entry.Status = SiloStatus.Active;
        Assert.True(await table.UpdateRow(entry, etag, before.Version.Next()));
        Assert.Equal(SiloStatus.Active, (await table.ReadRow(Silo(1))).Members.Single().Item1.Status);
    }

    [Fact]
    public async Task StaleTableVersionIsRejected()
    {
        var table = await CreateInitializedTableAsync();
        await JoinAsync(table, Entry(1, SiloStatus.Joining));
        var stale = await table.ReadAll();
        var (entry, etag) = stale.Members.Single();
        await JoinAsync(table, Entry(2, SiloStatus.Joining));

        entry.Status = SiloStatus.Active;
        Assert.False(await table.UpdateRow(entry, etag, stale.Version.Next()));
        Assert.False(await table.InsertRow(Entry(3, SiloStatus.Joining), stale.Version.Next()));

        var data = await table.ReadAll();
        Assert.Equal(2, data.Version.Version);
        Assert.Equal(2, data.Members.Count);
        Assert.All(data.Members, m => Assert.Equal(SiloStatus.Joining, m.Item1.Status));
    }

    [Fact]
    public async Task UpdatingAMissingSiloFails()
    {
        var table = await CreateInitializedTableAsync();
        var version = (await table.ReadAll()).Version;

        Assert.False(await table.UpdateRow(Entry(1, SiloStatus.Active), "W/\"whatever\"", version.Next()));

        Assert.Equal(version, (await table.ReadAll()).Version);
    }

    [Fact]
    public async Task TenSilosJoinAndHalfAreDeclaredDead()
    {
        var table = await CreateInitializedTableAsync();
        for (var i = 1; i <= 10; i++)
        {
            await JoinAsync(table, Entry(i, SiloStatus.Active));
        }

        for (var i = 1; i <= 10; i += 2)
        {
            var data = await table.ReadAll();
            var (entry, etag) = data.Members.Single(m => m.Item1.SiloAddress.Equals(Silo(i)));
            entry.Status = SiloStatus.Dead;
            Assert.True(await table.UpdateRow(entry, etag, data.Version.Next()));
        }

        var final = await table.ReadAll();
        Assert.Equal(15, final.Version.Version);
        Assert.Equal(10, final.Members.Count);
        Assert.Equal(5, final.Members.Count(m => m.Item1.Status == SiloStatus.Dead));
        Assert.Equal(5, final.Members.Count(m => m.Item1.Status == SiloStatus.Active));
    }

    [Fact]
    public async Task CleanupRemovesOnlyDeadSilosOlderThanTheDate()
    {
        var table = await CreateInitializedTableAsync();
        var cutoff = Start.AddHours(1);
        var deadLongAgo = Entry(1, SiloStatus.Dead);
        var deadRecently = Entry(2, SiloStatus.Dead);
        deadRecently.IAmAliveTime = cutoff.AddMinutes(1);
        var activeLongAgo = Entry(3, SiloStatus.Active);
        foreach (var entry in new[] { deadLongAgo, deadRecently, activeLongAgo })
        {
            await JoinAsync(table, entry);
        }

        await table.CleanupDefunctSiloEntries(new DateTimeOffset(cutoff));

        var left = (await table.ReadAll()).Members.Select(m => m.Item1.SiloAddress).ToHashSet();
        Assert.Equal([Silo(2), Silo(3)], left.OrderBy(s => s.Endpoint.Port));
    }

    [Fact]
    public async Task DeletingEntriesRemovesOnlyThatCluster()
    {
        var table = await CreateInitializedTableAsync();
        await JoinAsync(table, Entry(1, SiloStatus.Active));
        var otherCluster = CreateTable(AzuriteFixture.UniqueName("cluster"));
        await otherCluster.InitializeMembershipTable(true);
        await JoinAsync(otherCluster, Entry(1, SiloStatus.Active));

        await table.DeleteMembershipTableEntries(_clusterId);

        var data = await table.ReadAll();
        Assert.Empty(data.Members);
        Assert.Equal(0, data.Version.Version);
        Assert.Single((await otherCluster.ReadAll()).Members);
    }

    [Fact]
    public async Task AClusterCanStartAgainAfterItsEntriesWereDeleted()
    {
        var table = await CreateInitializedTableAsync();
        await JoinAsync(table, Entry(1, SiloStatus.Active));
        await table.DeleteMembershipTableEntries(_clusterId);

        await table.InitializeMembershipTable(true);
        await JoinAsync(table, Entry(2, SiloStatus.Active));

        Assert.Equal(Silo(2), Assert.Single((await table.ReadAll()).Members).Item1.SiloAddress);
    }

    [Fact]
    public async Task GatewayListHasOnlyActiveSilosWithProxyPorts()
    {
        var table = await CreateInitializedTableAsync();
        var gateway = Entry(1, SiloStatus.Active);
        var noProxy = Entry(2, SiloStatus.Active);
        noProxy.ProxyPort = 0;
        var joining = Entry(3, SiloStatus.Joining);
        var dead = Entry(4, SiloStatus.Dead);
        foreach (var entry in new[] { gateway, noProxy, joining, dead })
        {
            await JoinAsync(table, entry);
        }
        var provider = CreateGatewayListProvider(TimeSpan.FromSeconds(7));
        await provider.InitializeGatewayListProvider();

        var gateways = await provider.GetGateways();

        var expected = SiloAddress.New(gateway.SiloAddress.Endpoint.Address, gateway.ProxyPort, gateway.SiloAddress.Generation).ToGatewayUri();
        Assert.Equal(expected, Assert.Single(gateways));
        Assert.True(provider.IsUpdatable);
        Assert.Equal(TimeSpan.FromSeconds(7), provider.MaxStaleness);
    }

    [Fact]
    public async Task GatewayListOfAMissingTableIsEmpty()
    {
        var provider = CreateGatewayListProvider(TimeSpan.FromSeconds(1));

        Assert.Empty(await provider.GetGateways());
    }

    private AzureTableMembershipTable CreateTable(string? clusterId = null) => new(
        Options.Create(new AzureTableClusteringOptions { ConnectionString = azurite.ConnectionString, TableName = _tableName }),
        Options.Create(new ClusterOptions { ClusterId = clusterId ?? _clusterId, ServiceId = "membership-tests" }),
        NullLogger<AzureTableMembershipTable>.Instance);

    private AzureTableGatewayListProvider CreateGatewayListProvider(TimeSpan refreshPeriod) => new(
        Options.Create(new AzureTableClusteringOptions { ConnectionString = azurite.ConnectionString, TableName = _tableName }),
        Options.Create(new ClusterOptions { ClusterId = _clusterId, ServiceId = "membership-tests" }),
        Options.Create(new GatewayOptions { GatewayListRefreshPeriod = refreshPeriod }));

    private async Task<AzureTableMembershipTable> CreateInitializedTableAsync()
    {
        var table = CreateTable();
        await table.InitializeMembershipTable(true);
        return table;
    }

    private static async Task JoinAsync(AzureTableMembershipTable table, MembershipEntry entry) =>
        Assert.True(await table.InsertRow(entry, (await table.ReadAll()).Version.Next()));

    private static SiloAddress Silo(int index) => SiloAddress.New(IPAddress.Loopback, 11000 + index, 1000 + index);

    private static MembershipEntry Entry(int index, SiloStatus status) => new()
    {
        SiloAddress = Silo(index),
        Status = status,
        ProxyPort = 30000 + index,
        HostName = $"host-{index}",
        SiloName = $"silo-{index}",
        RoleName = "IncidentActors.Silo",
        UpdateZone = index % 3,
        FaultZone = index % 2,
        StartTime = Start,
        IAmAliveTime = Start,
        SuspectTimes = [],
    };
}
