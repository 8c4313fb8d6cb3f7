using IncidentActors.Access;
using IncidentActors.BusinessUnits;
using IncidentActors.Deadlines;
using IncidentActors.Errors;
using IncidentActors.Incidents;
using IncidentActors.Intake;
using IncidentActors.Metrics;
using IncidentActors.Placement;
using IncidentActors.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;

namespace IncidentActors.Services;

/// <summary>The catalog entry and dependency graph of a service; intake is in ServiceGrain.Intake.cs.</summary>
[HomeRegionPlacement, Immovable]
internal sealed partial class ServiceGrain(
    [PersistentState("service", StorageNames.Incidents)] IPersistentState<ServiceState> state,
    TimeProvider clock,
    IOptions<IntakeOptions> options,
    IOptions<IncidentOptions> incidentOptions,
    HomeRegions homes,
    IncidentActorsMetrics metrics,
    ILogger<ServiceGrain> logger) : Grain, IServiceGrain, IUnitScoped
{
    private string ServiceId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _openedBeforeActivation = state.State.LastIncidentNumber;
        return homes.MoveHomeIfAwayAsync(this);
    }

    public ValueTask<GrainScope?> ScopeAsync() =>
        ValueTask.FromResult(state.State.Definition is { } definition ? new GrainScope(definition.BusinessUnitId) : null);

    public async Task<ServiceView> Register(ServiceDefinition definition, CancellationToken cancellationToken = default)
    {
        definition = definition with
        {
            Environment = definition.Environment ?? ServiceDefinition.DefaultEnvironment,
            DependsOn = definition.DependsOn.IsDefault ? [] : definition.DependsOn,
            Grouping = definition.Grouping is { By.IsDefault: true } grouping ? grouping with { By = [] } : definition.Grouping,
        };
        ServiceDefinitionValidator.Validate(ServiceId, definition);
        var s = state.State;
        if (s.Definition is not null && Same(s.Definition, definition))
        {
            return View();
        }
        var now = clock.GetUtcNow();
        if (s.Definition is null)
        {
            s.RegisteredAt = now;
        }
        // The directory learns of the unit first: a listing may then find a unit with no incidents, never miss one.
        await GrainFactory.GetGrain<IBusinessUnitDirectoryGrain>(IBusinessUnitDirectoryGrain.Global).Add(definition.BusinessUnitId, cancellationToken);
        await GrainFactory.GetGrain<IHomeDirectoryGrain>(IHomeDirectoryGrain.Global).SetBusinessUnit(ServiceId, definition.BusinessUnitId, cancellationToken);
        // Listed before it is stored, like the unit above: a listing skips an entry that is not registered, never misses one.
        await GrainFactory.GetGrain<IServiceDirectoryGrain>(IServiceDirectoryGrain.Global).Record(ServiceId, definition.BusinessUnitId, cancellationToken);
        // Normalized metrics divide by the unit's services, quiet ones included.
        await GrainFactory.GetGrain<IUnitMetricsGrain>(definition.BusinessUnitId).RecordService(ServiceId, definition.OwnerTeam, cancellationToken);
        // Upstreams learn of their dependents before the entry that names them is stored: a retry repairs a failure in between.
        await Task.WhenAll(definition.DependsOn.Select(upstream => Service(upstream).AddDependent(ServiceId, cancellationToken)));
        s.Definition = definition;
        s.UpdatedAt = now;
        await state.WriteStateAsync(cancellationToken);
        // Placed before its unit was known, or it changed units.
        await homes.MoveHomeIfAwayAsync(this);
        logger.LogInformation("Registered service {ServiceId} of business unit {BusinessUnitId}", ServiceId, definition.BusinessUnitId);
        return View();
    }

    public Task<ServiceView> Get(CancellationToken cancellationToken = default) => Task.FromResult(View());

    public Task<ServiceView?> Find(CancellationToken cancellationToken = default) =>
        Task.FromResult(state.State.Definition is null ? null : View());

    public Task<long> IncidentsOpened(CancellationToken cancellationToken = default) => Task.FromResult(state.State.LastIncidentNumber);

    public async Task AddDependent(string serviceId, CancellationToken cancellationToken = default)
    {
        if (state.State.Dependents.Add(serviceId))
        {
            await state.WriteStateAsync(cancellationToken);
        }
    }

    public async Task RecordChangeFreeze(ChangeFreeze freeze, CancellationToken cancellationToken = default)
    {
        var freezes = state.State.ChangeFreezes;
        if (freezes.Exists(f => f.IncidentId == freeze.IncidentId))
        {
            return;
        }
        var now = clock.GetUtcNow();
        freezes.RemoveAll(f => f.Until <= now);
        freezes.Add(freeze);
        await state.WriteStateAsync(cancellationToken);
        logger.LogInformation("Change freeze on {ServiceId} until {Until} after major incident {IncidentId}", ServiceId, freeze.Until, freeze.IncidentId);
    }

    public Task<ChangeFreezeOverride?> AdmitChange(string changeReference, CancellationToken cancellationToken = default) =>
        Task.FromResult(ChangeFreezes.Admit(state.State, ServiceId, changeReference, clock.GetUtcNow()));

    public async Task<ChangeFreezeOverride> OverrideChangeFreeze(string changeReference, string reason, string approvedBy,
        CancellationToken cancellationToken = default)
    {
        var granted = ChangeFreezes.Override(state.State, ServiceId, changeReference, reason, approvedBy, clock.GetUtcNow());
        await state.WriteStateAsync(cancellationToken);
        return granted;
    }

    public async Task OnDeadline(string name, DateTimeOffset due, CancellationToken cancellationToken = default)
    {
        await (name switch
        {
            GroupingDeadline => OnGroupingDeadlineAsync(cancellationToken),
            HeartbeatDeadline => OnHeartbeatDeadlineAsync(cancellationToken),
            OpeningEventsDeadline => OnOpeningEventsDeadlineAsync(cancellationToken),
            _ => Task.CompletedTask,
        });
    }

    private Task ArmAsync(string name, DateTimeOffset due, CancellationToken cancellationToken) =>
        new OwnedDeadlines(GrainFactory, this.GetGrainId()).ArmAsync(name, due, cancellationToken);

    private static bool Same(ServiceDefinition a, ServiceDefinition b) =>
        a with { DependsOn = [], Grouping = null } == b with { DependsOn = [], Grouping = null }
        && a.DependsOn.SequenceEqual(b.DependsOn)
        && (a.Grouping, b.Grouping) switch
        {
            (null, null) => true,
            ({ } x, { } y) => x.Window == y.Window && x.Wait == y.Wait && x.By.SequenceEqual(y.By),
            _ => false,
        };

    private IIncidentGrain Incident(string incidentId) => GrainFactory.GetGrain<IIncidentGrain>(incidentId);

    private IServiceGrain Service(string serviceId) => GrainFactory.GetGrain<IServiceGrain>(serviceId);

    private ServiceDefinition RequireDefinition() =>
        state.State.Definition ?? throw new ResourceNotFoundException("Service", ServiceId);

    private ServiceView View()
    {
        var s = state.State;
        var now = clock.GetUtcNow();
        var heartbeat = s.Heartbeat is { } monitor
            ? new HeartbeatView(monitor, s.LastHeartbeatAt, monitor.MissedAfter(s.LastHeartbeatAt),
                s.OpenIncidentByDedupKey.GetValueOrDefault(HeartbeatDedupKey))
            : null;
        return new(RequireDefinition(), s.RegisteredAt, s.UpdatedAt, [.. s.ChangeFreezes.Where(f => f.Until > now)],
            [.. s.Dependents], [.. s.MaintenanceWindows.Where(w => w.End > now)], [.. s.RecentlySuppressed], s.SuppressedCount,
            heartbeat, s.PendingGroups.Count, [.. s.FreezeOverrides.Where(o => o.Until > now)]);
    }
}
