using Grpc.Core;
using IncidentActors.Api.V1;
using IncidentActors.Testing;
using Xunit;

namespace IncidentActors.Tests.EndToEnd;

/// <summary>An enterprise-wide event across three business units, over the public gRPC API.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class EnterpriseEventApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly string[] Units = ["retail", "bank", "insurance"];

    private RunningSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await RunningSilo.StartAsync(azurite);

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task ProposedEventTakesCentralCommandDecidesForEveryUnitHandsBackAndCloses()
    {
        var incidents = new Api.V1.Incidents.IncidentsClient(_silo.Channel);
        var command = new Api.V1.Command.CommandClient(_silo.Channel);
        var ids = new Dictionary<string, string>();
        foreach (var unit in Units)
        {
            await new Api.V1.BusinessUnits.BusinessUnitsClient(_silo.Channel).DefineBusinessUnitAsync(new BusinessUnit
            {
                Id = unit, Name = unit, HomeRegion = "local", StandardLifecycle = StandardLifecycle.Itil,
                MajorIncidentStakeholders = { $"{unit}-exec" },
            });
            await new ServiceCatalog.ServiceCatalogClient(_silo.Channel).RegisterServiceAsync(new RegisterServiceRequest
            {
                Id = $"{unit}-payments", Name = "Payments", OwnerTeam = $"{unit}-sre", BusinessUnitId = unit,
            });
            var opened = await new AlertIntake.AlertIntakeClient(_silo.Channel).SendAlertAsync(new AlertEvent
            {
                ServiceId = $"{unit}-payments", Action = AlertAction.Trigger, DedupKey = "card-network", Summary = "Card network unreachable",
                Source = "prometheus", Severity = AlertSeverity.Critical,
            });
            ids[unit] = opened.IncidentId;
            await incidents.DeclareMajorIncidentAsync(new DeclareMajorIncidentRequest
            {
                Id = opened.IncidentId, Criterion = MajorIncidentCriterion.ByHand,
            }, await _silo.As($"{unit}-oncall"));
        }

        var proposal = await Eventually.Get(async () => (await command.ListEventProposalsAsync(new ListEventProposalsRequest())).Proposals.ToList(),
            p => p.Count > 0, what: "an enterprise-wide event proposal");
        var opened2 = await command.AcceptEventProposalAsync(new AcceptEventProposalRequest
        {
            ProposalId = proposal[0].Id, EventId = "card-network-outage", Title = "Card network outage",
        }, await _silo.As("gcc-lead"));
        var covered = opened2.Children.Select(c => c.IncidentId).ToHashSet();
        foreach (var missing in ids.Values.Where(id => !covered.Contains(id)))
        {
            await command.AttachIncidentAsync(new EventIncidentRequest { EventId = "card-network-outage", IncidentId = missing }, await _silo.As("gcc-lead"));
        }
        await command.DecideEventSeverityAsync(new DecideEventSeverityRequest { EventId = "card-network-outage", Severity = IncidentSeverity.Sev1 }, await _silo.As("gcc-lead"));
        await command.PublishEventUpdateAsync(new PublishEventUpdateRequest { EventId = "card-network-outage", Message = "Card payments failing; next update in 30 min." }, await _silo.As("gcc-lead"));

        var denied = await Assert.ThrowsAsync<RpcException>(async () => await command.DecideEventSeverityAsync(new DecideEventSeverityRequest
        {
            EventId = "card-network-outage", Severity = IncidentSeverity.Sev4,
        }, await _silo.As("retail-oncall")).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        var local = await Assert.ThrowsAsync<RpcException>(async () => await incidents.AssessImpactAsync(new AssessImpactRequest
        {
            Id = ids["bank"], Impact = BusinessImpact.Minor, Urgency = Urgency.Low,
        }, await _silo.As("bank-oncall")).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, local.StatusCode);

        await command.HandBackIncidentAsync(new EventIncidentRequest { EventId = "card-network-outage", IncidentId = ids["insurance"] }, await _silo.As("gcc-lead"));
        var early = await Assert.ThrowsAsync<RpcException>(async () => await command.CloseEventAsync(new CloseEventRequest { EventId = "card-network-outage" }, await _silo.As("gcc-lead")).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, early.StatusCode);
        foreach (var unit in new[] { "retail", "bank" })
        {
            await incidents.ResolveIncidentAsync(new ResolveIncidentRequest { Id = ids[unit] }, await _silo.As($"{unit}-oncall"));
        }
        var closed = await command.CloseEventAsync(new CloseEventRequest { EventId = "card-network-outage" }, await _silo.As("gcc-lead"));

        Assert.NotNull(closed.ClosedAt);
        Assert.Equal(IncidentSeverity.Sev1, closed.Severity);
        Assert.Equal(3, closed.Children.Count);
        Assert.Equal(["insurance"], closed.Children.Where(c => !c.CentralCommand).Select(c => c.BusinessUnitId).ToArray());
        foreach (var unit in Units)
        {
            var incident = await incidents.GetIncidentAsync(new GetIncidentRequest { Id = ids[unit] });
            Assert.Equal(IncidentSeverity.Sev1, incident.IncidentSeverity);
            Assert.Null(incident.CentralCommand);
            Assert.Contains(incident.Timeline, e => e.Kind == TimelineEntryKind.CentralDecision && e.Message.Contains("next update in 30 min"));
            Assert.Equal([$"{unit}-exec"], incident.Major.NotifiedStakeholders.ToArray());
        }
        var insurance = await incidents.GetIncidentAsync(new GetIncidentRequest { Id = ids["insurance"] });
        Assert.Contains(insurance.Timeline, e => e.Kind == TimelineEntryKind.HandedBackToLocalCommand);
        Assert.DoesNotContain(insurance.Timeline, e => e.Kind == TimelineEntryKind.CentralDecision && e.Message.Contains("event is closed"));
    }
}
