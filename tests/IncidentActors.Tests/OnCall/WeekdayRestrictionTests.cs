using System.Collections.Immutable;
using IncidentActors.Errors;
using IncidentActors.OnCall;
using Xunit;

namespace IncidentActors.Tests.OnCall;

/// <summary>Restriction windows on given weekdays, in the layer's zone, across midnight, weekends and daylight-saving changes.</summary>
public sealed class WeekdayRestrictionTests
{
    private static readonly ImmutableArray<DayOfWeek> Weekdays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    private static DateTimeOffset Utc(int month, int day, int hour) => new(2026, month, day, hour, 0, 0, TimeSpan.Zero);

    /// <summary>A backstop always on call under <paramref name="restricted"/>.</summary>
    private static ImmutableArray<RotationVersion> Over(RotationLayer restricted) =>
    [
        new RotationVersion(DateTimeOffset.MinValue, new RotationDefinition("r", "R", [
            new RotationLayer("backstop", ["night"], TimeSpan.FromDays(7), Utc(1, 5, 0), "Europe/London", []),
            restricted,
        ], [], [])),
    ];

    [Fact]
    public void BusinessHoursOnWeekdaysLeaveTheWeekendToTheLayerBelow()
    {
        // 2026-12-11 is a Friday; London is on UTC in December.
        var history = Over(new RotationLayer("office", ["day"], TimeSpan.FromDays(7), Utc(1, 5, 0), "Europe/London",
            [new DailyWindow(new(9, 0), new(17, 0), Weekdays)]));

        Assert.Equal("day", OnCallSchedule.OnCallAt(history, Utc(12, 11, 10))!.ResponderId);
        Assert.Equal("night", OnCallSchedule.OnCallAt(history, Utc(12, 12, 10))!.ResponderId);
        var shifts = OnCallSchedule.NextShifts(history, Utc(12, 11, 12), 3);
        Assert.Equal([
            ("day", Utc(12, 11, 9), Utc(12, 11, 17)),
            ("night", Utc(12, 11, 17), Utc(12, 14, 9)),
            ("day", Utc(12, 14, 9), Utc(12, 14, 17)),
        ], shifts.Select(s => (s.ResponderId, s.Start, s.End)));
    }

    [Fact]
    public void AWeekendWindowRunsFromFridayEveningToMondayMorningInLocalTimeAcrossTheClockChange()
    {
        // British Summer Time ends on Sunday 2026-10-25: Friday 17:00 is 16:00 UTC, Monday 09:00 is 09:00 UTC.
        var history = Over(new RotationLayer("weekend", ["sat", "sun"], TimeSpan.FromDays(7), Utc(1, 2, 17), "Europe/London",
            [new DailyWindow(new(17, 0), new(9, 0), [DayOfWeek.Friday], DayOfWeek.Monday)]));

        var weekend = OnCallSchedule.OnCallAt(history, Utc(10, 25, 3))!;
        Assert.Equal(("weekend", Utc(10, 23, 16), Utc(10, 26, 9)), (weekend.Source, weekend.Start, weekend.End));
        Assert.Equal("night", OnCallSchedule.OnCallAt(history, Utc(10, 23, 15))!.ResponderId);
        Assert.Equal("night", OnCallSchedule.OnCallAt(history, Utc(10, 26, 9))!.ResponderId);
        Assert.Equal("night", OnCallSchedule.OnCallAt(history, Utc(10, 28, 20))!.ResponderId);
    }

    [Fact]
    public void AWindowPastMidnightBelongsToTheDayItOpened()
    {
        // Friday night 22:00 → 02:00 opens on Fridays only: Saturday 01:00 is inside, Sunday 01:00 is not.
        var history = Over(new RotationLayer("late", ["owl"], TimeSpan.FromDays(7), Utc(1, 5, 0), "Europe/London",
            [new DailyWindow(new(22, 0), new(2, 0), [DayOfWeek.Friday])]));

        Assert.Equal("owl", OnCallSchedule.OnCallAt(history, Utc(12, 12, 1))!.ResponderId);
        Assert.Equal("night", OnCallSchedule.OnCallAt(history, Utc(12, 13, 1))!.ResponderId);
    }

    [Fact]
    public void RepeatedOrUnknownWeekdaysAreRefusedNamingTheField()
    {
        var definition = new RotationDefinition("r", "R", [
            new RotationLayer("office", ["day"], TimeSpan.FromDays(7), Utc(1, 5, 0), "UTC", [
                new DailyWindow(new(9, 0), new(17, 0), [DayOfWeek.Monday, DayOfWeek.Monday]),
                new DailyWindow(new(17, 0), new(9, 0), [DayOfWeek.Friday], (DayOfWeek)9),
            ]),
        ], [], []);

        var error = Assert.Throws<InvalidRequestException>(() => RotationValidator.Validate("r", definition));

        Assert.Equal(["layers[0].restrictions[0].days", "layers[0].restrictions[1].end_day"], error.Violations.Select(v => v.Field));
    }
}
