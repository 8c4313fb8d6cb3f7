using IncidentActors.Incidents;
using IncidentActors.Incidents.Events;

namespace IncidentActors.Reviews;

/// <summary>
/// Schedules a review when an incident of a unit with a review policy resolves, and keeps the unit's index hiding a
/// review as its incident is restricted. Applying the same event twice arms the same setup deadline twice, which sets
/// the review up once, and restricts the same way twice.
/// </summary>
internal sealed class ReviewScheduling(IGrainFactory grains) : IIncidentEventSubscriber
{
    public async Task OnEventsAsync(IReadOnlyList<IncidentEvent> events, CancellationToken cancellationToken)
    {
        foreach (var restricted in events.Where(e => e.Kind == TimelineEntryKind.AccessRestricted))
        {
            await grains.GetGrain<IUnitReviewsGrain>(restricted.BusinessUnitId)
                .Restrict(restricted.IncidentId, restricted.Incident.RestrictedTo.IsDefault ? [] : restricted.Incident.RestrictedTo, cancellationToken);
        }
        foreach (var resolved in events.Where(e => e.Kind == TimelineEntryKind.Resolved))
        {
            if (await grains.GetGrain<IUnitReviewsGrain>(resolved.BusinessUnitId).GetPolicy(cancellationToken) is not null)
            {
                await grains.GetGrain<IPostIncidentReviewGrain>(resolved.IncidentId).Schedule(cancellationToken);
            }
        }
    }
}
