using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using IncidentActors.Api.V1;
using IncidentActors.Testing;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace IncidentActors.Tests.EndToEnd;

/// <summary>Incident metrics over gRPC on a real silo and Azurite: what counts, who may ask, and milestones corrected.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class MetricsApiTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task AnIncidentResolvedOverGrpcShowsInItsUnitsMetricsAndADrillDoesNot()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(DateTime.UtcNow.Date.AddHours(9), TimeSpan.Zero));
        await using var silo = await RunningSilo.StartAsync(azurite, clock);
        var (retail, bank, service) = (AzuriteFixture.UniqueName("retail"), AzuriteFixture.UniqueName("bank"), AzuriteFixture.UniqueName("checkout"));
        await DefineUnitAsync(silo, retail, service);
        await silo.GrantAsync("carol", Role.Responder, retail);
        await silo.GrantAsync("olive", Role.Observer, retail);
        await silo.GrantAsync("audrey", Role.Auditor, retail);
        await silo.GrantAsync("ursula", Role.UnitAdmin, retail);
        await silo.GrantAsync("bart", Role.Observer, bank);
        var intake = new AlertIntake.AlertIntakeClient(silo.Channel);
        var incidents = new Api.V1.Incidents.IncidentsClient(silo.Channel);
        var carol = Person(silo, "carol");

        var start = clock.GetUtcNow();
        var real = await intake.SendAlertAsync(Alert(service, "latency", start.AddMinutes(-10)));
        var drill = await intake.SendAlertAsync(Alert(service, "drill-latency", start.AddMinutes(-10), drill: true));
        clock.Advance(TimeSpan.FromMinutes(5));
        await incidents.AcknowledgeIncidentAsync(new AcknowledgeIncidentRequest { Id = real.IncidentId }, carol);
        await incidents.AcknowledgeIncidentAsync(new AcknowledgeIncidentRequest { Id = drill.IncidentId }, carol);
        clock.Advance(TimeSpan.FromMinutes(30));
        await incidents.ResolveIncidentAsync(new ResolveIncidentRequest { Id = real.IncidentId }, carol);
        await incidents.ResolveIncidentAsync(new ResolveIncidentRequest { Id = drill.IncidentId }, carol);

        var query = new QueryMetricsRequest { BusinessUnitId = retail, From = Timestamp.FromDateTimeOffset(start.AddDays(-1)),
            To = Timestamp.FromDateTimeOffset(start.AddDays(1)), BucketSize = MetricsBucketSize.Day };
        var olive = new Api.V1.Metrics.MetricsClient(silo.ChannelFor(TestTokens.For("olive")));
        var total = (await Eventually.Get(() => olive.QueryMetricsAsync(query).ResponseAsync, r => r.Total.TimeToResolve.Count == 1,
            what: "the resolved incident in the metrics")).Total;
        Assert.Equal(1, total.Incidents);
        Assert.Equal((TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(35)),
            (total.TimeToDetect.Mean.ToTimeSpan(), total.TimeToAcknowledge.P50.ToTimeSpan(), total.TimeToResolve.P90.ToTimeSpan()));
        Assert.Equal((1.0, 1.0, 1, 1.0), (total.AcknowledgeSlaCompliance, total.ResolveSlaCompliance, total.Services, total.IncidentsPerService));
        Assert.Equal([("SEV2", 1)], total.BySeverity.Select(e => (e.Key, e.Value)));
        Assert.True((await incidents.GetIncidentAsync(new GetIncidentRequest { Id = drill.IncidentId })).Drill);
        Assert.Equal(1, (await new Api.V1.Metrics.MetricsClient(silo.ChannelFor(TestTokens.For("audrey"))).QueryMetricsAsync(query)).Total.Incidents);
        Assert.Equal(StatusCode.PermissionDenied,
            await RpcStatus.Of(() => new Api.V1.Metrics.MetricsClient(silo.ChannelFor(TestTokens.For("bart"))).QueryMetricsAsync(query).ResponseAsync));

        // The customer reported it an hour before the alert: a commander corrects detection, and MTTD follows.
        var correction = new CorrectMilestoneRequest { Id = real.IncidentId, Milestone = Milestone.Detected,
            At = Timestamp.FromDateTimeOffset(start.AddMinutes(-60)), Note = "customer call at 08:00" };
        Assert.Equal(StatusCode.PermissionDenied, await RpcStatus.Of(() => incidents.CorrectMilestoneAsync(correction, carol).ResponseAsync));
        var corrected = await incidents.CorrectMilestoneAsync(correction, await silo.As("cmdr"));
        Assert.Equal((TimelineEntryKind.MilestoneCorrected, "cmdr"), (corrected.Timeline[^1].Kind, corrected.Timeline[^1].Actor));
        Assert.Equal(start.AddMinutes(-60), corrected.Milestones.DetectedAt.ToDateTimeOffset());
        await Eventually.Get(() => olive.QueryMetricsAsync(query).ResponseAsync, r => r.Total.TimeToDetect.Mean.ToTimeSpan() == TimeSpan.FromMinutes(60),
            what: "the corrected detection in the metrics");
        var asCommander = await silo.As("cmdr");
        var backwards = await Assert.ThrowsAsync<RpcException>(() => incidents.CorrectMilestoneAsync(new CorrectMilestoneRequest(correction)
        {
            Milestone = Milestone.Resolved, At = Timestamp.FromDateTimeOffset(start),
        }, asCommander).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, backwards.StatusCode);
        Assert.Equal(["at"], RpcStatus.Fields(backwards));

        Assert.Equal(StatusCode.PermissionDenied,
            await RpcStatus.Of(() => olive.ListGovernanceItemsAsync(new ListGovernanceItemsRequest { BusinessUnitId = retail }).ResponseAsync));
        Assert.Empty((await new Api.V1.Metrics.MetricsClient(silo.ChannelFor(TestTokens.For("ursula")))
            .ListGovernanceItemsAsync(new ListGovernanceItemsRequest { BusinessUnitId = retail })).Items);
    }

    [Fact]
    public async Task ARestrictedIncidentCountsOnlyForCallersWhoMaySeeIt()
    {
        await using var silo = await RunningSilo.StartAsync(azurite);
        var (retail, service) = (AzuriteFixture.UniqueName("retail"), AzuriteFixture.UniqueName("checkout"));
        await DefineUnitAsync(silo, retail, service);
        await silo.GrantAsync("olive", Role.Observer, retail);
        await silo.GrantAsync("sam", Role.Observer, retail);
        var start = DateTimeOffset.UtcNow;
        var intake = new AlertIntake.AlertIntakeClient(silo.Channel);
        await intake.SendAlertAsync(Alert(service, "latency", null));
        var breach = await intake.SendAlertAsync(Alert(service, "exfiltration", null));
        await new Api.V1.Incidents.IncidentsClient(silo.Channel).RestrictIncidentAsync(
            new RestrictIncidentRequest { Id = breach.IncidentId, Groups = { "secops" } }, await silo.As("cmdr"));

        var query = new QueryMetricsRequest { BusinessUnitId = retail, From = Timestamp.FromDateTimeOffset(start.AddHours(-1)),
            To = Timestamp.FromDateTimeOffset(start.AddHours(1)) };
        var commander = new Api.V1.Metrics.MetricsClient(silo.Channel);
        var asCommander = await silo.As("cmdr");
        await Eventually.Get(() => commander.QueryMetricsAsync(query, asCommander).ResponseAsync, r => r.Total.Incidents == 2,
            what: "both incidents in a commander's metrics");
        var olive = new Api.V1.Metrics.MetricsClient(silo.ChannelFor(TestTokens.For("olive")));
        var sam = new Api.V1.Metrics.MetricsClient(silo.ChannelFor(TestTokens.For("sam", ["secops"])));

        Assert.Equal(1, (await olive.QueryMetricsAsync(query)).Total.Incidents);
        Assert.Equal(2, (await sam.QueryMetricsAsync(query)).Total.Incidents);
    }

    [Fact]
    public async Task AResponderReportsAnIncidentBeforeAnyAlertAndIsItsOpener()
    {
        await using var silo = await RunningSilo.StartAsync(azurite);
        var (retail, service) = (AzuriteFixture.UniqueName("retail"), AzuriteFixture.UniqueName("checkout"));
        await DefineUnitAsync(silo, retail, service);
        await silo.GrantAsync("carol", Role.Responder, retail);
        await silo.GrantAsync("olive", Role.Observer, retail);
        var incidents = new Api.V1.Incidents.IncidentsClient(silo.Channel);
        var detected = DateTimeOffset.UtcNow.AddMinutes(-30);
        var report = new CreateIncidentRequest { ServiceId = service, Title = "Customers cannot pay by card", Severity = IncidentSeverity.Sev2,
            Description = "Three stores called", DetectedAt = Timestamp.FromDateTimeOffset(detected) };

        var created = await incidents.CreateIncidentAsync(report, Person(silo, "carol"));

        Assert.Equal((service, retail, "Customers cannot pay by card", IncidentSeverity.Sev2, false),
            (created.ServiceId, created.BusinessUnitId, created.Title, created.IncidentSeverity, created.Drill));
        Assert.Equal((TimelineEntryKind.Opened, "carol"), (created.Timeline[0].Kind, created.Timeline[0].Actor));
        Assert.Equal(detected, created.Milestones.DetectedAt.ToDateTimeOffset());
        Assert.Equal("Three stores called", created.CustomDetails["description"]);
        var again = await incidents.CreateIncidentAsync(new CreateIncidentRequest(report) { Drill = true }, Person(silo, "carol"));
        Assert.NotEqual(created.Id, again.Id);
        Assert.True(again.Drill);
        Assert.Equal(StatusCode.PermissionDenied, await RpcStatus.Of(() => incidents.CreateIncidentAsync(report, Person(silo, "olive")).ResponseAsync));
        var noSeverity = await Assert.ThrowsAsync<RpcException>(() =>
            incidents.CreateIncidentAsync(new CreateIncidentRequest(report) { Severity = IncidentSeverity.Unspecified }, Person(silo, "carol")).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, noSeverity.StatusCode);
        Assert.Equal(["severity"], RpcStatus.Fields(noSeverity));
    }

    [Fact]
    public async Task NotesAreWrittenByResponderAndAQueryWithoutARangeIsRefusedNamingTheField()
    {
        await using var silo = await RunningSilo.StartAsync(azurite);
        var (retail, service) = (AzuriteFixture.UniqueName("retail"), AzuriteFixture.UniqueName("checkout"));
        await DefineUnitAsync(silo, retail, service);
        await silo.GrantAsync("carol", Role.Responder, retail);
        await silo.GrantAsync("olive", Role.Observer, retail);
        var id = await silo.OpenIncidentAsync(service, retail, "disk", "Disk full");
        var incidents = new Api.V1.Incidents.IncidentsClient(silo.Channel);

        var noted = await incidents.AddNoteAsync(new AddNoteRequest { Id = id, Text = "Replica lag since the 08:50 deploy" }, Person(silo, "carol"));

        Assert.Equal((TimelineEntryKind.NoteAdded, "carol", "Replica lag since the 08:50 deploy"),
            (noted.Timeline[^1].Kind, noted.Timeline[^1].Actor, noted.Timeline[^1].Message));
        Assert.Equal(StatusCode.PermissionDenied,
            await RpcStatus.Of(() => incidents.AddNoteAsync(new AddNoteRequest { Id = id, Text = "x" }, Person(silo, "olive")).ResponseAsync));
        var empty = await Assert.ThrowsAsync<RpcException>(() => incidents.AddNoteAsync(new AddNoteRequest { Id = id }, Person(silo, "carol")).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, empty.StatusCode);
        Assert.Equal(["text"], RpcStatus.Fields(empty));
        var noRange = await Assert.ThrowsAsync<RpcException>(() => new Api.V1.Metrics.MetricsClient(silo.ChannelFor(TestTokens.For("olive")))
            .QueryMetricsAsync(new QueryMetricsRequest { BusinessUnitId = retail, From = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow) }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, noRange.StatusCode);
        Assert.Equal(["to"], RpcStatus.Fields(noRange));
    }

    private static Metadata Person(RunningSilo silo, string person) => new() { { "authorization", $"Bearer {TestTokens.For(person)}" } };

    private static Api.V1.AlertEvent Alert(string service, string key, DateTimeOffset? startedAt, bool drill = false) => new()
    {
        ServiceId = service, Action = AlertAction.Trigger, DedupKey = key, Summary = $"{key} on {service}", Source = "prometheus",
        Severity = AlertSeverity.Error, StartedAt = startedAt is { } at ? Timestamp.FromDateTimeOffset(at) : null, Drill = drill,
    };

    private static async Task DefineUnitAsync(RunningSilo silo, string unit, string service)
    {
        await new Api.V1.BusinessUnits.BusinessUnitsClient(silo.Channel).DefineBusinessUnitAsync(new BusinessUnit
        {
            Id = unit, Name = unit, HomeRegion = "emea", StandardLifecycle = StandardLifecycle.Sre,
            MetricTargets = new MetricTargets
            {
                Severities =
                {
                    new SeverityTarget { Severity = IncidentSeverity.Sev2, AcknowledgeWithin = Duration.FromTimeSpan(TimeSpan.FromMinutes(15)),
                        ResolveWithin = Duration.FromTimeSpan(TimeSpan.FromHours(4)) },
                },
            },
        });
        await new ServiceCatalog.ServiceCatalogClient(silo.Channel).RegisterServiceAsync(new RegisterServiceRequest
        {
            Id = service, Name = service, OwnerTeam = "payments", BusinessUnitId = unit,
        });
    }
}
