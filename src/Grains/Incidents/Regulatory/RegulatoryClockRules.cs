using System.Security.Cryptography;
using System.Text;
using IncidentActors.BusinessUnits;
using IncidentActors.OnCall;

namespace IncidentActors.Incidents;

/// <summary>What a regulatory clock's deadline does when it fires.</summary>
internal enum ClockWake
{
    /// <summary>Nothing is owed: not started, reported, or missed already.</summary>
    Nothing,

    /// <summary>Fired before the clock's next point (a stale deadline): armed again so that its shard keeps it.</summary>
    Rearm,
    Nag,
    Miss,
}

/// <summary>
/// The arithmetic of reporting clocks, without Orleans: when a report is due, when its owners are nagged (at half and
/// at nine tenths of the window), and the hash that identifies a report's text.
/// </summary>
internal static class RegulatoryClockRules
{
    /// <summary>The fractions of the window at which owners are nagged, in order.</summary>
    public static readonly double[] NagFractions = [0.5, 0.9];

    /// <summary>
    /// The due time: <paramref name="within"/> after the start, or the same local time of day
    /// <paramref name="businessDays"/> weekdays later in <paramref name="timeZone"/> (Saturdays and Sundays are skipped;
    /// a start on a weekend counts from the Monday). A local time skipped by a daylight-saving change is the moment after the jump.
    /// </summary>
    public static DateTimeOffset Due(DateTimeOffset start, TimeSpan? within, int? businessDays, string timeZone)
    {
        if (within is { } span)
        {
            return start + span;
        }
        var zone = ZoneClock.Zone(timeZone);
        var local = ZoneClock.ToLocal(start, zone);
        var days = businessDays ?? 0;
        while (days > 0)
        {
            local = local.AddDays(1);
            if (local.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                days--;
            }
        }
        return ZoneClock.ToInstant(local, zone);
    }

    /// <summary>When the owners of a clock running from <paramref name="start"/> to <paramref name="due"/> are nagged.</summary>
    public static DateTimeOffset[] NagTimes(DateTimeOffset start, DateTimeOffset due) =>
        [.. NagFractions.Select(f => start + TimeSpan.FromTicks((long)((due - start).Ticks * f)))];

    /// <summary>The next point of a started clock: its next nag, else its due time.</summary>
    public static DateTimeOffset NextPoint(RegulatoryClock clock)
    {
        var nags = NagTimes(clock.StartedAt!.Value, clock.Due!.Value);
        return clock.Nags < nags.Length ? nags[clock.Nags] : clock.Due!.Value;
    }

    /// <summary>What a fired deadline does at <paramref name="now"/>; a nag counts every nag point passed, so that a late fire nags once.</summary>
    public static (ClockWake Wake, int Nags) OnFire(RegulatoryClock clock, DateTimeOffset now)
    {
        if (clock.StartedAt is null || clock.Reported || clock.MissedAt is not null)
        {
            return (ClockWake.Nothing, clock.Nags);
        }
        if (now < NextPoint(clock))
        {
            return (ClockWake.Rearm, clock.Nags);
        }
        if (now >= clock.Due!.Value)
        {
            return (ClockWake.Miss, clock.Nags);
        }
        return (ClockWake.Nag, NagTimes(clock.StartedAt.Value, clock.Due.Value).Count(t => t <= now));
    }

    /// <summary>Whether the clock's trigger has happened, and since when.</summary>
    public static DateTimeOffset? TriggeredAt(RegulatoryClock clock, IncidentState state, DateTimeOffset now) => clock.StartsOn switch
    {
        ClockTrigger.TagApplied => now,
        _ => state.Major?.DeclaredAt,
    };

    /// <summary>Lower-case hex SHA-256 of the text's UTF-8 bytes: what an approval names and the evidence keeps.</summary>
    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>The text a published communications update gives a report.</summary>
    public static string ReportText(Communications.CommunicationUpdate update) => $"{update.Subject}\n\n{update.Body}";

    public static string Window(RegulatoryClock clock) =>
        clock.BusinessDays is { } days ? $"{days} business days ({clock.TimeZone})" : $"{clock.Within!.Value.TotalHours:0.##} h";
}
