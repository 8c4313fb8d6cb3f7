using IncidentActors.Deadlines;

namespace IncidentActors.Chat;

/// <summary>
/// Opens one major incident's war room through its unit's provisioning webhook, keyed by the incident's id: retried on
/// its own durable deadline, outside the incident's calls, and once only, however often it is asked.
/// </summary>
[Alias("IncidentActors.Chat.IWarRoomGrain")]
public interface IWarRoomGrain : IDeadlineOwner
{
    /// <summary>Starts provisioning unless it was started before; nothing when the unit has no war-room webhook.</summary>
    [Alias("Open")]
    Task Open(string businessUnitId, DateTimeOffset declaredAt, CancellationToken cancellationToken = default);
}
