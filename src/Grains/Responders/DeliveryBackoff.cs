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
}
