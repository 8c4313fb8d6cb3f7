using System.Collections.Immutable;

namespace IncidentActors.Alerts;

/// <summary>Takes in alerts that may be for several services; a stateless worker, so each silo answers its own callers.</summary>
[Alias("IncidentActors.Alerts.IAlertIntakeGrain")]
public interface IAlertIntakeGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Checks the whole batch against the catalog before applying any of it (a bad alert anywhere changes nothing),
    /// then applies each service's share as one <c>IngestBatch</c>, the services side by side. Returns one item per
    /// alert, in order.
    /// </summary>
    [Alias("IngestBatch")]
    Task<ImmutableArray<AlertBatchItemOutcome>> IngestBatch(ImmutableArray<AlertEvent> alerts, CancellationToken cancellationToken = default);
}
