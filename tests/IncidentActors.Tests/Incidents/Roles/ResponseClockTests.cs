using IncidentActors.BusinessUnits;
using IncidentActors.Escalation;
using IncidentActors.Incidents;
using IncidentActors.Responders;
using IncidentActors.Testing;
using IncidentActors.Tests.Cluster;
using Xunit;

namespace IncidentActors.Tests.Incidents.Roles;

/// <summary>Roles and the per-severity time limits on filling them, on a fake clock.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ResponseClockTests(AzuriteFixture azurite) : FakeClockClusterTest(azurite)
{
    private static readonly TimeSpan CommanderWithin = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan AssessWithin = TimeSpan.FromMinutes(15);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Grains.GetGrain<IBusinessUnitGrain>("retail").Define(new BusinessUnitDefinition("retail", "Retail", TestClusters.Region,
            BusinessUnitDefaults.Sre, BusinessUnitDefaults.StandardMatrix, [],
            [
                new(IncidentSeverity.Sev1, ResponseDuty.Commander, CommanderWithin),
                new(IncidentSeverity.Sev1, ResponseDuty.ImpactAssessment, AssessWithin),
            ]));
        await Grains.GetGrain<IEscalationPolicyGrain>("retail").Define(new EscalationPolicyDefinition("retail", "Retail", [
            new EscalationLevel([new EscalationTarget(EscalationTargetKind.Responder, "alice")], TimeSpan.FromMinutes(30)),
            new EscalationLevel([new EscalationTarget(EscalationTargetKind.Responder, "bob")], TimeSpan.FromMinutes(30)),
        ], Repeats: 0, HandoverAcknowledgeWithin: TimeSpan.FromMinutes(10)));
    }

    [Fact]
    public async Task MissedCommanderLimitRemindsOnceThenEscalates()
    {
        var incident = await OpenCritical();
        await incident.Acknowledge(new ResponderAction("alice", null));

        Clock.Advance(CommanderWithin);
        var reminded = await Eventually.Get(Clock.Tick(incident), v => v.Clocks.Any(c => c.Duty == ResponseDuty.Commander && c.Misses == 1),
            what: "the commander limit to be missed once");
        var reminder = reminded.Timeline.Last(e => e.Kind == TimelineEntryKind.TimeLimitMissed);
        Assert.Contains("SEV1: no commander", reminder.Message);
        Assert.Contains("reminded alice", reminder.Message);
        Assert.Contains(await Grains.GetGrain<IResponderGrain>("alice").Notifications(10), n => n.Page.Reason.Contains("no commander"));

        // The impact was assessed in time for its own clock; the commander is still missing a reminder later.
        await incident.AssessImpact(BusinessImpact.Extensive, Urgency.High, new ResponderAction("alice", null));
        Clock.Advance(CommanderWithin);
        var escalated = await Eventually.Get(Clock.Tick(incident), v => v.Pages.Any(p => p.ResponderId == "bob"), what: "the missed limit to page level 2");

        Assert.Empty(escalated.Clocks);
        Assert.Equal(2, escalated.Timeline.Count(e => e.Kind == TimelineEntryKind.TimeLimitMissed));
        Assert.Contains("escalating to level 2", escalated.Timeline.Last(e => e.Kind == TimelineEntryKind.TimeLimitMissed).Message);
    }

    [Fact]
    public async Task FillingTheRoleInTimeStopsItsClockAndHandoversAreTimelineEntries()
    {
        var incident = await OpenCritical();
        Assert.Equal([ResponseDuty.Commander, ResponseDuty.ImpactAssessment], (await incident.Get()).Clocks.Select(c => c.Duty).Order().ToArray());

        Clock.Advance(TimeSpan.FromMinutes(5));
        await incident.AssignRole(IncidentRole.Commander, "alice", new ResponderAction("alice", "taking command"));
        await incident.AssessImpact(BusinessImpact.Extensive, Urgency.Critical, new ResponderAction("alice", null));
        await incident.AssignRole(IncidentRole.Commander, "carol", new ResponderAction("alice", "end of my shift"));
        await incident.AssignRole(IncidentRole.Scribe, "dave", new ResponderAction("carol", null));
        var released = await incident.ReleaseRole(IncidentRole.Scribe, new ResponderAction("carol", null));
        Clock.Advance(TimeSpan.FromHours(1));
        await Clock.SettleAsync(Grains, incident);

        var view = await incident.Get();
        Assert.Empty(view.Clocks);
        Assert.DoesNotContain(view.Timeline, e => e.Kind == TimelineEntryKind.TimeLimitMissed);
        Assert.Equal(("carol", "alice"), (view.Roles.Single().ResponderId, view.Roles.Single().AssignedBy));
        Assert.Equal(
            ["Commander: alice: taking command", "Commander handed over from alice to carol: end of my shift", "Scribe: dave"],
            view.Timeline.Where(e => e.Kind == TimelineEntryKind.RoleAssigned).Select(e => e.Message).ToArray());
        Assert.Equal("Scribe dave released", released.Timeline[^1].Message);
    }

    [Fact]
    public async Task AssessingALowerSeverityStopsTheClocksOfTheHigherOne()
    {
        var incident = await OpenCritical();
        Assert.Equal(IncidentSeverity.Sev1, (await incident.Get()).IncidentSeverity);

        var assessed = await incident.AssessImpact(BusinessImpact.Minor, Urgency.Low, new ResponderAction("alice", null));
        Clock.Advance(TimeSpan.FromHours(1));
        await Clock.SettleAsync(Grains, incident);

        Assert.Equal(IncidentSeverity.Sev4, assessed.IncidentSeverity);
        Assert.Empty(assessed.Clocks);
        Assert.DoesNotContain((await incident.Get()).Timeline, e => e.Kind == TimelineEntryKind.TimeLimitMissed);
    }

    private async Task<IIncidentGrain> OpenCritical()
    {
        var incident = await Cluster.Alerts.OpenIncidentAsync(Grains, "retail", "retail");
        await Eventually.Get(Clock.Tick(incident), v => v.Pages.Length == 1, what: "level 1 to be paged");
        return incident;
    }
}
