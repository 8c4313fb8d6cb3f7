using IncidentActors.BusinessUnits;
using IncidentActors.Incidents;
using Xunit;

namespace IncidentActors.Tests.Incidents.Regulatory;

/// <summary>The arithmetic of reporting clocks: due times by duration and by business days in a zone, nag times, and report hashes.</summary>
public sealed class RegulatoryClockRulesTests
{
    private static readonly DateTimeOffset FridayAfternoonUtc = new(2026, 3, 6, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public void DurationWindowIsDueThatLongAfterTheStart() =>
        Assert.Equal(FridayAfternoonUtc.AddHours(72), RegulatoryClockRules.Due(FridayAfternoonUtc, TimeSpan.FromHours(72), null, "UTC"));

    [Fact]
    public void FourBusinessDaysFromAFridaySkipTheWeekend() =>
        Assert.Equal(new DateTimeOffset(2026, 3, 12, 15, 0, 0, TimeSpan.Zero), RegulatoryClockRules.Due(FridayAfternoonUtc, null, 4, "UTC"));

    [Fact]
    public void StartOnASaturdayCountsFromMonday() =>
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 10, 0, 0, TimeSpan.Zero),
            RegulatoryClockRules.Due(new DateTimeOffset(2026, 3, 7, 10, 0, 0, TimeSpan.Zero), null, 1, "UTC"));

    [Fact]
    public void BusinessDaysAreCountedInTheTagsZone()
    {
        // Friday 23:30 UTC is already Saturday 08:30 in Tokyo: one business day later is Monday 08:30 there, not Monday 23:30 UTC.
        var start = new DateTimeOffset(2026, 3, 6, 23, 30, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2026, 3, 9, 8, 30, 0, TimeSpan.FromHours(9)), RegulatoryClockRules.Due(start, null, 1, "Asia/Tokyo"));
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 23, 30, 0, TimeSpan.Zero), RegulatoryClockRules.Due(start, null, 1, "UTC"));
    }

    [Fact]
    public void BusinessDaysKeepTheLocalTimeOfDayAcrossADaylightSavingChange()
    {
        // New York springs forward on Sunday 8 March 2026: Friday 09:00 EST + 1 business day is Monday 09:00 EDT, 71 hours later.
        var start = new DateTimeOffset(2026, 3, 6, 9, 0, 0, TimeSpan.FromHours(-5));

        var due = RegulatoryClockRules.Due(start, null, 1, "America/New_York");

        Assert.Equal(new DateTimeOffset(2026, 3, 9, 9, 0, 0, TimeSpan.FromHours(-4)), due);
        Assert.Equal(TimeSpan.FromHours(71), due - start);
    }

    [Fact]
    public void OwnersAreNaggedAtHalfAndNineTenthsOfTheWindow()
    {
        var start = FridayAfternoonUtc;

        Assert.Equal([start.AddHours(12), start.AddHours(21.6)], RegulatoryClockRules.NagTimes(start, start.AddHours(24)));
    }

    [Fact]
    public void FireBeforeTheNextPointRearmsAndALateFireNagsOnceForEveryPointPassed()
    {
        var clock = Started(TimeSpan.FromHours(10));

        Assert.Equal((ClockWake.Rearm, 0), RegulatoryClockRules.OnFire(clock, FridayAfternoonUtc.AddHours(4)));
        Assert.Equal((ClockWake.Nag, 1), RegulatoryClockRules.OnFire(clock, FridayAfternoonUtc.AddHours(5)));
        Assert.Equal((ClockWake.Nag, 2), RegulatoryClockRules.OnFire(clock, FridayAfternoonUtc.AddHours(9.5)));
        Assert.Equal((ClockWake.Miss, 0), RegulatoryClockRules.OnFire(clock, FridayAfternoonUtc.AddHours(10)));
        Assert.Equal(FridayAfternoonUtc.AddHours(10), RegulatoryClockRules.NextPoint(clock with { Nags = 2 }));
    }

    [Fact]
    public void ReportedOrMissedOrUnstartedClocksDoNothing()
    {
        var clock = Started(TimeSpan.FromHours(10));
        var delivered = new RegulatorySubmission("text", "hash", "carol", "dave", FridayAfternoonUtc, new RegulatorDelivery(true, FridayAfternoonUtc, 200, "R-1", null));
        var late = FridayAfternoonUtc.AddHours(20);

        Assert.Equal(ClockWake.Nothing, RegulatoryClockRules.OnFire(clock with { Submission = delivered }, late).Wake);
        Assert.Equal(ClockWake.Nothing, RegulatoryClockRules.OnFire(clock with { MissedAt = late }, late).Wake);
        Assert.Equal(ClockWake.Nothing, RegulatoryClockRules.OnFire(clock with { StartedAt = null, Due = null }, late).Wake);
        // A delivery that failed leaves the clock running.
        Assert.Equal(ClockWake.Miss, RegulatoryClockRules.OnFire(clock with { Submission = delivered with { Delivery = delivered.Delivery with { Delivered = false } } }, late).Wake);
    }

    [Fact]
    public void ReportHashIsTheLowerCaseHexSha256OfTheUtf8Text()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", RegulatoryClockRules.Sha256("abc"));
        Assert.NotEqual(RegulatoryClockRules.Sha256("Breach of 10 records"), RegulatoryClockRules.Sha256("Breach of 10 records "));
    }

    private static RegulatoryClock Started(TimeSpan window) =>
        new(1, "gdpr", "early-warning", ClockTrigger.TagApplied, window, null, "UTC", ["carol"], FridayAfternoonUtc, FridayAfternoonUtc + window);
}
