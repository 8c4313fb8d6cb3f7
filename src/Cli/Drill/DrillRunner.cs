using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using IncidentActors.Api.V1;

namespace IncidentActors.Cli.Drill;

/// <summary>What a running drill shows on its live progress.</summary>
public sealed record DrillStatus(TimeSpan Elapsed, TimeSpan Duration, int AlertsSent, int Incidents, int PagesDue, int PagesDelivered,
    int Acknowledged, int ChaosStanding, IReadOnlyList<string> Recent);

/// <summary>A drill that may not run as asked (e.g. chaos against a cluster this tool did not start).</summary>
public sealed class DrillRefusedException(string message) : Exception(message);

/// <summary>
/// Runs a planned drill against a cluster: sets up its units, responders, rotations, policies and services under ids
/// prefixed by the run, replays the alert timeline (every alert a drill), plays the simulated responders from their
/// webhook deliveries, opens the enterprise-wide event, injects and undoes chaos, watches the stop conditions, and
/// reads everything back into a <see cref="DrillRecord"/> whose page ledger comes from the receiver's deliveries.
/// </summary>
public sealed class DrillRunner(DrillPlan plan, DrillTarget target, Action<DrillStatus>? progress = null)
{
    private const string Admin = Cluster.LocalCluster.Admin;
    private static readonly TimeSpan IncidentIdWait = TimeSpan.FromSeconds(20);

    private readonly Scenario _scenario = plan.Scenario;
    private readonly TimeProvider _clock = TimeProvider.System;
    private readonly string _run = "d" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
    private readonly ConcurrentDictionary<string, string> _incidentOfAlert = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _alertOfIncident = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _paged = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _answered = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _recent = new();
    private readonly List<Task> _answers = [];
    private DateTimeOffset _start;
    private int _alertsSent;
    private int _due;
    private int _delivered;
    private int _standing;

    /// <summary>The prefix of every id this run creates, so that runs never collide.</summary>
    public string RunId => _run;

    public async Task<DrillRecord> RunAsync(CancellationToken cancellationToken)
    {
        if (_scenario.Chaos.Count > 0 && target.Cluster is null)
        {
            throw new DrillRefusedException("This scenario injects chaos, which needs a cluster this tool started and can bring back: run it without --address.");
        }
        var startedAt = _clock.GetUtcNow();
        using var connection = new DrillConnection(target.Silos, target.IsUp, target.IssueToken, _clock);
        await using var receiver = PageReceiver.Start(_clock);
        var chaos = target.Cluster is { } cluster ? new ChaosController(cluster, _clock) : null;
        using var stopped = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        string? abortedBecause = null;
        receiver.Received += page => OnPage(page, connection, stopped.Token);

        try
        {
            await SetUpAsync(connection, receiver, cancellationToken);
            if (_start == default)
            {
                _start = _clock.GetUtcNow();
            }
            Note($"drill {_run} starts at {_start:HH:mm:ss}");
            await Task.Delay(Max(TimeSpan.Zero, _start - _clock.GetUtcNow()), cancellationToken);

            var timeline = Timeline(connection, chaos, stopped.Token);
            var watch = WatchAsync(connection, receiver, chaos, reason =>
            {
                abortedBecause ??= reason;
                Note($"stopping: {reason}");
                stopped.Cancel();
            }, stopped.Token);
            try
            {
                await Task.Delay(Max(TimeSpan.Zero, _start + _scenario.Duration - _clock.GetUtcNow()), stopped.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
            await stopped.CancelAsync();
            await Quietly(Task.WhenAll([.. timeline, watch]));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            abortedBecause ??= "drill interrupted";
        }
        finally
        {
            if (chaos is not null)
            {
                // Whatever ended the drill, nothing it broke is left broken.
                await chaos.UndoAllAsync(abortedBecause is null ? "drill ended" : abortedBecause.StartsWith("stop condition", StringComparison.Ordinal)
                    ? abortedBecause : "drill aborted", CancellationToken.None);
            }
        }
        await Quietly(Task.WhenAll(_answers.ToArray()));
        var incidents = await ReadBackAsync(connection);
        var pages = Ledger(receiver.Deliveries, incidents);
        var record = new DrillRecord(_scenario.Name, plan.Seed, false, startedAt, _clock.GetUtcNow(),
            [.. _scenario.Units.Select(u => new DrillUnit(u.Id, [u.Region]))],
            [.. incidents.Select(i => i.Record)], pages, chaos?.Records ?? [], [], abortedBecause);
        await ResolveAsync(connection, incidents);
        return record with { Assertions = DrillAssertions.Evaluate(plan, record) };
    }

    private string Id(string id) => $"{_run}-{id}";

    private string Unprefixed(string id) => id.StartsWith(_run + "-", StringComparison.Ordinal) ? id[(_run.Length + 1)..] : id;

    private async Task SetUpAsync(DrillConnection api, PageReceiver receiver, CancellationToken cancellationToken)
    {
        Note($"setting up {_scenario.Units.Count} unit(s), {_scenario.Responders.Count} responder(s) as run {_run}");
        foreach (var unit in _scenario.Units)
        {
            await api.CallAsync(Admin, (c, o) => new BusinessUnits.BusinessUnitsClient(c).DefineBusinessUnitAsync(new BusinessUnit
            {
                Id = Id(unit.Id), Name = $"Drill {unit.Id}", HomeRegion = unit.Region, StandardLifecycle = StandardLifecycle.Sre,
            }, o).ResponseAsync, cancellationToken);
        }
        foreach (var responder in _scenario.Responders)
        {
            await api.CallAsync(Admin, (c, o) => new Responders.RespondersClient(c).DefineResponderAsync(new Responder
            {
                Id = Id(responder.Id), Name = $"Simulated {responder.Id}", TimeZone = "Etc/UTC",
                Webhooks = { new WebhookContact { Url = receiver.UrlFor(Id(responder.Id)), Secret = receiver.Secret } },
            }, o).ResponseAsync, cancellationToken);
            foreach (var unit in _scenario.Units)
            {
                await api.CallAsync(Admin, (c, o) => new Access.AccessClient(c).GrantRoleAsync(new RoleGrantRequest
                {
                    PrincipalId = Id(responder.Id), Grant = new RoleGrant { Role = Role.Responder, BusinessUnitId = Id(unit.Id) },
                }, o).ResponseAsync, cancellationToken);
            }
        }
        // Follow-the-sun shifts start at whole minutes: the drill starts on one, after time for the rest of the setup.
        if (_scenario.Rotations.Count > 0)
        {
            _start = NextMinute(_clock.GetUtcNow() + TimeSpan.FromSeconds(15));
        }
        foreach (var rotation in _scenario.Rotations)
        {
            var definition = new Rotation { Id = Id(rotation.Id), Name = $"Drill {rotation.Id}", ShiftNoticesOff = true };
            for (var i = 0; i < rotation.FollowTheSun.Count; i++)
            {
                var shift = rotation.FollowTheSun[i];
                // The first shift began a minute before the drill; each later one begins at its offset (all in UTC).
                var begins = i == 0 ? _start - TimeSpan.FromMinutes(1) : _start + shift.From;
                definition.FollowTheSun.Add(new SunRegion
                {
                    Region = shift.Region, TimeZone = "Etc/UTC", LocalStart = begins.ToString("HH:mm", CultureInfo.InvariantCulture),
                    Participants = { Id(shift.Responder) },
                });
            }
            await api.CallAsync(Admin, (c, o) => new OnCall.OnCallClient(c).DefineRotationAsync(definition, o).ResponseAsync, cancellationToken);
        }
        foreach (var policy in _scenario.Policies)
        {
            var definition = new EscalationPolicy
            {
                Id = Id(policy.Id), Name = $"Drill {policy.Id}", Repeats = policy.Repeats,
                HandoverAcknowledgeWithin = Duration.FromTimeSpan(policy.HandoverAcknowledgeWithin),
            };
            foreach (var level in policy.Levels)
            {
                var wire = new EscalationLevel { AcknowledgeWithin = Duration.FromTimeSpan(level.AcknowledgeWithin) };
                wire.Targets.AddRange(level.Targets.Select(t => t.Rotation is { } rotation
                    ? new EscalationTarget { RotationId = Id(rotation) }
                    : new EscalationTarget { ResponderId = Id(t.Responder!) }));
                definition.Levels.Add(wire);
            }
            await api.CallAsync(Admin, (c, o) => new EscalationPolicies.EscalationPoliciesClient(c).DefinePolicyAsync(definition, o).ResponseAsync, cancellationToken);
        }
        foreach (var unit in _scenario.Units)
        {
            foreach (var service in unit.Services)
            {
                await api.CallAsync(Admin, (c, o) => new ServiceCatalog.ServiceCatalogClient(c).RegisterServiceAsync(new RegisterServiceRequest
                {
                    Id = Id(service.Id), Name = service.Id, OwnerTeam = "drill", BusinessUnitId = Id(unit.Id),
                    EscalationPolicyId = service.Policy.Length > 0 ? Id(service.Policy) : "",
                    DependsOn = { service.DependsOn.Select(Id) },
                }, o).ResponseAsync, cancellationToken);
            }
        }
    }

    private List<Task> Timeline(DrillConnection api, ChaosController? chaos, CancellationToken cancellationToken)
    {
        var tasks = plan.Alerts.Select(a => At(a.At, () => SendAlertAsync(api, a, cancellationToken), cancellationToken)).ToList();
        if (_scenario.Event is { } e)
        {
            tasks.Add(At(e.At, () => OpenEventAsync(api, e, cancellationToken), cancellationToken));
        }
        foreach (var fault in _scenario.Chaos)
        {
            tasks.Add(At(fault.At, async () =>
            {
                Note($"chaos: {fault.Kind} {fault.Target}");
                await chaos!.InjectAsync(fault);
                await Task.Delay(fault.For, cancellationToken);
                await chaos.UndoAsync(fault, "fault time up", cancellationToken);
                Note($"chaos undone: {fault.Kind} {fault.Target}");
            }, cancellationToken));
        }
        return tasks;
    }

    private async Task At(TimeSpan offset, Func<Task> action, CancellationToken cancellationToken)
    {
        await Task.Delay(Max(TimeSpan.Zero, _start + offset - _clock.GetUtcNow()), cancellationToken);
        try
        {
            await action();
        }
        catch (RpcException e)
        {
            Note($"refused at T+{offset.TotalSeconds:0.0}s: {e.Status.StatusCode} {e.Status.Detail}");
        }
    }

    private async Task SendAlertAsync(DrillConnection api, PlannedAlert planned, CancellationToken cancellationToken)
    {
        var alert = planned.Alert;
        var result = await api.CallAsync(Admin, (c, o) => new AlertIntake.AlertIntakeClient(c).SendAlertAsync(new AlertEvent
        {
            ServiceId = Id(alert.Service), Action = AlertAction.Trigger, DedupKey = Id(alert.Name), Summary = alert.Summary,
            Source = "drill", Severity = Severity(alert.Severity), Drill = true,
        }, o).ResponseAsync, cancellationToken);
        Interlocked.Increment(ref _alertsSent);
        if (result.Disposition == AlertDisposition.Opened)
        {
            _alertOfIncident[result.IncidentId] = alert.Name;
        }
        if (result.IncidentId.Length > 0)
        {
            _incidentOfAlert[alert.Name] = result.IncidentId;
        }
        Note($"alert {alert.Name}: {result.Disposition.ToString().ToLowerInvariant()} {result.IncidentId}");
    }

    private async Task OpenEventAsync(DrillConnection api, ScenarioEvent scenarioEvent, CancellationToken cancellationToken)
    {
        var eventId = Id("event");
        await api.CallAsync(Admin, (c, o) => new Command.CommandClient(c).OpenEventAsync(new OpenEventRequest
        {
            EventId = eventId, Title = scenarioEvent.Title, Commander = Admin, Note = "drill",
        }, o).ResponseAsync, cancellationToken);
        foreach (var incident in scenarioEvent.Alerts.Select(a => _incidentOfAlert.GetValueOrDefault(a)).OfType<string>().Distinct())
        {
            await api.CallAsync(Admin, (c, o) => new Command.CommandClient(c).AttachIncidentAsync(new EventIncidentRequest
            {
                EventId = eventId, IncidentId = incident, Note = "drill",
            }, o).ResponseAsync, cancellationToken);
        }
        Note($"enterprise-wide event {eventId} commands {scenarioEvent.Alerts.Count} alert(s)' incidents");
    }

    // A simulated responder answers its first page of an incident (acknowledging) or a handover (accepting) after its delay.
    private void OnPage(ReceivedPage page, DrillConnection api, CancellationToken cancellationToken)
    {
        if (!page.SignatureValid || page.IncidentId.Length == 0 || !_paged.TryAdd(AnswerKey(page), 0))
        {
            return;
        }
        var handover = page.IdempotencyKey.Contains("/handover/", StringComparison.Ordinal);
        lock (_answers)
        {
            _answers.Add(Task.Run(async () =>
            {
                var alert = await AlertOfAsync(page.IncidentId, cancellationToken);
                if (alert is null || plan.AnswerDelay(alert, Unprefixed(page.Responder)) is not { } delay)
                {
                    return;
                }
                await Task.Delay(Max(TimeSpan.Zero, page.At + delay - _clock.GetUtcNow()), cancellationToken);
                try
                {
                    var incident = await api.CallAsync(page.Responder, (c, o) => handover
                        ? new Incidents.IncidentsClient(c).AcceptHandoverAsync(new AcceptHandoverRequest { Id = page.IncidentId, Note = "drill" }, o).ResponseAsync
                        : new Incidents.IncidentsClient(c).AcknowledgeIncidentAsync(new AcknowledgeIncidentRequest { Id = page.IncidentId, Note = "drill" }, o).ResponseAsync,
                        cancellationToken);
                    if (!handover && incident.AcknowledgedBy != page.Responder)
                    {
                        Note($"{Unprefixed(page.Responder)} found {alert} acknowledged already");
                        return;
                    }
                    _answered[AnswerKey(page)] = _clock.GetUtcNow();
                    Note($"{Unprefixed(page.Responder)} {(handover ? "accepted the handover of" : "acknowledged")} {alert}");
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition)
                {
                    // Someone else acknowledged first: nothing left to do.
                }
            }, cancellationToken));
        }
    }

    private static string AnswerKey(ReceivedPage page) =>
        $"{page.IncidentId}|{page.Responder}|{(page.IdempotencyKey.Contains("/handover/", StringComparison.Ordinal) ? page.IdempotencyKey : "ack")}";

    // A page can arrive before SendAlert's answer names its incident.
    private async Task<string?> AlertOfAsync(string incidentId, CancellationToken cancellationToken)
    {
        var until = _clock.GetUtcNow() + IncidentIdWait;
        while (!_alertOfIncident.ContainsKey(incidentId) && _clock.GetUtcNow() < until)
        {
            await Task.Delay(100, cancellationToken);
        }
        return _alertOfIncident.GetValueOrDefault(incidentId);
    }

    private async Task WatchAsync(DrillConnection api, PageReceiver receiver, ChaosController? chaos, Action<string> stop, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var now = _clock.GetUtcNow();
                var delivered = receiver.Deliveries.Select(d => (d.IdempotencyKey, d.Responder)).ToHashSet();
                var due = plan.Pages.Where(p => _start + p.At <= now && _incidentOfAlert.ContainsKey(p.Alert)).ToList();
                if (due.FirstOrDefault(p => _start + p.At + _scenario.StopWhen.PagesMissingAfter < now && !delivered.Contains((Key(p), Id(p.Responder)))) is { } missing)
                {
                    stop($"stop condition: pages missing ({Key(missing)} to {missing.Responder} not delivered within {_scenario.StopWhen.PagesMissingAfter.TotalSeconds:0} s)");
                    return;
                }
                if (_scenario.StopWhen.RealIncident && await RealIncidentAsync(api, cancellationToken) is { } real)
                {
                    stop($"stop condition: a real (non-drill) incident {real} opened in a unit under drill");
                    return;
                }
                _due = due.Count;
                _delivered = due.Count(p => delivered.Contains((Key(p), Id(p.Responder))));
                _standing = chaos?.Standing ?? 0;
                Report();
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task<string?> RealIncidentAsync(DrillConnection api, CancellationToken cancellationToken)
    {
        foreach (var unit in _scenario.Units)
        {
            var listed = await api.CallAsync(Admin, (c, o) => new Incidents.IncidentsClient(c).ListIncidentsAsync(
                new ListIncidentsRequest { BusinessUnitId = Id(unit.Id), PageSize = 500 }, o).ResponseAsync, cancellationToken);
            if (listed.Incidents.FirstOrDefault(i => !i.Drill) is { } real)
            {
                return real.Id;
            }
        }
        return null;
    }

    /// <summary>The real idempotency key of a planned page, once its incident is known.</summary>
    private string Key(PlannedPage page)
    {
        var incident = _incidentOfAlert.GetValueOrDefault(page.Alert, page.Alert);
        return page.HandoverRotation is { } rotation
            ? $"{incident}/handover/{Id(rotation)}/{(_start + page.At).UtcTicks}"
            : $"{incident}/{page.Step}";
    }

    private sealed record ReadIncident(DrillIncident Record, Incident Wire);

    private async Task<List<ReadIncident>> ReadBackAsync(DrillConnection api)
    {
        var incidents = new List<ReadIncident>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        foreach (var (id, alert) in _alertOfIncident.OrderBy(a => a.Value, StringComparer.Ordinal))
        {
            try
            {
                var wire = await api.CallAsync(Admin, (c, o) => new Incidents.IncidentsClient(c).GetIncidentAsync(new GetIncidentRequest { Id = id }, o).ResponseAsync, timeout.Token);
                var steps = wire.Pages.Select(p => p.IdempotencyKey).Where(k => !k.Contains("/handover/", StringComparison.Ordinal)).Distinct().Count();
                incidents.Add(new ReadIncident(new DrillIncident(wire.Id, Unprefixed(wire.BusinessUnitId), Unprefixed(wire.ServiceId),
                    wire.OpenedAt.ToDateTimeOffset(), wire.AcknowledgedAt?.ToDateTimeOffset(), wire.ResolvedAt?.ToDateTimeOffset(),
                    Math.Max(0, steps - 1), wire.Pages.Select(p => p.IdempotencyKey).Where(k => k.Contains("/handover/", StringComparison.Ordinal)).Distinct().Count(),
                    wire.CentralCommand?.Since?.ToDateTimeOffset()), wire));
            }
            catch (Exception e) when (e is RpcException or OperationCanceledException)
            {
                Note($"could not read back incident {id} ({alert}): {e.Message}");
            }
        }
        return incidents;
    }

    private List<PageLedgerEntry> Ledger(IReadOnlyList<ReceivedPage> deliveries, List<ReadIncident> incidents)
    {
        var valid = deliveries.Where(d => d.SignatureValid).ToList();
        var entries = new List<PageLedgerEntry>();
        var expected = new HashSet<(string, string)>();
        foreach (var page in plan.Pages.Where(p => p.At < _scenario.Duration))
        {
            var key = Key(page);
            var responder = Id(page.Responder);
            expected.Add((key, responder));
            var incident = _incidentOfAlert.GetValueOrDefault(page.Alert, "");
            entries.Add(new PageLedgerEntry(key, page.Unit, page.Responder, incident, true,
                [.. valid.Where(d => d.IdempotencyKey == key && d.Responder == responder).Select(d => d.At)],
                AcknowledgedAt(incidents, incident, responder, page)));
        }
        foreach (var group in valid.Where(d => !expected.Contains((d.IdempotencyKey, d.Responder))).GroupBy(d => (d.IdempotencyKey, d.Responder)))
        {
            var incident = group.First().IncidentId;
            var unit = incidents.FirstOrDefault(i => i.Record.Id == incident)?.Record.Unit ?? "";
            entries.Add(new PageLedgerEntry(group.Key.IdempotencyKey, unit, Unprefixed(group.Key.Responder), incident, false,
                [.. group.Select(d => d.At)], null));
        }
        return entries;
    }

    // Who acknowledged an incident did so on their first page of it; an accepted handover is the handover page's answer.
    private DateTimeOffset? AcknowledgedAt(List<ReadIncident> incidents, string incidentId, string responder, PlannedPage page)
    {
        if (page.HandoverRotation is not null)
        {
            return _answered.TryGetValue($"{incidentId}|{responder}|{Key(page)}", out var at) ? at : null;
        }
        var first = plan.Pages.Where(p => p.Alert == page.Alert && p.Responder == page.Responder && p.HandoverRotation is null).MinBy(p => p.At);
        return incidents.FirstOrDefault(i => i.Record.Id == incidentId)?.Wire is { AcknowledgedBy: var by } wire && by == responder && first == page
            ? wire.AcknowledgedAt?.ToDateTimeOffset()
            : null;
    }

    // Drill incidents are resolved at the end, so that nothing keeps escalating after the run.
    private static async Task ResolveAsync(DrillConnection api, List<ReadIncident> incidents)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        foreach (var incident in incidents.Where(i => i.Wire.ResolvedAt is null))
        {
            try
            {
                await api.CallAsync(Admin, (c, o) => new Incidents.IncidentsClient(c).ResolveIncidentAsync(
                    new ResolveIncidentRequest { Id = incident.Record.Id, Note = "drill over" }, o).ResponseAsync, timeout.Token);
            }
            catch (Exception e) when (e is RpcException or OperationCanceledException)
            {
            }
        }
    }

    private void Note(string line)
    {
        _recent.Enqueue($"{_clock.GetUtcNow():HH:mm:ss} {line}");
        while (_recent.Count > 8 && _recent.TryDequeue(out _))
        {
        }
        Report();
    }

    private void Report() => progress?.Invoke(new DrillStatus(_start == default ? TimeSpan.Zero : _clock.GetUtcNow() - _start, _scenario.Duration,
        _alertsSent, _alertOfIncident.Count, _due, _delivered, _answered.Keys.Count(k => k.EndsWith("|ack", StringComparison.Ordinal)), _standing, [.. _recent]));

    private static AlertSeverity Severity(string severity) => severity switch
    {
        "critical" => AlertSeverity.Critical,
        "error" => AlertSeverity.Error,
        "warning" => AlertSeverity.Warning,
        _ => AlertSeverity.Info,
    };

    private static DateTimeOffset NextMinute(DateTimeOffset at) =>
        new(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerMinute + TimeSpan.TicksPerMinute, TimeSpan.Zero);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception e) when (e is OperationCanceledException or RpcException)
        {
        }
    }
}
