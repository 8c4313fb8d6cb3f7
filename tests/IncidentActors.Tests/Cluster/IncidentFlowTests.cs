using IncidentActors.Alerts;
using IncidentActors.BusinessUnits;
using IncidentActors.Errors;
using IncidentActors.Incidents;
using IncidentActors.Services;
using IncidentActors.Testing;
using Orleans.Storage;
using Orleans.TestingHost;
using Xunit;

namespace IncidentActors.Tests.Cluster;

/// <summary>The alert → incident flow on a three-silo cluster over Azurite, sharing one cluster.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class IncidentFlowTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private InProcessTestCluster _cluster = null!;

    private IGrainFactory Grains => _cluster.Client;

    public async Task InitializeAsync() => _cluster = await TestClusters.StartAsync(azurite, TestClusters.NewServiceId());

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task RepeatedTriggersOfOneDedupKeyOpenOneIncident()
    {
        var service = await Register("checkout");

        var first = await service.Ingest(Alerts.Trigger("checkout", "latency"));
        var outcomes = new List<AlertOutcome>();
        for (var i = 0; i < 5; i++)
        {
            outcomes.Add(await service.Ingest(Alerts.Trigger("checkout", "latency")));
        }

        Assert.Equal(AlertDisposition.Opened, first.Disposition);
        Assert.All(outcomes, o => Assert.Equal(AlertDisposition.Deduplicated, o.Disposition));
        Assert.All(outcomes, o => Assert.Equal(first.IncidentId, o.IncidentId));
        Assert.Equal(6, outcomes[^1].AlertCount);
        var incident = await Grains.GetGrain<IIncidentGrain>(first.IncidentId!).Get();
        Assert.Equal(6, incident.AlertCount);
        Assert.Equal(IncidentStatus.Triggered, incident.Status);
    }

    [Fact]
    public async Task CreatingAnIncidentThatExistsChangesNothing()
    {
        var service = await Register("inventory");
        var opened = await service.Ingest(Alerts.Trigger("inventory", "stock-sync"));
        var incident = Grains.GetGrain<IIncidentGrain>(opened.IncidentId!);
        var definition = Alerts.Service("inventory", "retail");
        var unit = Grains.GetGrain<IBusinessUnitGrain>("retail");
        var shared = new IncidentOpening(await unit.GetPolicy(), await unit.GetClassificationRules(), 0);

        // Once while the incident is active, once on a fresh activation that has read nothing yet.
        await Assert.ThrowsAsync<IllegalTransitionException>(() => incident.Create(Alerts.Trigger("inventory", "stock-sync"), definition, shared));
        await Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => incident.Create(Alerts.Trigger("inventory", "stock-sync"), definition, shared));

        var view = await incident.Get();
        Assert.Equal(1, view.AlertCount);
        Assert.Single(view.Timeline, e => e.Kind == TimelineEntryKind.Opened);
    }

    [Fact]
    public async Task TriggerOfAnIncidentItsServiceNeverCreatedOpensAndListsIt()
    {
        // A service stores an incident's id before creating it; should it die in between, its replayed trigger reaches an incident never created.
        await Register("billing");
        var incident = Grains.GetGrain<IIncidentGrain>($"billing-{Guid.NewGuid():N}");

        var result = await incident.Trigger(Alerts.Trigger("billing", "invoice-run"), Alerts.Service("billing"));

        Assert.True(result.Opened);
        var view = await incident.Get();
        Assert.Equal(IncidentStatus.Triggered, view.Status);
        Assert.Equal("retail", view.BusinessUnitId);
        Assert.Single(view.Timeline, e => e.Kind == TimelineEntryKind.Opened);
        var listed = new List<IncidentSummary>();
        foreach (var page in await IncidentIndexPages.AllAsync(Grains, "retail", CancellationToken.None))
        {
            listed.AddRange((await page.Query(new IncidentQuery(null, null, 500, null))).Incidents);
        }
        Assert.Contains(listed, summary => summary.Id == view.Id);
    }

    [Fact]
    public async Task TriggerAfterResolveOpensANewIncident()
    {
        var service = await Register("payments");
        var first = await service.Ingest(Alerts.Trigger("payments", "card-declines"));

        var resolved = await service.Ingest(Alerts.Resolve("payments", "card-declines"));
        var again = await service.Ingest(Alerts.Trigger("payments", "card-declines"));

        Assert.Equal(AlertDisposition.Resolved, resolved.Disposition);
        Assert.Equal(AlertDisposition.Opened, again.Disposition);
        Assert.NotEqual(first.IncidentId, again.IncidentId);
    }

    [Fact]
    public async Task TriggerAfterAResponderResolvedOpensANewIncident()
    {
        var service = await Register("search");
        var first = await service.Ingest(Alerts.Trigger("search", "index-lag"));
        await Grains.GetGrain<IIncidentGrain>(first.IncidentId!).Resolve(new ResponderAction("alice", "reindexed"));

        var again = await service.Ingest(Alerts.Trigger("search", "index-lag"));

        Assert.Equal(AlertDisposition.Opened, again.Disposition);
        Assert.NotEqual(first.IncidentId, again.IncidentId);
    }

    [Fact]
    public async Task AcknowledgeAndResolveAreTimelineEntriesWithWhoAndWhen()
    {
        var service = await Register("inventory");
        var opened = await service.Ingest(Alerts.Trigger("inventory", "stock-sync"));
        var incident = Grains.GetGrain<IIncidentGrain>(opened.IncidentId!);

        await incident.Acknowledge(new ResponderAction("alice", "looking"));
        var resolved = await incident.Resolve(new ResponderAction("bob", null));

        Assert.Equal([TimelineEntryKind.Opened, TimelineEntryKind.Acknowledged, TimelineEntryKind.Resolved], resolved.Timeline.Select(e => e.Kind));
        Assert.Equal(["integration:grpc", "alice", "bob"], resolved.Timeline.Select(e => e.Actor));
        Assert.Equal("Acknowledged (triggered → acknowledged): looking", resolved.Timeline[1].Message);
        Assert.Equal(resolved.AcknowledgedAt, resolved.Timeline[1].At);
        Assert.True((await incident.VerifyTimeline()).Intact);
    }

    [Fact]
    public async Task AcknowledgingAResolvedIncidentFailsAndChangesNothing()
    {
        var service = await Register("shipping");
        var opened = await service.Ingest(Alerts.Trigger("shipping", "label-printer"));
        var incident = Grains.GetGrain<IIncidentGrain>(opened.IncidentId!);
        var resolved = await incident.Resolve(new ResponderAction("alice", null));

        await Assert.ThrowsAsync<IllegalTransitionException>(() => incident.Acknowledge(new ResponderAction("bob", null)));

        var after = await incident.Get();
        Assert.Equal(resolved.Version, after.Version);
        Assert.Equal<TimelineEntry>(resolved.Timeline, after.Timeline);
    }

    [Fact]
    public async Task AlertForAnUnregisteredServiceIsNotFound()
    {
        var error = await Assert.ThrowsAsync<ResourceNotFoundException>(() =>
            Grains.GetGrain<IServiceGrain>("ghost").Ingest(Alerts.Trigger("ghost", "x")));

        Assert.Equal("ghost", error.ResourceId);
    }

    [Fact]
    public async Task InvalidAlertCarriesItsFieldViolationsAcrossTheCluster()
    {
        var service = await Register("mail");

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            service.Ingest(Alerts.Trigger("mail", "smtp") with { Summary = "", Source = "" }));

        Assert.Equal(["summary", "source"], error.Violations.Select(v => v.Field));
        var listing = await Grains.GetGrain<IIncidentSearchGrain>(0).Search(null, new IncidentQuery("mail", null, 10, null));
        Assert.Empty(listing.Incidents);
    }

    [Fact]
    public async Task ListingsFilterByServiceUnitAndStatusWithPaging()
    {
        var checkout = await Register("web-checkout", "ecommerce");
        var catalog = await Register("web-catalog", "ecommerce");
        await Register("ledger", "finance");
        for (var i = 0; i < 7; i++)
        {
            await checkout.Ingest(Alerts.Trigger("web-checkout", $"k{i}"));
        }
        var resolvedOne = await catalog.Ingest(Alerts.Trigger("web-catalog", "k0"));
        await catalog.Ingest(Alerts.Resolve("web-catalog", "k0"));
        await Grains.GetGrain<IServiceGrain>("ledger").Ingest(Alerts.Trigger("ledger", "k0"));
        var search = Grains.GetGrain<IIncidentSearchGrain>(0);

        var ids = new List<string>();
        IncidentCursor? after = null;
        do
        {
            var page = await search.Search("ecommerce", new IncidentQuery("web-checkout", null, 3, after));
            ids.AddRange(page.Incidents.Select(i => i.Id));
            after = page.Next;
        }
        while (after is not null);
        var resolved = await search.Search("ecommerce", new IncidentQuery(null, IncidentStatus.Resolved, 10, null));
        var everywhere = await search.Search(null, new IncidentQuery(null, null, 100, null));

        Assert.Equal(7, ids.Distinct().Count());
        Assert.Equal(resolvedOne.IncidentId, Assert.Single(resolved.Incidents).Id);
        Assert.Contains(everywhere.Incidents, i => i.BusinessUnitId == "finance");
        Assert.Contains(everywhere.Incidents, i => i.BusinessUnitId == "ecommerce");
    }

    private async Task<IServiceGrain> Register(string id, string businessUnit = "retail")
    {
        var service = Grains.GetGrain<IServiceGrain>(id);
        await service.Register(Alerts.Service(id, businessUnit));
        return service;
    }
}
