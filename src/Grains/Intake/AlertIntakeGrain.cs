using System.Collections.Immutable;
using IncidentActors.Access;
using IncidentActors.Alerts;
using IncidentActors.Errors;
using IncidentActors.Services;
using Orleans.Concurrency;

namespace IncidentActors.Intake;

[StatelessWorker]
internal sealed class AlertIntakeGrain : Grain, IAlertIntakeGrain
{
    public async Task<ImmutableArray<AlertBatchItemOutcome>> IngestBatch(ImmutableArray<AlertEvent> alerts, CancellationToken cancellationToken = default)
    {
        alerts = alerts.IsDefault ? [] : alerts;
        var shares = Enumerable.Range(0, alerts.Length).GroupBy(i => alerts[i].ServiceId, StringComparer.Ordinal).ToList();
        var catalog = new Dictionary<string, ServiceDefinition>(StringComparer.Ordinal);
        foreach (var serviceId in shares.Select(share => share.Key).Where(id => !string.IsNullOrEmpty(id)))
        {
            catalog[serviceId] = (await Service(serviceId).Get(cancellationToken)).Definition;
        }
        // A missing service id fails the shape check before the catalog is asked.
        AlertValidator.CompleteBatch(alerts, alert => catalog[alert.ServiceId]);
        // The services' grains are called from here, not by the caller: the whole batch is checked against their units first.
        if (AccessTicket.Current is { } ticket && catalog.Values.FirstOrDefault(service => !ticket.Admits(service.BusinessUnitId)) is { } refused)
        {
            throw new PermissionDeniedException($"{ticket.Principal.Id} may not send alerts to {refused.Id} of business unit {refused.BusinessUnitId}.");
        }

        var items = new AlertBatchItemOutcome[alerts.Length];
        await Task.WhenAll(shares.Select(async share =>
        {
            var indexes = share.ToArray();
            AlertBatchOutcome outcome;
            try
            {
                outcome = await Service(share.Key).IngestBatch([.. indexes.Select(i => alerts[i])], cancellationToken);
            }
            catch (RateLimitedException e)
            {
                outcome = new AlertBatchOutcome([], e.RetryAfter);
            }
            for (var j = 0; j < indexes.Length; j++)
            {
                items[indexes[j]] = j < outcome.Accepted.Length
                    ? new AlertBatchItemOutcome(outcome.Accepted[j], null)
                    : new AlertBatchItemOutcome(null, outcome.RetryAfter ?? TimeSpan.FromSeconds(1));
            }
        }));
        return [.. items];
    }

    private IServiceGrain Service(string serviceId) => GrainFactory.GetGrain<IServiceGrain>(serviceId);
}
