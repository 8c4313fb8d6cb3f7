using IncidentActors.Incidents;
using IncidentActors.Incidents.Events;

namespace IncidentActors.StatusPages;

/// <summary>
/// Feeds each unit's status board from incident events: the incident as its newest event carries it, and the updates
/// published among them. Deliveries that only count alerts, page people or handle drafts change nothing a page shows
/// and are not passed on.
/// </summary>
internal sealed class StatusBoardProjection(IGrainFactory grains) : IIncidentEventSubscriber
{
    public Task OnEventsAsync(IReadOnlyList<IncidentEvent> events, CancellationToken cancellationToken)
    {
        if (events.All(e => Unseen(e.Kind)))
        {
            return Task.CompletedTask;
        }
        var last = events[^1];
        var change = new StatusBoardChange(last.Incident, last.Sequence, last.At,
            [.. events.Where(e => e.Data is UpdatePublished).Select(e => new SequencedUpdate(e.Sequence, e.At, (UpdatePublished)e.Data!))]);
        return grains.GetGrain<IStatusBoardGrain>(last.BusinessUnitId).Apply(change, cancellationToken);
    }

    private static bool Unseen(TimelineEntryKind kind) => kind is TimelineEntryKind.AlertsCounted or TimelineEntryKind.Paged
        or TimelineEntryKind.UpdateDrafted or TimelineEntryKind.UpdateApproved or TimelineEntryKind.UpdateRead or TimelineEntryKind.NoteAdded;
}
