namespace IncidentActors.Deadlines;

/// <summary>
/// Silos' clocks differ a little, so a shard can fire a deadline that its owner's clock says is not due yet.
/// Ignoring it would drop the deadline (the shard removes what its owner handled), and arming it again
/// would have the shard fire it again at once, over and over, each time a storage write, until the clocks agree.
/// <see cref="EarlyFireFilter"/> applies this to every owner.
/// </summary>
internal static class EarlyFires
{
    /// <summary>
    /// Returns once this silo's clock has reached <paramref name="due"/>, waiting when the fire is early by up to
    /// <paramref name="maxClockSkew"/>. Earlier than that it throws, so that the shard keeps the deadline and fires it
    /// again after its retry delay: beyond it the silos' clocks are out of step, not merely apart.
    /// </summary>
    public static async Task WaitUntilDueAsync(TimeProvider clock, DateTimeOffset due, TimeSpan maxClockSkew, CancellationToken cancellationToken)
    {
        var early = due - clock.GetUtcNow();
        if (early <= TimeSpan.Zero)
        {
            return;
        }
        if (early > maxClockSkew)
        {
            throw new InvalidOperationException(
                $"A deadline due at {due:O} fired {early.TotalMilliseconds:F0} ms early by this silo's clock: the silos' clocks disagree by more than {maxClockSkew.TotalMilliseconds:F0} ms.");
        }
        await Task.Delay(early, clock, cancellationToken);
    }
}
