using IncidentActors.Incidents;
using IncidentActors.Incidents.Events;

namespace IncidentActors.Metrics;

/// <summary>
/// Counts incidents opened and missed update intervals, and measures their time to acknowledge and to resolve from their events. Only the events of
/// an incident's opening, first acknowledgement (out of triggered) and first resolution count, so that reopening and
/// resolving again, or a replay, measures nothing twice; an event delivered again after a failover is counted again,
/// which an operational meter of one silo cannot know. Regulatory clocks' nags and misses are counted from theirs too.
/// </summary>
internal sealed class IncidentResponseMetrics(IncidentActorsMetrics metrics) : IIncidentEventSubscriber
{
    public Task OnEventsAsync(IReadOnlyList<IncidentEvent> events, CancellationToken cancellationToken)
    {
        foreach (var e in events)
        {
            var severity = e.Incident.IncidentSeverity;
            switch (e.Kind, e.Data)
            {
                case (TimelineEntryKind.Opened, _):
                    metrics.IncidentOpened(e.BusinessUnitId, severity);
                    break;
                case (TimelineEntryKind.Acknowledged, StateMoved):
                    metrics.Acknowledged(e.BusinessUnitId, severity, e.At - e.Incident.OpenedAt);
                    break;
                case (TimelineEntryKind.Resolved, Resolution { ResolvedBefore: false }):
                    metrics.Resolved(e.BusinessUnitId, severity, e.At - e.Incident.OpenedAt);
                    break;
                case (TimelineEntryKind.UpdateOverdue or TimelineEntryKind.UpdateOverdueEscalated, UpdateOverdue):
                    metrics.UpdateOverdue(e.BusinessUnitId, severity, e.Kind == TimelineEntryKind.UpdateOverdueEscalated);
                    break;
                case (TimelineEntryKind.RegulatoryClockNagged, _):
                    metrics.RegulatoryClockPaged(e.BusinessUnitId, "nag");
                    break;
                case (TimelineEntryKind.RegulatoryDeadlineMissed, _):
                    metrics.RegulatoryClockPaged(e.BusinessUnitId, "missed");
                    break;
            }
        }
        return Task.CompletedTask;
    }
}
