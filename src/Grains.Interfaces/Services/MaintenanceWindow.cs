namespace IncidentActors.Services;

/// <summary>
/// While a window runs, non-critical alerts on the service are recorded and paged to nobody;
/// critical ones page as always. A window ends at <see cref="End"/> whether or not anyone closes it.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Services.MaintenanceWindow")]
public sealed record MaintenanceWindow(
    [property: Id(0)] string Id,
    [property: Id(1)] DateTimeOffset Start,
    [property: Id(2)] DateTimeOffset End,
    [property: Id(3)] string Reason,
    [property: Id(4)] string ScheduledBy)
{
    public bool CoversInstant(DateTimeOffset instant) => Start <= instant && instant < End;
}

/// <summary>An alert a maintenance window kept from paging.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Services.SuppressedAlert")]
public sealed record SuppressedAlert(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string DedupKey,
    [property: Id(2)] string Summary,
    [property: Id(3)] Alerts.AlertSeverity Severity,
    [property: Id(4)] string WindowId);
