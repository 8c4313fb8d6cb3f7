namespace IncidentActors.Intake;

/// <summary>
/// A token bucket read against an injected clock: <see cref="Burst"/> tokens at most, refilled at
/// <see cref="PerSecond"/>. Not thread-safe; a grain owns one.
/// </summary>
public sealed class TokenBucket(double perSecond, int burst, DateTimeOffset now)
{
    private double _tokens = burst;
    private DateTimeOffset _at = now;

    public double PerSecond { get; } = perSecond > 0 ? perSecond : throw new ArgumentOutOfRangeException(nameof(perSecond));
    public int Burst { get; } = burst > 0 ? burst : throw new ArgumentOutOfRangeException(nameof(burst));

    /// <summary>Takes up to <paramref name="wanted"/> whole tokens; returns how many it took.</summary>
    public int Take(int wanted, DateTimeOffset now)
    {
        Refill(now);
        var taken = (int)Math.Min(wanted, Math.Floor(_tokens));
        _tokens -= taken;
        return taken;
    }

    /// <summary>How long until one more token is there.</summary>
    public TimeSpan NextTokenIn(DateTimeOffset now)
    {
        Refill(now);
        return _tokens >= 1 ? TimeSpan.Zero : TimeSpan.FromSeconds((1 - _tokens) / PerSecond);
    }

    private void Refill(DateTimeOffset now)
    {
        if (now > _at)
        {
            _tokens = Math.Min(Burst, _tokens + (now - _at).TotalSeconds * PerSecond);
            _at = now;
        }
    }
}
