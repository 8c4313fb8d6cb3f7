using IncidentActors.Incidents;

namespace IncidentActors.Responders;

/// <summary>
/// When a failed webhook delivery is tried again. Deterministic, without jitter: each page is one
/// endpoint's single retry chain, and retries of different pages are already spread by when their
/// incidents escalated, so there is no herd to scatter.
/// </summary>
public static class DeliveryBackoff
{
    /// <summary>After this many attempts a delivery is given up and recorded as failed.</summary>
    public const int MaxAttempts = 6;

    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(5);

    /// <summary>The wait before attempt number <paramref name="attempt"/> (2 waits 2 s, then doubling, capped at 5 minutes).</summary>
    public static TimeSpan DelayBefore(int attempt)
    {
        if (attempt <= 1)
        {
            return TimeSpan.Zero;
        }
        var seconds = Math.Pow(2, Math.Min(attempt - 1, 16));
        return TimeSpan.FromSeconds(Math.Min(seconds, MaxDelay.TotalSeconds));
    }

    /// <summary>
    /// Why retries of a page stop before they run out, or null while they go on: the incident was resolved, or
    /// acknowledged since the page was sent, so the page asks nothing of anyone any more. A page sent to an
    /// incident already acknowledged (a handover, a stakeholder notice) still wants delivering.
    /// </summary>
    public static string? CancelledBy(ResponseState? incident, DateTimeOffset pagedAt) => incident switch
    {
        { Status: IncidentStatus.Resolved } => "cancelled: incident resolved",
        { Status: IncidentStatus.Acknowledged, AcknowledgedAt: { } at } when at >= pagedAt => "cancelled: incident acknowledged",
        _ => null,
    };
}
