using System.Collections.Immutable;
using IncidentActors.Alerts;
using IncidentActors.Deadlines;
using Orleans.Concurrency;

namespace IncidentActors.Services;

/// <summary>
/// A service of the catalog, keyed by service id: owns its alert deduplication and grouping, its
/// place in the dependency graph, maintenance windows and heartbeat monitor.
/// </summary>
[Alias("IncidentActors.Services.IServiceGrain")]
public interface IServiceGrain : IDeadlineOwner
{
    /// <summary>Registers the service or updates its entry. The key must equal the definition's id.</summary>
    [Alias("Register")]
    Task<ServiceView> Register(ServiceDefinition definition, CancellationToken cancellationToken = default);

    [Alias("Get")]
    Task<ServiceView> Get(CancellationToken cancellationToken = default);

    /// <summary>
    /// The entry, or null while the service is not registered: a listing skips an id whose registration failed after
    /// the directory learnt of it.
    /// </summary>
    [Alias("Find")]
    Task<ServiceView?> Find(CancellationToken cancellationToken = default);

    /// <summary>How many incidents the service opened: they are "&lt;service&gt;-1" to "&lt;service&gt;-n". Interleaved: it reads one number.</summary>
    [Alias("IncidentsOpened"), AlwaysInterleave]
    Task<long> IncidentsOpened(CancellationToken cancellationToken = default);

    /// <summary>Records a change freeze; recording one incident's freeze again changes nothing.</summary>
    [Alias("RecordChangeFreeze")]
    Task RecordChangeFreeze(ChangeFreeze freeze, CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether the change may go ahead: FailedPrecondition while a freeze runs and no override names it. Returns the
    /// override that lets it through, or null when no freeze runs.
    /// </summary>
    [Alias("AdmitChange")]
    Task<ChangeFreezeOverride?> AdmitChange(string changeReference, CancellationToken cancellationToken = default);

    /// <summary>Lets one change through the running freezes, recording who and why; FailedPrecondition when none runs.</summary>
    [Alias("OverrideChangeFreeze")]
    Task<ChangeFreezeOverride> OverrideChangeFreeze(string changeReference, string reason, string approvedBy, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies one alert event: one open incident per dedup key, repeats counted on it. Returns
    /// once every change it made is stored.
    /// </summary>
    [Alias("Ingest")]
    Task<AlertOutcome> Ingest(AlertEvent alert, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies alerts in order, storing what they change together. The whole batch is validated
    /// first; the rate limit may accept only the first part of it.
    /// </summary>
    [Alias("IngestBatch")]
    Task<AlertBatchOutcome> IngestBatch(ImmutableArray<AlertEvent> alerts, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies an Alertmanager notification: by default the group is one incident (its alert count and title
    /// follow the group's firing alerts, and it resolves with the group); a service whose grouping asks for an
    /// incident per alert, or a notification naming no group, is applied alert by alert as <see cref="IngestBatch"/>.
    /// Every alert is validated first, either way.
    /// </summary>
    [Alias("IngestGroup")]
    Task<AlertGroupOutcome> IngestGroup(AlertGroupNotification notification, CancellationToken cancellationToken = default);

    /// <summary>A downstream service declared that it depends on this one.</summary>
    [Alias("AddDependent")]
    Task AddDependent(string serviceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The open incident that a failure here or further upstream is tracked by, if any: this
    /// service's own newest open incident, else the first found up its dependencies. Interleaves,
    /// so that services asking each other at once never wait on each other.
    /// </summary>
    [Alias("FindOpenRoot"), AlwaysInterleave]
    Task<string?> FindOpenRoot(ImmutableArray<string> asked, CancellationToken cancellationToken = default);

    [Alias("ScheduleMaintenance")]
    Task<ServiceView> ScheduleMaintenance(MaintenanceWindow window, CancellationToken cancellationToken = default);

    /// <summary>Ends a window now; cancelling an unknown or ended window changes nothing.</summary>
    [Alias("EndMaintenance")]
    Task<ServiceView> EndMaintenance(string windowId, CancellationToken cancellationToken = default);

    /// <summary>Sets or replaces the heartbeat monitor; the next beat is due one interval from now.</summary>
    [Alias("MonitorHeartbeat")]
    Task<ServiceView> MonitorHeartbeat(HeartbeatMonitor monitor, CancellationToken cancellationToken = default);

    /// <summary>The service checks in.</summary>
    [Alias("Heartbeat")]
    Task<ServiceView> Heartbeat(CancellationToken cancellationToken = default);
}
