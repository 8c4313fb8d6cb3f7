using CsCheck;
using IncidentActors.OnCall;
using Xunit;
using static IncidentActors.Tests.Properties.Generators;

namespace IncidentActors.Tests.Properties;

/// <summary>
/// Rotations in zones with daylight saving (some shifting by half an hour, some at midnight) hand over without gaps or
/// overlaps across the changes: whole-day shifts at the same local time, shifts of hours after the same elapsed time.
/// </summary>
public sealed class OnCallScheduleProperties
{
    public const int Cases = 200;
    private const int ShiftsAsked = 10;

    private static readonly string[] Zones =
        ["Europe/London", "America/New_York", "Australia/Lord_Howe", "America/Santiago", "America/Havana", "Pacific/Chatham", "Europe/Berlin", "Asia/Kolkata", "UTC"];

    /// <summary>A layer of 2 to 4 people starting up to 60 days before a question asked in a month with daylight-saving changes.</summary>
    private static readonly Gen<(string Zone, TimeSpan ShiftLength, int People, DateTimeOffset Start, DateTimeOffset From)> Rotations =
        Gen.Select(Pick(Zones),
            Gen.Frequency((1, Gen.Int[1, 7].Select(days => TimeSpan.FromDays(days))), (1, Gen.Int[6, 36].Select(hours => TimeSpan.FromHours(hours)))),
            Gen.Int[2, 4],
            Gen.Select(Pick(3, 4, 9, 10, 11), Gen.Int[1, 28], Gen.Int[0, 24 * 60 - 1], (month, day, minute) => new DateTimeOffset(2026, month, day, 0, 0, 0, TimeSpan.Zero).AddMinutes(minute)),
            Gen.Int[0, 60 * 24 * 60],
            (zone, length, people, from, startsBefore) => (zone, length, people, from.AddMinutes(-startsBefore), from));

    [Fact]
    public void ShiftsAreContiguousAndNeverOverlapAcrossDaylightSavingChanges() =>
        Rotations.Sample(rotation =>
        {
            var (zoneId, length, people, start, from) = rotation;
            var layer = new RotationLayer("primary", [.. Enumerable.Range(0, people).Select(i => $"p{i}")], length, start, zoneId, []);
            var history = RotationHistory.Apply([], new RotationDefinition("r", "R", [layer], [], []), start);

            var shifts = OnCallSchedule.NextShifts(history, from, ShiftsAsked);

            Assert.Equal(ShiftsAsked, shifts.Length);
            Assert.True(shifts[0].Start <= from && from < shifts[0].End, "the first shift holds the instant asked about");
            for (var i = 0; i < shifts.Length; i++)
            {
                Assert.True(shifts[i].Start < shifts[i].End);
                if (i + 1 < shifts.Length)
                {
                    Assert.Equal(shifts[i].End, shifts[i + 1].Start);
                    Assert.NotEqual(shifts[i].ResponderId, shifts[i + 1].ResponderId);
                }
            }
            var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
            var startLocal = TimeZoneInfo.ConvertTime(start, zone).DateTime;
            foreach (var shift in shifts.Skip(1))
            {
                if (length.Ticks % TimeSpan.TicksPerDay == 0)
                {
                    // A handover at the start's local time, or where the clock jumped over it.
                    var handoverDay = TimeZoneInfo.ConvertTime(shift.Start, zone).Date;
                    Assert.Equal(0, (handoverDay - startLocal.Date).Days % length.Days);
                    Assert.Equal(shift.Start, ZoneClock.ToInstant(handoverDay + startLocal.TimeOfDay, zone));
                }
                else
                {
                    Assert.Equal(length, shift.End - shift.Start);
                }
                var middle = shift.Start + (shift.End - shift.Start) / 2;
                Assert.Equal(shift, OnCallSchedule.OnCallAt(history, middle));
            }
        }, iter: Cases, threads: 1);
}
