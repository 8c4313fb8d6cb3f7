using IncidentActors.Incidents;
using IncidentActors.Incidents.Events;

namespace IncidentActors.Command;

/// <summary>The command center looks for major incidents of several units declared together.</summary>
internal sealed class MajorIncidentProposals(IGrainFactory grains) : IIncidentEventSubscriber
{
    public async Task OnEventsAsync(IReadOnlyList<IncidentEvent> events, CancellationToken cancellationToken)
    {
        // A restricted incident stays out of proposals, which the command center shows across units.
        foreach (var e in events.Where(e => e.Kind == TimelineEntryKind.MajorDeclared && !e.Incident.IsRestricted))
        {
            await grains.GetGrain<IEventProposalsGrain>(IEventProposalsGrain.Global)
                .MajorDeclared(new MajorIncidentNotice(e.IncidentId, e.BusinessUnitId, e.Incident.Title, e.At), cancellationToken);
        }
    }
}
