using IncidentActors.Incidents;
using IncidentActors.Incidents.Events;

namespace IncidentActors.Metrics;

/// <summary>
/// Projects incident events into metric facts: the latest event of a delivery carries the incident as it now stands,
/// which replaces its fact in the bucket of its unit and opening day unless a newer one is held. Drills are never
/// projected. Events stored by a version without milestones carry none and are skipped; replaying the service
/// (<see cref="IIncidentReplayGrain"/>) brings those incidents in.
/// </summary>
internal sealed class IncidentMetricsProjection(IGrainFactory grains) : IIncidentEventSubscriber
{
    public async Task OnEventsAsync(IReadOnlyList<IncidentEvent> events, CancellationToken cancellationToken)
    {
        var last = events[^1];
        if (Fact(last) is not { } fact)
        {
            return;
        }
        await grains.GetGrain<IMetricsBucketGrain>(IMetricsBucketGrain.Key(last.BusinessUnitId, fact.OpenedAt)).Apply(fact, cancellationToken);
        if (events.Any(e => ConcernsGovernance(e.Kind)))
        {
            await grains.GetGrain<IUnitMetricsGrain>(last.BusinessUnitId).Observe(fact, cancellationToken);
        }
    }

    public static IncidentFact? Fact(IncidentEvent change)
    {
        var incident = change.Incident;
        if (incident.Drill || incident.Milestones is not { } milestones || incident.Traits is not { } traits)
        {
            return null;
        }
        return new IncidentFact(incident.Id, change.Sequence, incident.OpenedAt, incident.ServiceId, traits.Team, change.Region ?? "",
            traits.Severity, traits.Category, milestones, traits.Escalated, traits.DedupKey,
            incident.RestrictedTo.IsDefault ? [] : incident.RestrictedTo);
    }

    /// <summary>Openings (recurrences) and anything that moves a resolution (time to resolve).</summary>
    private static bool ConcernsGovernance(TimelineEntryKind kind) => kind is TimelineEntryKind.Opened or TimelineEntryKind.Resolved
        or TimelineEntryKind.StateChanged or TimelineEntryKind.MilestoneCorrected or TimelineEntryKind.Replayed;
}
