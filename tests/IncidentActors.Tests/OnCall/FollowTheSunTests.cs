using System.Collections.Immutable;
using IncidentActors.OnCall;
using Xunit;

namespace IncidentActors.Tests.OnCall;

/// <summary>A follow-the-sun rotation over APAC, EMEA and AMER, each on call from 08:00 in its own zone.</summary>
public sealed class FollowTheSunTests
{
    private static readonly ImmutableArray<RotationVersion> History = [new RotationVersion(DateTimeOffset.MinValue, new RotationDefinition(
        "global", "Global SRE", [],
        [
            new SunRegion("apac", "Asia/Singapore", new TimeOnly(8, 0), ["sg-1", "sg-2"]),
            new SunRegion("emea", "Europe/London", new TimeOnly(8, 0), ["ldn-1"]),
            new SunRegion("amer", "America/New_York", new TimeOnly(8, 0), ["nyc-1"]),
        ],
        []))];

    private static DateTimeOffset Utc(int month, int day, int hour) => new(2026, month, day, hour, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, int, int, int[]> Days => new()
    {
        // Ordinary winter day: Singapore UTC+8, London UTC+0, New York UTC-5.
        { "ordinary", 2, 10, [0, 8, 13] },
        // New York springs forward on 2026-03-08 (its 08:00 becomes 12:00 UTC); London still UTC+0.
        { "US spring forward", 3, 8, [0, 8, 12] },
        // London springs forward on 2026-03-29 (its 08:00 becomes 07:00 UTC); New York already UTC-4.
        { "EU spring forward", 3, 29, [0, 7, 12] },
        // London falls back on 2026-10-25 (its 08:00 is 08:00 UTC again); New York still UTC-4.
        { "EU fall back", 10, 25, [0, 8, 12] },
        // New York falls back on 2026-11-01 (its 08:00 is 13:00 UTC again).
        { "US fall back", 11, 1, [0, 8, 13] },
    };

    [Theory]
    [MemberData(nameof(Days))]
    public void EveryHandoverOfTheDayHappensAtEachRegionsLocalStart(string day, int month, int date, int[] utcHours)
    {
        var handovers = new List<(DateTimeOffset At, string Region)>();
        var at = Utc(month, date, 0).AddMinutes(-1);
        while (OnCallSchedule.NextHandover(History, at) is { } next && next < Utc(month, date, 0).AddDays(1))
        {
            handovers.Add((next, OnCallSchedule.OnCallAt(History, next)!.Region!));
            at = next;
        }

        Assert.True(handovers.Count == 3, $"{day}: {string.Join(", ", handovers)}");
        Assert.Equal(utcHours.Select(h => Utc(month, date, h)), handovers.Select(h => h.At));
        Assert.Equal(["apac", "emea", "amer"], handovers.Select(h => h.Region));
    }

    public static TheoryData<int, int> Dates => new() { { 2, 10 }, { 3, 8 }, { 3, 29 }, { 10, 25 }, { 11, 1 } };

    [Theory]
    [MemberData(nameof(Dates))]
    public void EveryMinuteOfTheDayIsCoveredByExactlyOneRegionWithoutGaps(int month, int date)
    {
        var shifts = OnCallSchedule.NextShifts(History, Utc(month, date, 0), 4);

        Assert.Equal(Utc(month, date, 0), shifts[0].Start);
        for (var i = 1; i < shifts.Length; i++)
        {
            Assert.Equal(shifts[i - 1].End, shifts[i].Start);
        }
        for (var minute = 0; minute < 24 * 60; minute += 7)
        {
            var instant = Utc(month, date, 0).AddMinutes(minute);
            Assert.Single(shifts, s => s.Start <= instant && instant < s.End);
        }
    }

    [Fact]
    public void ParticipantsOfARegionTakeOneRegionDayEach()
    {
        var first = OnCallSchedule.OnCallAt(History, Utc(2, 10, 1))!.ResponderId;
        var second = OnCallSchedule.OnCallAt(History, Utc(2, 11, 1))!.ResponderId;

        Assert.NotEqual(first, second);
        Assert.Equal(["sg-1", "sg-2"], new[] { first, second }.Order());
    }
}
