using Azure.Storage.Blobs;
using IncidentActors.Audit;
using IncidentActors.BusinessUnits;
using IncidentActors.Deadlines;
using IncidentActors.Errors;
using IncidentActors.Incidents;
using IncidentActors.Testing;
using IncidentActors.Tests.Cluster;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using Xunit;

namespace IncidentActors.Tests.Incidents.Retention;

/// <summary>
/// Retention on a fake clock, on Azurite: resolved incidents leave hot state for the blob archive after their unit's
/// days, still readable by auditors and checked against what hot state kept, then the archive goes too; legal holds
/// keep both from happening.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RetentionTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly ResponderAction Alice = new("alice", null);

    private readonly string _serviceId = TestClusters.NewServiceId();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private InProcessTestCluster _cluster = null!;

    private IGrainFactory Grains => _cluster.Client;

    public async Task InitializeAsync() => _cluster = await TestClusters.StartAsync(azurite, _serviceId, silos: 1, _clock);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task AResolvedIncidentIsArchivedWholeAfterItsUnitsDaysThenItsArchiveIsDeleted()
    {
        var unit = await UnitAsync(new RetentionPolicy(30, 90));
        var incident = await ResolvedIncidentAsync(unit);
        var before = await incident.Get();

        _clock.Advance(TimeSpan.FromDays(29));
        await SettleAsync();
        Assert.Null((await incident.Summarize()).ArchivedAt);

        _clock.Advance(TimeSpan.FromDays(1));
        var archivedAt = (await ArchivedAsync(incident)).ArchivedAt!.Value;

        // Hot state keeps a stub: no pages, alert details or timeline beyond its last entry.
        var stub = await StoredStates.ReadAsync<IncidentState>(_cluster, "incident", incident.GetGrainId());
        Assert.Equal((1, 0, 0), (stub.Timeline.Count, stub.Pages.Count, stub.CustomDetails.Count));
        Assert.Equal(TimelineEntryKind.Archived, stub.Timeline[0].Kind);
        var refused = await Assert.ThrowsAsync<IllegalTransitionException>(() => incident.Get());
        Assert.Contains("Audit/GetArchivedIncident", refused.Message);
        await Assert.ThrowsAsync<IllegalTransitionException>(() => incident.Transition("acknowledged", Alice));
        Assert.Equal(IncidentStatus.Resolved, await incident.GetStatus());

        // The archive holds the incident whole, and both checks pass.
        var archived = await incident.ReadArchive();
        Assert.True(archived.ContentIntact);
        Assert.True(archived.Timeline.Intact, archived.Timeline.Detail);
        Assert.Equal(before.Timeline.AsEnumerable(), archived.Incident.Timeline.SkipLast(1));
        Assert.Equal((TimelineEntryKind.Archived, IncidentRetention.Actor), (archived.Incident.Timeline[^1].Kind, archived.Incident.Timeline[^1].Actor));
        Assert.Equal((before.Title, before.ResolvedBy), (archived.Incident.Title, archived.Incident.ResolvedBy));
        Assert.Equal(before.Pages.AsEnumerable(), archived.Incident.Pages);
        Assert.True((await incident.VerifyTimeline()).Intact);
        Assert.Equal(before.Timeline.Length + 1, (await incident.Export(redacted: true)).Timeline.Length);
        Assert.True(await Blob(unit, incident).ExistsAsync());

        // Listed only to those who ask for archived incidents, with the time it was archived.
        var search = Grains.GetGrain<IIncidentSearchGrain>(0);
        var listed = await Eventually.Get(() => search.Search(unit, new IncidentQuery(null, null, 10, null, IncludeArchived: true)),
            page => page.Incidents.SingleOrDefault()?.ArchivedAt is not null, what: "the listing to show the incident archived");
        Assert.Equal(incident.GetPrimaryKeyString(), listed.Incidents.Single().Id);
        Assert.Empty((await search.Search(unit, new IncidentQuery(null, null, 10, null))).Incidents);

        _clock.Advance(TimeSpan.FromDays(60));
        await Eventually.True(async () => !await Blob(unit, incident).ExistsAsync(), what: "the archive to be deleted");
        await Eventually.Get(Probe(incident, async () => (await StoredStates.ReadAsync<IncidentState>(_cluster, "incident", incident.GetGrainId())).Archive!),
            archive => archive.DeletedAt is not null, what: "the stub to record the deletion");
        Assert.Contains("deleted", (await Assert.ThrowsAsync<IllegalTransitionException>(() => incident.ReadArchive())).Message);
        Assert.Equal(["retention/archive", "retention/delete-archive"], await RetentionAuditAsync(unit, incident, archivedAt, _clock.GetUtcNow()));
    }

    [Fact]
    public async Task ALegalHoldOnTheIncidentOrItsUnitKeepsItInHotStateUntilReleased()
    {
        var unit = await UnitAsync(new RetentionPolicy(10, 0));
        var heldUnit = await UnitAsync(new RetentionPolicy(10, 0));
        var held = await ResolvedIncidentAsync(unit);
        var free = await ResolvedIncidentAsync(unit);
        var inHeldUnit = await ResolvedIncidentAsync(heldUnit);
        await held.PlaceLegalHold("matter 2026-117: preserve checkout incidents", new ResponderAction("lena", null));
        await Grains.GetGrain<IBusinessUnitGrain>(heldUnit).PlaceLegalHold("regulator inquiry", "lena");

        _clock.Advance(TimeSpan.FromDays(10));
        await ArchivedAsync(free);
        await SettleAsync();
        var stillHeld = await held.Get();
        Assert.Equal(("matter 2026-117: preserve checkout incidents", "lena"), (stillHeld.LegalHold!.Reason, stillHeld.LegalHold.PlacedBy));
        Assert.Contains(stillHeld.Timeline, e => e.Kind == TimelineEntryKind.LegalHoldPlaced && e.Actor == "lena");
        Assert.Null((await inHeldUnit.Summarize()).ArchivedAt);

        // An incident's own hold released: archived at once. The unit's: at each incident's next check.
        Assert.True(await held.ReleaseLegalHold(new ResponderAction("lena", "matter settled")));
        await ArchivedAsync(held);
        Assert.Contains((await held.ReadArchive()).Incident.Timeline, e => e.Kind == TimelineEntryKind.LegalHoldReleased);
        Assert.True(await Grains.GetGrain<IBusinessUnitGrain>(heldUnit).ReleaseLegalHold());
        _clock.Advance(TimeSpan.FromDays(1));
        await ArchivedAsync(inHeldUnit);
        Assert.False(await held.ReleaseLegalHold(Alice));
    }

    [Fact]
    public async Task AHoldOnAnArchivedIncidentKeepsItsArchive()
    {
        var unit = await UnitAsync(new RetentionPolicy(5, 20));
        var incident = await ResolvedIncidentAsync(unit);
        _clock.Advance(TimeSpan.FromDays(5));
        await ArchivedAsync(incident);

        var hold = await incident.PlaceLegalHold("litigation hold", new ResponderAction("lena", null));
        _clock.Advance(TimeSpan.FromDays(30));
        await SettleAsync();

        Assert.True(await Blob(unit, incident).ExistsAsync());
        Assert.Equal(hold, (await incident.ReadArchive()).Incident.LegalHold);
        await incident.ReleaseLegalHold(new ResponderAction("lena", null));
        await Eventually.True(async () => !await Blob(unit, incident).ExistsAsync(), what: "the archive to be deleted once released");
    }

    [Fact]
    public async Task AnArchiveChangedRemovedOrSwappedBehindTheBackendsBackIsToldApart()
    {
        var unit = await UnitAsync(new RetentionPolicy(1, 0));
        var incidents = new[] { await ResolvedIncidentAsync(unit), await ResolvedIncidentAsync(unit), await ResolvedIncidentAsync(unit), await ResolvedIncidentAsync(unit) };
        _clock.Advance(TimeSpan.FromDays(1));
        foreach (var incident in incidents)
        {
            await ArchivedAsync(incident);
        }
        var (changed, removed, swapped, donor) = (incidents[0], incidents[1], incidents[2], incidents[3]);

        var content = (await Blob(unit, changed).DownloadContentAsync()).Value.Content.ToArray();
        content[content.Length / 2] ^= 0x01;
        await Blob(unit, changed).UploadAsync(BinaryData.FromBytes(content), overwrite: true);
        await Blob(unit, removed).DeleteAsync();
        // Another incident's archive, whole and signed with the right key, in place of this one's.
        await Blob(unit, swapped).UploadAsync((await Blob(unit, donor).DownloadContentAsync()).Value.Content, overwrite: true);

        var changedRead = await ReadOrRefusalAsync(changed);
        Assert.True(changedRead is IllegalTransitionException or ArchivedIncident { ContentIntact: false }, $"{changedRead}");
        Assert.Contains("missing", (await Assert.ThrowsAsync<IllegalTransitionException>(() => removed.ReadArchive())).Message);
        var swappedRead = await swapped.ReadArchive();
        Assert.False(swappedRead.ContentIntact);
        Assert.False(swappedRead.Timeline.Intact);
        Assert.True((await donor.ReadArchive()).ContentIntact);
    }

    /// <summary>Gives deadlines due by now the chance to fire, so that "nothing happened" is an observation.</summary>
    private async Task SettleAsync()
    {
        _clock.Advance(TimeSpan.Zero);
        await Task.WhenAll(DeadlineShards.All(Grains).Select(s => s.Ping()));
        await Task.Delay(200);
    }

    private static async Task<object> ReadOrRefusalAsync(IIncidentGrain incident)
    {
        try
        {
            return await incident.ReadArchive();
        }
        catch (IllegalTransitionException e)
        {
            return e;
        }
    }

    private async Task<string> UnitAsync(RetentionPolicy retention)
    {
        var unit = AzuriteFixture.UniqueName("unit");
        await Grains.GetGrain<IBusinessUnitGrain>(unit).Define(BusinessUnitDefaults.For(unit) with { HomeRegion = TestClusters.Region, Retention = retention });
        return unit;
    }

    private async Task<IIncidentGrain> ResolvedIncidentAsync(string unit)
    {
        var incident = await Cluster.Alerts.OpenIncidentAsync(Grains, unit);
        await incident.Acknowledge(Alice);
        await incident.Resolve(Alice);
        return incident;
    }

    private Task<IncidentSummary> ArchivedAsync(IIncidentGrain incident) =>
        Eventually.Get(Probe(incident, () => incident.Summarize()), s => s.ArchivedAt is not null, what: $"{incident.GetPrimaryKeyString()} to be archived");

    private Func<Task<T>> Probe<T>(IIncidentGrain incident, Func<Task<T>> read) => () =>
    {
        _clock.Advance(TimeSpan.Zero);
        return read();
    };

    private BlobClient Blob(string unit, IIncidentGrain incident) =>
        new BlobContainerClient(azurite.ConnectionString, "incidentactors-archive").GetBlobClient($"{_serviceId}/{unit}/{incident.GetPrimaryKeyString()}");

    private async Task<string[]> RetentionAuditAsync(string unit, IIncidentGrain incident, params DateTimeOffset[] days)
    {
        var operations = new List<string>();
        foreach (var day in days.Select(d => DateOnly.FromDateTime(d.UtcDateTime)).Distinct())
        {
            var page = await Grains.GetGrain<IAuditLogGrain>(IAuditLogGrain.Key(unit, day)).Read(0, 100);
            operations.AddRange(page.Entries.Where(e => e.Target == incident.GetPrimaryKeyString() && e.PrincipalId == IncidentRetention.Actor).Select(e => e.Operation));
        }
        return [.. operations];
    }
}
