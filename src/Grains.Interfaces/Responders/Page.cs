using IncidentActors.Alerts;

namespace IncidentActors.Responders;

/// <summary>
/// One request to a person to respond to an incident. <see cref="IdempotencyKey"/> names the
/// escalation step (incident, level, round) and the person: a step retried after a failure or a
/// failover carries the same key, and a key is delivered at most once per channel.
/// </summary>
/// <param name="Reminder">
/// About what follows the incident (its review, its action items) rather than a call to respond: it is wanted whatever
/// the incident's state, so its retries are not cancelled by the incident's acknowledgement or resolution.
/// </param>
/// <param name="Notice">
/// Set on a shift notice, which concerns no incident (<see cref="IncidentId"/> is empty): nothing is cancelled by an
/// incident's state and no receipt is reported to one.
/// </param>
[GenerateSerializer, Immutable, Alias("IncidentActors.Responders.Page")]
public sealed record Page(
    [property: Id(0)] string IdempotencyKey,
    [property: Id(1)] string IncidentId,
    [property: Id(2)] string ResponderId,
    [property: Id(3)] string Title,
    [property: Id(4)] AlertSeverity Severity,
    [property: Id(5)] int Level,
    [property: Id(6)] int Round,
    [property: Id(7)] string Reason,
    [property: Id(8)] DateTimeOffset PagedAt,
    [property: Id(9)] bool Reminder = false,
    [property: Id(40)] ShiftNotice? Notice = null);
