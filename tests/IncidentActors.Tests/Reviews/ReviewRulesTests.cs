using System.Collections.Immutable;
using IncidentActors.BusinessUnits;
using IncidentActors.Errors;
using IncidentActors.Incidents;
using IncidentActors.Reviews;
using Xunit;

namespace IncidentActors.Tests.Reviews;

public sealed class ReviewRulesTests
{
    private static readonly DateTimeOffset Due = new(2026, 12, 8, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AFactorNamingAPersonOfTheIncidentIsRefusedNamingTheField()
    {
        var content = ReviewContent.Empty with
        {
            Factors = [new("change", "The config push skipped canary checks"), new("process", "Bob Smith deployed without review")],
        };

        var refused = Assert.Throws<InvalidRequestException>(() => ReviewValidator.Content(content, ["change", "process"], ["bob", "Bob Smith"]));

        var violation = Assert.Single(refused.Violations);
        Assert.Equal("content.factors[1].description", violation.Field);
        Assert.Contains("Bob Smith", violation.Description);
    }

    [Fact]
    public void AFactorOutsideTheTaxonomyIsRefused()
    {
        var content = ReviewContent.Empty with { Factors = [new("blame", "Load balancer drained too early")] };

        var refused = Assert.Throws<InvalidRequestException>(() => ReviewValidator.Content(content, ["technical"], []));

        Assert.Equal(["content.factors[0].category"], refused.Violations.Select(v => v.Field));
    }

    [Fact]
    public void ExternalTextLosesHostsAddressesAndSecretsButKeepsTimes()
    {
        var redactor = new TextRedactor(["alice"]);

        var text = redactor.Redact("alice restarted db-1.prod.internal (10.0.4.12:5432, fe80::1) at 03:15:00; password=hunter2 leaked, CVE-2024-3094");

        Assert.Equal("person 1 restarted [host] ([address], [address]) at 03:15:00; password=[redacted] leaked, [security detail]", text);
    }

    [Fact]
    public void SreReviewedWaitsForARequiredReviewAndAStateMarkedNeedsReviewAlwaysWaits()
    {
        var reviewed = BusinessUnitDefaults.Sre.State("reviewed")!;
        var custom = new LifecycleState("postmortem done", LifecyclePhase.Closed, NeedsReview: true);

        Assert.NotNull(ReviewNotes.Missing(BusinessUnitDefaults.Sre, reviewed, new ReviewGate(Required: true, Published: false)));
        Assert.Null(ReviewNotes.Missing(BusinessUnitDefaults.Sre, reviewed, new ReviewGate(Required: false, Published: false)));
        Assert.Null(ReviewNotes.Missing(BusinessUnitDefaults.Sre, reviewed, new ReviewGate(Required: true, Published: true)));
        Assert.NotNull(ReviewNotes.Missing(BusinessUnitDefaults.Itil, custom, new ReviewGate(Required: false, Published: false)));
    }

    [Fact]
    public void ReviewRemindsAheadAtDueThenDailyAndItemsFromTheirDueTime()
    {
        Assert.Equal(Due - TimeSpan.FromHours(12), ReviewReminders.ReviewNagAt(Due, 0));
        Assert.Equal(Due, ReviewReminders.ReviewNagAt(Due, 1));
        Assert.Equal(Due.AddDays(1), ReviewReminders.ReviewNagAt(Due, 2));
        Assert.Null(ReviewReminders.ReviewNagAt(Due, ReviewReminders.MaxNags));
        Assert.Equal(Due.AddDays(2), ReviewReminders.ItemNagAt(Due, 2));
    }

    [Fact]
    public void PublishingNeedsASummaryAFactorAndEveryRequiredTeamAttending()
    {
        var state = new PostIncidentReviewState
        {
            Participants = [new(ParticipantKind.Team, "sre", Attended: true), new(ParticipantKind.Team, "dba", Attended: false)],
        };

        var missing = ReviewPublishing.Missing(state, ["sre", "dba", "network"]);

        Assert.Equal(["it has no summary", "it names no contributing factor", "teams the unit requires did not attend: dba, network"], missing);
    }

    [Fact]
    public void RequiredBecauseFollowsTheUnitsCriteria()
    {
        var policy = new ReviewPolicy(IncidentSeverity.Sev2, RequiredForMajor: true, RequiredForEnterpriseEvents: false, RecurrenceWindowDays: 30,
            RequiredForRecurrence: true, DueHours: 48, [], ["technical"]);
        var incident = Incident(IncidentSeverity.Sev3);

        Assert.Empty(ReviewDrafting.RequiredBecause(policy, incident, []));
        Assert.Equal(["recurred within 30 days of svc-1"], ReviewDrafting.RequiredBecause(policy, incident, ["svc-1"]));
        Assert.Single(ReviewDrafting.RequiredBecause(policy, Incident(IncidentSeverity.Sev1), []));
        Assert.Empty(ReviewDrafting.RequiredBecause(null, Incident(IncidentSeverity.Sev1), []));
    }

    private static IncidentView Incident(IncidentSeverity severity) =>
        new("svc-2", "svc", "unit", "k", "t", "s", null, Alerts.AlertSeverity.Critical, IncidentStatus.Resolved, ImmutableSortedDictionary<string, string>.Empty,
            Due, Due, "alice", Due, "alice", 1, Due, 1, [], null, [], null, new LifecycleView("sre", "resolved", []), null, [], [], severity, [], [], null, null,
            null, null, null, [], [], [], "production", "sre", "latency", null, [], []);
}
