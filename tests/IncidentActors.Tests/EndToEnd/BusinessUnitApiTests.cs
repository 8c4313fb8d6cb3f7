using Grpc.Core;
using IncidentActors.Api.V1;
using IncidentActors.Testing;
using Xunit;

namespace IncidentActors.Tests.EndToEnd;

/// <summary>Business units and their process over the public gRPC API.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BusinessUnitApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private RunningSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await RunningSilo.StartAsync(azurite);

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task UnitWithACustomModelDrivesItsIncidentsAndRefusesIllegalMoves()
    {
        var units = new Api.V1.BusinessUnits.BusinessUnitsClient(_silo.Channel);
        var incidents = new Api.V1.Incidents.IncidentsClient(_silo.Channel);
        var defined = await units.DefineBusinessUnitAsync(new BusinessUnit
        {
            Id = "payments", Name = "Payments", HomeRegion = "emea",
            CustomLifecycle = new LifecycleModel
            {
                Name = "payments-flow",
                States =
                {
                    new LifecycleState { Name = "detected", Phase = LifecyclePhase.Open },
                    new LifecycleState { Name = "triaged", Phase = LifecyclePhase.Acknowledged, PublicStatus = PublicStatus.Identified },
                    new LifecycleState { Name = "fixed", Phase = LifecyclePhase.Resolved },
                    new LifecycleState { Name = "audited", Phase = LifecyclePhase.Closed },
                },
                Transitions =
                {
                    new LifecycleTransition { From = "detected", To = "triaged" },
                    new LifecycleTransition { From = "detected", To = "fixed" },
                    new LifecycleTransition { From = "triaged", To = "fixed" },
                    new LifecycleTransition { From = "fixed", To = "audited" },
                },
            },
            RegulatoryTags = { new RegulatoryTag { Tag = "pci", Stakeholders = { "compliance" } } },
        });
        Assert.Equal(4, defined.SeverityMatrix.Rows.Count);
        await new ServiceCatalog.ServiceCatalogClient(_silo.Channel).RegisterServiceAsync(new RegisterServiceRequest
        {
            Id = "card-auth", Name = "Card authorisation", OwnerTeam = "payments-sre", BusinessUnitId = "payments",
        });
        var opened = await new AlertIntake.AlertIntakeClient(_silo.Channel).SendAlertAsync(new AlertEvent
        {
            ServiceId = "card-auth", Action = AlertAction.Trigger, DedupKey = "declines", Summary = "Declines spiking",
            Source = "prometheus", Severity = AlertSeverity.Critical,
        });

        var detected = await incidents.GetIncidentAsync(new GetIncidentRequest { Id = opened.IncidentId }, await _silo.As("alice"));
        Assert.Equal(PublicStatus.Investigating, detected.PublicStatus);

        var illegal = await Assert.ThrowsAsync<RpcException>(async () => await incidents.TransitionIncidentAsync(new TransitionIncidentRequest
        {
            Id = opened.IncidentId, State = "audited",
        }, await _silo.As("alice")).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, illegal.StatusCode);
        Assert.Contains("allows only 'triaged', 'fixed'", illegal.Status.Detail);

        var triaged = await incidents.TransitionIncidentAsync(new TransitionIncidentRequest { Id = opened.IncidentId, State = "triaged" }, await _silo.As("alice"));
        var assessed = await incidents.AssessImpactAsync(new AssessImpactRequest
        {
            Id = opened.IncidentId, Impact = BusinessImpact.Moderate, Urgency = Urgency.High,
        }, await _silo.As("alice"));
        var tagged = await incidents.TagIncidentAsync(new TagIncidentRequest { Id = opened.IncidentId, Tags = { "pci" } }, await _silo.As("alice"));

        Assert.Equal(("payments-flow", "triaged", IncidentStatus.Acknowledged), (triaged.Lifecycle.Model, triaged.Lifecycle.State, triaged.Status));
        Assert.Equal(PublicStatus.Identified, triaged.PublicStatus);
        Assert.Equal(PublicStatus.Identified, defined.CustomLifecycle.States[1].PublicStatus);
        Assert.Equal(IncidentSeverity.Sev3, assessed.Impact.Severity);
        Assert.Equal(["compliance"], tagged.Stakeholders.ToArray());
        Assert.Equal(TimelineEntryKind.RegulatoryTagged, tagged.Timeline[^1].Kind);
    }

    [Fact]
    public async Task UnitThatWouldStrandIncidentsIsRejectedAndNothingIsStored()
    {
        var units = new Api.V1.BusinessUnits.BusinessUnitsClient(_silo.Channel);

        var error = await Assert.ThrowsAsync<RpcException>(() => units.DefineBusinessUnitAsync(new BusinessUnit
        {
            Id = "broken", Name = "Broken", HomeRegion = "",
            CustomLifecycle = new LifecycleModel
            {
                Name = "dead-end",
                States = { new LifecycleState { Name = "open", Phase = LifecyclePhase.Open }, new LifecycleState { Name = "done", Phase = LifecyclePhase.Closed } },
                Transitions = { new LifecycleTransition { From = "open", To = "done" } },
            },
        }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("home_region", error.Status.Detail);
        Assert.Contains("needs a transition to a resolved state", error.Status.Detail);
        var missing = await Assert.ThrowsAsync<RpcException>(() => units.GetBusinessUnitAsync(new GetBusinessUnitRequest { Id = "broken" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task ImpactWithoutAnUrgencyIsInvalid()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await new Api.V1.Incidents.IncidentsClient(_silo.Channel).AssessImpactAsync(new AssessImpactRequest
        {
            Id = "nope-1", Impact = BusinessImpact.Minor,
        }, await _silo.As("alice")).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("urgency", error.Status.Detail);
    }
}
