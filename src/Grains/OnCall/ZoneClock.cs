namespace IncidentActors.OnCall;

/// <summary>Local wall-clock times of an IANA zone as instants, across daylight-saving changes.</summary>
internal static class ZoneClock
{
    public static TimeZoneInfo Zone(string id) => TimeZoneInfo.FindSystemTimeZoneById(id);

    /// <summary>
    /// The instant a local time occurs. A time skipped by spring-forward is taken as the moment the
    /// clock jumps past it; a time repeated by fall-back, as its first occurrence.
    /// </summary>
    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // The first valid local minute after the gap is the instant the clock jumped; gaps are at most hours.
            var valid = local;
            while (zone.IsInvalidTime(valid))
            {
                valid = valid.AddMinutes(1);
            }
            return new DateTimeOffset(valid, zone.GetUtcOffset(valid));
        }
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    public static DateTime ToLocal(DateTimeOffset instant, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(instant, zone).DateTime;
}
