using IncidentActors.Alerts;
using IncidentActors.BusinessUnits;
using IncidentActors.Errors;
using IncidentActors.Incidents;
using IncidentActors.Placement;
using IncidentActors.Storage;
using Microsoft.Extensions.Logging;
using Orleans.Placement;

namespace IncidentActors.Services;

[HomeRegionPlacement, Immovable]
internal sealed class ServiceGrain(
    [PersistentState("service", StorageNames.Incidents)] IPersistentState<ServiceState> state,
    TimeProvider clock,
    HomeRegions homes,
    ILogger<ServiceGrain> logger) : Grain, IServiceGrain
{
    private string ServiceId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken) => homes.MoveHomeIfAwayAsync(this);

    public async Task<ServiceView> Register(ServiceDefinition definition, CancellationToken cancellationToken = default)
    {
        ServiceDefinitionValidator.Validate(ServiceId, definition);
        var s = state.State;
        if (s.Definition == definition)
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
        s.Definition = definition;
        s.UpdatedAt = now;
        await state.WriteStateAsync(cancellationToken);
        // Placed before its unit was known, or it changed units.
        await homes.MoveHomeIfAwayAsync(this);
        logger.LogInformation("Registered service {ServiceId} of business unit {BusinessUnitId}", ServiceId, definition.BusinessUnitId);
        return View();
    }

    public Task<ServiceView> Get(CancellationToken cancellationToken = default) => Task.FromResult(View());

    public async Task<AlertOutcome> Ingest(AlertEvent alert, CancellationToken cancellationToken = default)
    {
        AlertValidator.Validate(alert);
        if (alert.ServiceId != ServiceId)
        {
            throw new InvalidRequestException("service_id", $"'{alert.ServiceId}' does not match the service addressed, '{ServiceId}'.");
        }
        var definition = RequireDefinition();
        return alert.Action switch
        {
            AlertAction.Trigger => await TriggerAsync(alert, definition, cancellationToken),
            _ => await ActOnOpenIncidentAsync(alert, cancellationToken),
        };
    }

    private async Task<AlertOutcome> TriggerAsync(AlertEvent alert, ServiceDefinition definition, CancellationToken cancellationToken)
    {
        var dedupKey = alert.DedupKey ?? Guid.CreateVersion7(clock.GetUtcNow()).ToString("N");
        alert = alert with { DedupKey = dedupKey };
        var open = state.State.OpenIncidentByDedupKey;

        if (open.TryGetValue(dedupKey, out var incidentId))
        {
            var repeat = await Incident(incidentId).Trigger(alert, definition, cancellationToken);
            if (repeat.Accepted)
            {
                var disposition = repeat.Opened ? AlertDisposition.Opened : AlertDisposition.Deduplicated;
                return new AlertOutcome(disposition, dedupKey, incidentId, repeat.Status, repeat.AlertCount);
            }
            // Resolved since: this trigger starts a new incident.
        }

        // The mapping is stored before the incident is created: a retry after a crash in between
        // finds the same incident id and creates it then, instead of opening a second incident.
        incidentId = $"{ServiceId}-{++state.State.LastIncidentNumber}";
        open[dedupKey] = incidentId;
        await state.WriteStateAsync(cancellationToken);
        var opened = await Incident(incidentId).Trigger(alert, definition, cancellationToken);
        return new AlertOutcome(AlertDisposition.Opened, dedupKey, incidentId, opened.Status, opened.AlertCount);
    }

    private async Task<AlertOutcome> ActOnOpenIncidentAsync(AlertEvent alert, CancellationToken cancellationToken)
    {
        var dedupKey = alert.DedupKey!;
        if (!state.State.OpenIncidentByDedupKey.TryGetValue(dedupKey, out var incidentId))
        {
            return new AlertOutcome(AlertDisposition.NoOpenIncident, dedupKey, null, null, 0);
        }
        var incident = Incident(incidentId);
        var action = new ResponderAction($"integration:{alert.Integration}", string.IsNullOrWhiteSpace(alert.Summary) ? null : alert.Summary);
        IncidentView view;
        if (alert.Action == AlertAction.Acknowledge)
        {
            try
            {
                view = await incident.Acknowledge(action, cancellationToken);
            }
            catch (IllegalTransitionException)
            {
                await ForgetAsync(dedupKey, cancellationToken);
                return new AlertOutcome(AlertDisposition.NoOpenIncident, dedupKey, incidentId, IncidentStatus.Resolved, 0);
            }
            return new AlertOutcome(AlertDisposition.Acknowledged, dedupKey, incidentId, view.Status, view.AlertCount);
        }

        view = await incident.Resolve(action, cancellationToken);
        await ForgetAsync(dedupKey, cancellationToken);
        return new AlertOutcome(AlertDisposition.Resolved, dedupKey, incidentId, view.Status, view.AlertCount);
    }

    private async Task ForgetAsync(string dedupKey, CancellationToken cancellationToken)
    {
        state.State.OpenIncidentByDedupKey.Remove(dedupKey);
        await state.WriteStateAsync(cancellationToken);
    }

    private IIncidentGrain Incident(string incidentId) => GrainFactory.GetGrain<IIncidentGrain>(incidentId);

    private ServiceDefinition RequireDefinition() =>
        state.State.Definition ?? throw new ResourceNotFoundException("Service", ServiceId);

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

    private ServiceView View()
    {
        var now = clock.GetUtcNow();
        return new(RequireDefinition(), state.State.RegisteredAt, state.State.UpdatedAt, [.. state.State.ChangeFreezes.Where(f => f.Until > now)]);
    }
}
