using System.Collections.Immutable;

namespace IncidentActors.OnCall;

/// <summary>
/// Who is on call when. Every source (layer shifts, restriction windows, follow-the-sun starts,
/// overrides, definition changes) changes the answer only at its own boundary instants, so the
/// schedule is resolved at each instant and walked from boundary to boundary.
/// </summary>
public static class OnCallSchedule
{
    /// <summary>How far a question about the future looks: anything further is not answered.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(400);

    /// <summary>How far back a shift's start is looked for; longer than any shift (28 days).</summary>
    private static readonly TimeSpan Lookback = TimeSpan.FromDays(35);

    public static Shift? OnCallAt(ImmutableArray<RotationVersion> history, DateTimeOffset at)
    {
        if (Resolve(history, at) is not { } current)
        {
            return null;
        }
        var boundaries = Boundaries(history, at - Lookback, at + Lookback).ToList();
        // Walk back while the answer stays the same: the shift started at the last change.
        var start = at - Lookback;
        foreach (var boundary in boundaries.Where(b => b <= at).Reverse())
        {
            if (Resolve(history, boundary) != current)
            {
                break;
            }
            start = boundary;
        }
        var end = boundaries.FirstOrDefault(b => b > at && Resolve(history, b) != current, at + Lookback);
        return new Shift(current.ResponderId, start, end, current.Source, current.Region);
    }

    /// <summary>The next <paramref name="count"/> stretches of on-call, from <paramref name="from"/>, with gaps left out.</summary>
    public static ImmutableArray<Shift> NextShifts(ImmutableArray<RotationVersion> history, DateTimeOffset from, int count)
    {
        var shifts = ImmutableArray.CreateBuilder<Shift>();
        var current = Resolve(history, from);
        var start = current is null ? from : OnCallAt(history, from)!.Start;
        foreach (var boundary in Boundaries(history, from, from + Horizon).Where(b => b > from).Append(from + Horizon))
        {
            var next = boundary >= from + Horizon ? null : Resolve(history, boundary);
            if (next == current)
            {
                continue;
            }
            if (current is not null)
            {
                shifts.Add(new Shift(current.ResponderId, start, boundary, current.Source, current.Region));
                if (shifts.Count == count)
                {
                    break;
                }
            }
            (current, start) = (next, boundary);
        }
        return shifts.ToImmutable();
    }

    /// <summary>The next instant after <paramref name="after"/> at which the on-call responder changes; null within the horizon if never.</summary>
    public static DateTimeOffset? NextHandover(ImmutableArray<RotationVersion> history, DateTimeOffset after)
    {
        var current = Resolve(history, after)?.ResponderId;
        foreach (var boundary in Boundaries(history, after, after + Horizon))
        {
            if (boundary > after && Resolve(history, boundary)?.ResponderId != current)
            {
                return boundary;
            }
        }
        return null;
    }

    /// <summary>The definition in force at an instant: the latest version that took effect at or before it.</summary>
    public static RotationDefinition? DefinitionAt(ImmutableArray<RotationVersion> history, DateTimeOffset at) =>
        history.LastOrDefault(v => v.EffectiveFrom <= at)?.Definition;

    private static OnCall? Resolve(ImmutableArray<RotationVersion> history, DateTimeOffset at)
    {
        if (DefinitionAt(history, at) is not { } definition)
        {
            return null;
        }
        var cover = definition.Overrides.Where(o => o.Start <= at && at < o.End).MaxBy(o => o.Start);
        if (cover is not null)
        {
            return new OnCall(cover.ResponderId, "override", null);
        }
        for (var i = definition.Layers.Length - 1; i >= 0; i--)
        {
            if (LayerAt(definition.Layers[i], at) is { } onCall)
            {
                return onCall;
            }
        }
        return SunAt(definition.FollowTheSun, at);
    }

    private static OnCall? LayerAt(RotationLayer layer, DateTimeOffset at)
    {
        if (at < layer.RotationStart || layer.Participants.IsDefaultOrEmpty)
        {
            return null;
        }
        var zone = ZoneClock.Zone(layer.TimeZone);
        if (!layer.Restrictions.IsDefaultOrEmpty && !layer.Restrictions.Any(w => Within(w, ZoneClock.ToLocal(at, zone))))
        {
            return null;
        }
        var turn = TurnAt(layer, zone, at);
        return new OnCall(layer.Participants[(int)(turn % layer.Participants.Length)], layer.Name, null);
    }

    /// <summary>Which shift of the layer holds the instant, counting from 0 at the rotation's start.</summary>
    private static long TurnAt(RotationLayer layer, TimeZoneInfo zone, DateTimeOffset at)
    {
        if (!WholeDays(layer.ShiftLength, out var days))
        {
            return (at - layer.RotationStart).Ticks / layer.ShiftLength.Ticks;
        }
        // Whole days step in local wall-clock time; correct the estimate at the edges of a shift.
        var startLocal = ZoneClock.ToLocal(layer.RotationStart, zone);
        var turn = (long)Math.Floor((ZoneClock.ToLocal(at, zone) - startLocal).TotalDays / days);
        while (turn > 0 && at < TurnStart(startLocal, days, turn, zone))
        {
            turn--;
        }
        while (at >= TurnStart(startLocal, days, turn + 1, zone))
        {
            turn++;
        }
        return turn;
    }

    private static DateTimeOffset TurnStart(DateTime startLocal, int days, long turn, TimeZoneInfo zone) =>
        ZoneClock.ToInstant(startLocal.AddDays(days * turn), zone);

    private static OnCall? SunAt(ImmutableArray<SunRegion> regions, DateTimeOffset at)
    {
        if (regions.IsDefaultOrEmpty)
        {
            return null;
        }
        // On call: the region whose latest start (in its own zone) is the most recent.
        var (region, start) = regions.Select(r => (Region: r, Start: LatestStart(r, at))).MaxBy(x => x.Start);
        if (region.Participants.IsDefaultOrEmpty)
        {
            return null;
        }
        var day = DateOnly.FromDateTime(ZoneClock.ToLocal(start, ZoneClock.Zone(region.TimeZone))).DayNumber;
        return new OnCall(region.Participants[day % region.Participants.Length], region.Region, region.Region);
    }

    private static DateTimeOffset LatestStart(SunRegion region, DateTimeOffset at)
    {
        var zone = ZoneClock.Zone(region.TimeZone);
        var date = DateOnly.FromDateTime(ZoneClock.ToLocal(at, zone));
        var start = ZoneClock.ToInstant(date.ToDateTime(region.LocalStart), zone);
        return start <= at ? start : ZoneClock.ToInstant(date.AddDays(-1).ToDateTime(region.LocalStart), zone);
    }

    /// <summary>Every instant in [from, until] at which some source may change who is on call, ascending.</summary>
    private static IEnumerable<DateTimeOffset> Boundaries(ImmutableArray<RotationVersion> history, DateTimeOffset from, DateTimeOffset until)
    {
        var instants = new SortedSet<DateTimeOffset>();
        foreach (var version in history)
        {
            AddIfWithin(instants, version.EffectiveFrom, from, until);
            var definition = version.Definition;
            foreach (var o in definition.Overrides)
            {
                AddIfWithin(instants, o.Start, from, until);
                AddIfWithin(instants, o.End, from, until);
            }
            foreach (var layer in definition.Layers)
            {
                AddLayerBoundaries(instants, layer, from, until);
            }
            foreach (var region in definition.FollowTheSun.IsDefault ? [] : definition.FollowTheSun)
            {
                AddDaily(instants, ZoneClock.Zone(region.TimeZone), [region.LocalStart], from, until);
            }
        }
        return instants;
    }

    private static void AddLayerBoundaries(SortedSet<DateTimeOffset> instants, RotationLayer layer, DateTimeOffset from, DateTimeOffset until)
    {
        var zone = ZoneClock.Zone(layer.TimeZone);
        AddIfWithin(instants, layer.RotationStart, from, until);
        var first = Math.Max(0, TurnAt(layer, zone, from < layer.RotationStart ? layer.RotationStart : from));
        var startLocal = ZoneClock.ToLocal(layer.RotationStart, zone);
        for (var turn = first; ; turn++)
        {
            var start = WholeDays(layer.ShiftLength, out var days)
                ? TurnStart(startLocal, days, turn, zone)
                : layer.RotationStart + layer.ShiftLength * turn;
            if (start > until)
            {
                break;
            }
            AddIfWithin(instants, start, from, until);
        }
        if (!layer.Restrictions.IsDefaultOrEmpty)
        {
            AddDaily(instants, zone, [.. layer.Restrictions.SelectMany(w => new[] { w.Start, w.End })], from, until);
        }
    }

    private static void AddDaily(SortedSet<DateTimeOffset> instants, TimeZoneInfo zone, IReadOnlyList<TimeOnly> times, DateTimeOffset from, DateTimeOffset until)
    {
        var first = DateOnly.FromDateTime(ZoneClock.ToLocal(from, zone)).AddDays(-1);
        var last = DateOnly.FromDateTime(ZoneClock.ToLocal(until, zone)).AddDays(1);
        for (var date = first; date <= last; date = date.AddDays(1))
        {
            foreach (var time in times)
            {
                AddIfWithin(instants, ZoneClock.ToInstant(date.ToDateTime(time), zone), from, until);
            }
        }
    }

    private static void AddIfWithin(SortedSet<DateTimeOffset> instants, DateTimeOffset instant, DateTimeOffset from, DateTimeOffset until)
    {
        if (instant >= from && instant <= until)
        {
            instants.Add(instant);
        }
    }

    /// <summary>
    /// Whether a window that opened on one of the last eight local dates is still open at the local wall-clock time: a
    /// window lasts at most a week, and its times are wall-clock times, so a daylight-saving change moves no edge.
    /// </summary>
    private static bool Within(DailyWindow window, DateTime local)
    {
        var today = DateOnly.FromDateTime(local);
        for (var back = 0; back <= 7; back++)
        {
            var opened = today.AddDays(-back);
            if ((window.Days.IsDefaultOrEmpty || window.Days.Contains(opened.DayOfWeek))
                && opened.ToDateTime(window.Start) <= local && local < Closing(window, opened))
            {
                return true;
            }
        }
        return false;
    }

    private static DateTime Closing(DailyWindow window, DateOnly opened)
    {
        var days = window.EndDay is { } endDay
            ? ((int)endDay - (int)opened.DayOfWeek + 7) % 7
            : 0;
        if (days == 0 && window.End <= window.Start)
        {
            days = window.EndDay is null ? 1 : 7;
        }
        return opened.AddDays(days).ToDateTime(window.End);
    }

    private static bool WholeDays(TimeSpan length, out int days)
    {
        days = (int)length.TotalDays;
        return length.Ticks % TimeSpan.TicksPerDay == 0;
    }

    private sealed record OnCall(string ResponderId, string Source, string? Region);
}
