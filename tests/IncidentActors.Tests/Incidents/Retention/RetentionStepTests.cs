using IncidentActors.Audit;
using IncidentActors.BusinessUnits;
using IncidentActors.Errors;
using IncidentActors.Incidents;
using Xunit;

namespace IncidentActors.Tests.Incidents.Retention;

/// <summary>What retention does next, decided from the incident, its unit's policy and holds, and the time.</summary>
public sealed class RetentionStepTests
{
    private static readonly DateTimeOffset ResolvedAt = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Recheck = TimeSpan.FromDays(1);
    private static readonly UnitRetention ThirtyThenNinety = new(new RetentionPolicy(30, 90), null);
    private static readonly LegalHold Hold = new("matter 2026-117", "lena", ResolvedAt);

    private static IncidentState Resolved() => new() { Status = IncidentStatus.Resolved, ResolvedAt = ResolvedAt };

    private static IncidentState Archived(DateTimeOffset? deletedAt = null) => new()
    {
        Status = IncidentStatus.Resolved,
        ResolvedAt = ResolvedAt,
        Archive = new IncidentArchiveRecord(ResolvedAt.AddDays(30), "retail/checkout-1", "00", deletedAt),
    };

    [Fact]
    public void ResolvedIncidentWaitsForItsArchiveDayThenIsArchived()
    {
        Assert.Equal((RetentionStep.Wait, ResolvedAt.AddDays(30)), IncidentRetention.Next(Resolved(), ThirtyThenNinety, ResolvedAt.AddDays(29), Recheck));
        Assert.Equal(RetentionStep.Archive, IncidentRetention.Next(Resolved(), ThirtyThenNinety, ResolvedAt.AddDays(30), Recheck).Step);
    }

    [Fact]
    public void ArchivedIncidentWaitsForItsDeletionDayThenItsArchiveIsDeleted()
    {
        Assert.Equal((RetentionStep.Wait, ResolvedAt.AddDays(90)), IncidentRetention.Next(Archived(), ThirtyThenNinety, ResolvedAt.AddDays(31), Recheck));
        Assert.Equal(RetentionStep.DeleteArchive, IncidentRetention.Next(Archived(), ThirtyThenNinety, ResolvedAt.AddDays(91), Recheck).Step);
        Assert.Equal(RetentionStep.None, IncidentRetention.Next(Archived(ResolvedAt.AddDays(90)), ThirtyThenNinety, ResolvedAt.AddDays(200), Recheck).Step);
    }

    [Fact]
    public void AHoldOnTheIncidentOrItsUnitPostponesEachStepToTheNextCheck()
    {
        var now = ResolvedAt.AddDays(100);
        var held = Resolved();
        held.LegalHold = Hold;
        var archivedHeld = Archived();
        archivedHeld.LegalHold = Hold;

        Assert.Equal((RetentionStep.Wait, now + Recheck), IncidentRetention.Next(held, ThirtyThenNinety, now, Recheck));
        Assert.Equal((RetentionStep.Wait, now + Recheck), IncidentRetention.Next(archivedHeld, ThirtyThenNinety, now, Recheck));
        Assert.Equal((RetentionStep.Wait, now + Recheck), IncidentRetention.Next(Resolved(), ThirtyThenNinety with { Hold = Hold }, now, Recheck));
        Assert.Equal((RetentionStep.Wait, now + Recheck), IncidentRetention.Next(Archived(), ThirtyThenNinety with { Hold = Hold }, now, Recheck));
    }

    [Fact]
    public void NothingHappensToAnOpenIncidentOrInAUnitThatKeepsEverything()
    {
        var reopened = new IncidentState { Status = IncidentStatus.Acknowledged };
        var far = ResolvedAt.AddYears(10);

        Assert.Equal(RetentionStep.None, IncidentRetention.Next(reopened, ThirtyThenNinety, far, Recheck).Step);
        Assert.Equal(RetentionStep.None, IncidentRetention.Next(Resolved(), new UnitRetention(RetentionPolicy.KeepEverything, null), far, Recheck).Step);
        Assert.Equal(RetentionStep.None, IncidentRetention.Next(Archived(), new UnitRetention(new RetentionPolicy(30, 0), null), far, Recheck).Step);
    }

    [Fact]
    public void APolicyShortenedOrLengthenedAfterResolutionIsTheOneFollowed()
    {
        var now = ResolvedAt.AddDays(20);

        Assert.Equal(RetentionStep.Archive, IncidentRetention.Next(Resolved(), new UnitRetention(new RetentionPolicy(7, 0), null), now, Recheck).Step);
        Assert.Equal((RetentionStep.Wait, ResolvedAt.AddDays(365)),
            IncidentRetention.Next(Resolved(), new UnitRetention(new RetentionPolicy(365, 0), null), now, Recheck));
    }

    [Theory]
    [InlineData(-1, 0, "retention.archive_after_days")]
    [InlineData(36_501, 0, "retention.archive_after_days")]
    [InlineData(0, 30, "retention.delete_archived_after_days")]
    [InlineData(30, 30, "retention.delete_archived_after_days")]
    [InlineData(30, -5, "retention.delete_archived_after_days")]
    public void ARetentionThatCannotBeFollowedIsRefusedNamingItsField(int archiveAfterDays, int deleteAfterDays, string field)
    {
        var unit = BusinessUnitDefaults.For("retail") with { HomeRegion = "emea", Retention = new RetentionPolicy(archiveAfterDays, deleteAfterDays) };

        var refused = Assert.Throws<InvalidRequestException>(() => BusinessUnitValidator.Validate("retail", unit));

        Assert.Equal([field], refused.Violations.Select(v => v.Field));
    }

    [Fact]
    public void AHoldNeedsAReasonOfBoundedLength()
    {
        Assert.Equal(["reason"], Assert.Throws<InvalidRequestException>(() => IncidentRetention.NewHold(" ", "lena", ResolvedAt)).Violations.Select(v => v.Field));
        Assert.Equal(["reason"], Assert.Throws<InvalidRequestException>(() => IncidentRetention.NewHold(new string('x', 501), "lena", ResolvedAt))
            .Violations.Select(v => v.Field));
        Assert.Equal("matter 7", IncidentRetention.NewHold("matter 7", "lena", ResolvedAt).Reason);
    }
}
