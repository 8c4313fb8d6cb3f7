using System.Collections.Immutable;
using IncidentActors.Errors;
using IncidentActors.OnCall;
using Xunit;

namespace IncidentActors.Tests.OnCall;

public sealed class OnCallScheduleTests
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    private static ImmutableArray<RotationVersion> History(RotationDefinition definition) => [new RotationVersion(DateTimeOffset.MinValue, definition)];

    private static RotationDefinition Layers(params RotationLayer[] layers) => new("r", "R", [.. layers], [], []);

    private static RotationLayer Daily(string zone, DateTimeOffset start, params string[] people) =>
        new("daily", [.. people], Day, start, zone, []);

    [Fact]
    public void DailyRotationHandsOverAtTheLocalHandoffTimeAcrossSpringForward()
    {
        // 09:00 New York: 14:00 UTC before 2026-03-08, 13:00 UTC after.
        var history = History(Layers(Daily("America/New_York", Utc(3, 5, 14), "ann", "ben")));

        var shifts = OnCallSchedule.NextShifts(history, Utc(3, 6, 15), 4);

        Assert.Equal([Utc(3, 6, 14), Utc(3, 7, 14), Utc(3, 8, 13), Utc(3, 9, 13)], shifts.Select(s => s.Start));
        Assert.Equal(TimeSpan.FromHours(23), shifts[1].End - shifts[1].Start);
        Assert.Equal(["ben", "ann", "ben", "ann"], shifts.Select(s => s.ResponderId));
    }

    [Fact]
    public void WeeklyRotationHandsOverAtTheLocalHandoffTimeAcrossFallBack()
    {
        // Monday 09:00 London: 08:00 UTC in summer time, 09:00 UTC after 2026-10-25.
        var history = History(Layers(new RotationLayer("weekly", ["cat", "dan"], TimeSpan.FromDays(7), Utc(10, 12, 8), "Europe/London", [])));

        var shifts = OnCallSchedule.NextShifts(history, Utc(10, 12, 8), 3);

        Assert.Equal([Utc(10, 12, 8), Utc(10, 19, 8), Utc(10, 26, 9)], shifts.Select(s => s.Start));
        Assert.Equal(TimeSpan.FromHours(7 * 24 + 1), shifts[1].End - shifts[1].Start);
    }

    [Fact]
    public void ShortShiftsStepInElapsedTime()
    {
        var history = History(Layers(new RotationLayer("hourly", ["a", "b", "c"], TimeSpan.FromHours(8), Utc(3, 28, 0), "Europe/London", [])));

        Assert.Equal("b", OnCallSchedule.OnCallAt(history, Utc(3, 29, 9))!.ResponderId);
        Assert.Equal(Utc(3, 29, 16), OnCallSchedule.NextHandover(history, Utc(3, 29, 9)));
    }

    [Fact]
    public void RestrictedLayerLeavesGapsThatALowerLayerFills()
    {
        var backstop = new RotationLayer("backstop", ["night"], TimeSpan.FromDays(7), Utc(1, 1, 0), "UTC", []);
        var business = new RotationLayer("business", ["day"], TimeSpan.FromDays(7), Utc(1, 1, 0), "UTC", [new DailyWindow(new(9, 0), new(17, 0))]);
        var history = History(Layers(backstop, business));

        Assert.Equal("day", OnCallSchedule.OnCallAt(history, Utc(6, 2, 10))!.ResponderId);
        Assert.Equal("night", OnCallSchedule.OnCallAt(history, Utc(6, 2, 20))!.ResponderId);
        var shift = OnCallSchedule.OnCallAt(history, Utc(6, 2, 10))!;
        Assert.Equal((Utc(6, 2, 9), Utc(6, 2, 17), "business"), (shift.Start, shift.End, shift.Source));
    }

    [Fact]
    public void OverrideBeatsEveryLayerAndTheScheduleResumesAfterIt()
    {
        var layer = Daily("UTC", Utc(1, 1, 0), "eve", "gil");
        var definition = Layers(layer) with { Overrides = [new RotationOverride("fay", Utc(6, 2, 12), Utc(6, 2, 18), "swap")] };
        var history = History(definition);

        var shifts = OnCallSchedule.NextShifts(history, Utc(6, 2, 0), 3);

        Assert.Equal([("eve", Utc(6, 2, 0), Utc(6, 2, 12)), ("fay", Utc(6, 2, 12), Utc(6, 2, 18)), ("eve", Utc(6, 2, 18), Utc(6, 3, 0))],
            shifts.Select(s => (s.ResponderId, s.Start, s.End)));
    }

    [Fact]
    public void MembershipChangeAppliesFromTheNextShiftAndThePastKeepsItsRoster()
    {
        var before = History(Layers(Daily("UTC", Utc(1, 1, 0), "gus", "hal")));
        var changedAt = Utc(6, 2, 15);
        var onCallThen = OnCallSchedule.OnCallAt(before, changedAt)!;

        var after = RotationHistory.Apply(before, Layers(Daily("UTC", Utc(1, 1, 0), "ida")), changedAt);

        Assert.Equal(onCallThen.ResponderId, OnCallSchedule.OnCallAt(after, changedAt)!.ResponderId);
        Assert.Equal(onCallThen.ResponderId, OnCallSchedule.OnCallAt(after, Utc(6, 2, 23, 59))!.ResponderId);
        Assert.Equal("ida", OnCallSchedule.OnCallAt(after, Utc(6, 3, 0))!.ResponderId);
        Assert.Equal(OnCallSchedule.OnCallAt(before, Utc(5, 1, 12))!.ResponderId, OnCallSchedule.OnCallAt(after, Utc(5, 1, 12))!.ResponderId);
    }

    [Fact]
    public void ValidationReportsEveryBadFieldAtOnce()
    {
        var definition = new RotationDefinition("r", "", [
            new RotationLayer("", [], TimeSpan.Zero, Utc(1, 1, 0), "Mars/Olympus", []),
        ], [new SunRegion("emea", "Europe/London", new(8, 0), ["x"]), new SunRegion("EMEA", "Nowhere/Land", new(9, 0), [])],
            [new RotationOverride("x", Utc(1, 2, 0), Utc(1, 1, 0), null)]);

        var error = Assert.Throws<InvalidRequestException>(() => RotationValidator.Validate("r", definition));

        Assert.Equal([
            "name", "layers[0].name", "layers[0].participants", "layers[0].time_zone", "layers[0].shift_length",
            "follow_the_sun", "follow_the_sun[1].participants", "follow_the_sun[1].time_zone", "overrides[0].end",
        ], error.Violations.Select(v => v.Field));
    }
}
