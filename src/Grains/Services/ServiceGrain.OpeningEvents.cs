using IncidentActors.Incidents;
using Microsoft.Extensions.Logging;

namespace IncidentActors.Services;

/// <summary>
/// The events of the incidents a service opens are covered by the service, not by each incident: one deadline per
/// window (<see cref="IncidentOptions.EventRedeliveryDelay"/>) instead of one per new incident. When it fires, the
/// incidents whose opening events were not confirmed delivered are asked to deliver them; after this activation
/// began on another silo's death, that is every incident opened since the last confirmation.
/// </summary>
internal sealed partial class ServiceGrain
{
    private const string OpeningEventsDeadline = "opening-events";
    private const int DeliveryConcurrency = 8;

    private readonly HashSet<string> _undeliveredOpenings = new(StringComparer.Ordinal);
    private long _openedBeforeActivation;
    private DateTimeOffset? _openingEventsDue;

    /// <summary>Armed before any incident of this plan is created: should the silo die once one is stored, the deadline is there.</summary>
    private async Task CoverOpeningEventsAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_openingEventsDue > now)
        {
            return;
        }
        var due = now + incidentOptions.Value.EventRedeliveryDelay;
        await ArmAsync(OpeningEventsDeadline, due, cancellationToken);
        _openingEventsDue = due;
    }

    private async Task OnOpeningEventsDeadlineAsync(CancellationToken cancellationToken)
    {
        _openingEventsDue = null;
        var s = state.State;
        var unknown = Enumerable.Range(0, (int)Math.Max(0, _openedBeforeActivation - s.OpeningEventsDeliveredUpTo))
            .Select(i => s.OpeningEventsDeliveredUpTo + 1 + i).ToList();
        var asked = unknown.Select(number => $"{ServiceId}-{number}").Concat(_undeliveredOpenings).Distinct(StringComparer.Ordinal).ToList();
        var stillPending = new HashSet<string>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(asked, new ParallelOptions
            {
                MaxDegreeOfParallelism = DeliveryConcurrency,
                CancellationToken = cancellationToken,
                TaskScheduler = TaskScheduler.Current, // the activation's own, for grain calls
            },
            async (incidentId, token) =>
            {
                try
                {
                    if (await Incident(incidentId).DeliverEvents(token))
                    {
                        return;
                    }
                }
                catch (Exception e)
                {
                    logger.LogWarning(e, "Delivering the opening events of {IncidentId} failed; {ServiceId} asks again", incidentId, ServiceId);
                }
                stillPending.Add(incidentId);
            });
        _undeliveredOpenings.Clear();
        _undeliveredOpenings.UnionWith(stillPending);
        // Confirmed up to the first incident of the earlier activations still pending: after a death, the next activation asks from there.
        var firstPending = unknown.FirstOrDefault(number => stillPending.Contains($"{ServiceId}-{number}"));
        var deliveredUpTo = firstPending > 0 ? firstPending - 1 : Math.Max(s.OpeningEventsDeliveredUpTo, _openedBeforeActivation);
        if (deliveredUpTo != s.OpeningEventsDeliveredUpTo)
        {
            s.OpeningEventsDeliveredUpTo = deliveredUpTo;
            await state.WriteStateAsync(cancellationToken);
        }
        if (_undeliveredOpenings.Count > 0)
        {
            await CoverOpeningEventsAsync(cancellationToken);
        }
    }
}
