namespace IncidentActors.Incidents.Events;

/// <summary>
/// Reacts to what happened to incidents. Each call carries events of one incident in sequence order, after they were
/// stored; the same events may come again (a silo died before the incident heard back), so applying them must be
/// idempotent by (incident, sequence). A call that throws is delivered again later, with the same and newer events.
/// </summary>
internal interface IIncidentEventSubscriber
{
    Task OnEventsAsync(IReadOnlyList<IncidentEvent> events, CancellationToken cancellationToken);
}
