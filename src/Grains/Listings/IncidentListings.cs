namespace IncidentActors.Incidents.Events;

/// <summary>Keeps the unit's index page of an incident up to date; the page keeps the newest version it was given.</summary>
internal sealed class IncidentListings(IGrainFactory grains) : IIncidentEventSubscriber
{
    public Task OnEventsAsync(IReadOnlyList<IncidentEvent> events, CancellationToken cancellationToken)
    {
        var last = events[^1];
        return IncidentIndexPages.Page(grains, last.BusinessUnitId, last.IndexPage).Upsert(last.Incident, cancellationToken);
    }
}
