namespace IncidentActors.Deadlines;

/// <summary>
/// A grain that arms durable deadlines. A deadline may reach it more than once (retries, failover)
/// and after it was disarmed: the owner acts only on the deadline it currently holds, and only
/// once its due time has passed.
/// </summary>
[Alias("IncidentActors.Deadlines.IDeadlineOwner")]
public interface IDeadlineOwner : IGrainWithStringKey
{
    [Alias("OnDeadline")]
    Task OnDeadline(string name, DateTimeOffset due, CancellationToken cancellationToken = default);
}
