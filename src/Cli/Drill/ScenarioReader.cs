using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace IncidentActors.Cli.Drill;

/// <summary>A scenario file that cannot be run, with every field at fault named by its path (e.g. <c>alerts[2].service</c>).</summary>
public sealed class ScenarioException(string source, IReadOnlyList<ScenarioError> errors)
    : Exception($"{source}: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")))
{
    public IReadOnlyList<ScenarioError> Errors { get; } = errors;
}

public sealed record ScenarioError(string Field, string Message);

/// <summary>Reads a scenario's YAML (snake_case keys; durations like <c>500ms</c>, <c>5s</c>, <c>2m</c>) and checks it whole.</summary>
public static partial class ScenarioReader
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    private static readonly string[] Severities = ["critical", "error", "warning", "info"];

    public static Scenario ReadFile(string path) => Read(File.ReadAllText(path), Path.GetFileName(path));

    public static Scenario Read(string yaml, string source = "scenario")
    {
        ScenarioFile file;
        try
        {
            file = Yaml.Deserialize<ScenarioFile?>(yaml) ?? throw new ScenarioException(source, [new("(file)", "is empty.")]);
        }
        catch (YamlException e)
        {
            // YamlDotNet names the unknown or malformed key and where it is.
            var reason = (e.InnerException?.Message ?? e.Message).Replace(Environment.NewLine, " ");
            throw new ScenarioException(source, [new($"line {e.Start.Line}, column {e.Start.Column}", reason)]);
        }
        var check = new Checker();
        var scenario = check.Scenario(file);
        if (check.Errors.Count > 0)
        {
            throw new ScenarioException(source, check.Errors);
        }
        return scenario;
    }

    /// <summary>"500ms", "5s", "2m", "1h" (whole numbers).</summary>
    public static bool TryParseDuration(string? text, out TimeSpan duration)
    {
        duration = default;
        var match = text is null ? null : DurationPattern().Match(text.Trim());
        if (match is not { Success: true } || !long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }
        duration = match.Groups[2].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(amount),
            "s" => TimeSpan.FromSeconds(amount),
            "m" => TimeSpan.FromMinutes(amount),
            _ => TimeSpan.FromHours(amount),
        };
        return true;
    }

    [GeneratedRegex(@"^(\d{1,7})(ms|s|m|h)$")]
    private static partial Regex DurationPattern();

    private sealed class Checker
    {
        public List<ScenarioError> Errors { get; } = [];

        public Scenario Scenario(ScenarioFile f)
        {
            var name = Required(f.Name, "name");
            var duration = Duration(f.Duration, "duration", required: true, min: TimeSpan.FromSeconds(1));
            var jitter = Duration(f.AlertJitter, "alert_jitter", required: false, min: TimeSpan.Zero);

            var responders = f.Responders.Select((r, i) => Responder(r, $"responders[{i}]")).ToList();
            Distinct(responders.Select(r => r.Id), "responders", "responder");
            var responderIds = responders.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);

            var units = f.Units.Select((u, i) => Unit(u, $"units[{i}]")).ToList();
            if (units.Count == 0)
            {
                Error("units", "name at least one business unit.");
            }
            Distinct(units.Select(u => u.Id), "units", "unit");
            var services = units.SelectMany(u => u.Services).ToList();
            Distinct(services.Select(s => s.Id), "units", "service");
            var serviceIds = services.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);

            var regions = f.Regions.Count > 0 ? f.Regions : units.Select(u => u.Region).Distinct().ToList();
            for (var i = 0; i < units.Count; i++)
            {
                if (!regions.Contains(units[i].Region))
                {
                    Error($"units[{i}].region", $"'{units[i].Region}' is not one of the cluster's regions ({string.Join(", ", regions)}).");
                }
                for (var j = 0; j < units[i].Services.Count; j++)
                {
                    foreach (var dependency in units[i].Services[j].DependsOn.Where(d => !serviceIds.Contains(d)))
                    {
                        Error($"units[{i}].services[{j}].depends_on", $"no service '{dependency}' is defined.");
                    }
                }
            }

            var rotations = f.Rotations.Select((r, i) => Rotation(r, $"rotations[{i}]", responders)).ToList();
            Distinct(rotations.Select(r => r.Id), "rotations", "rotation");
            var rotationIds = rotations.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);

            var policies = f.Policies.Select((p, i) => Policy(p, $"policies[{i}]", responderIds, rotationIds)).ToList();
            Distinct(policies.Select(p => p.Id), "policies", "policy");
            for (var i = 0; i < units.Count; i++)
            {
                for (var j = 0; j < units[i].Services.Count; j++)
                {
                    if (units[i].Services[j].Policy is { Length: > 0 } policy && policies.All(p => p.Id != policy))
                    {
                        Error($"units[{i}].services[{j}].policy", $"no policy '{policy}' is defined.");
                    }
                }
            }

            var alerts = f.Alerts.Select((a, i) => Alert(a, $"alerts[{i}]", serviceIds, duration)).ToList();
            if (alerts.Count == 0)
            {
                Error("alerts", "name at least one alert.");
            }
            Distinct(alerts.Select(a => a.Name), "alerts", "alert name");
            var alertNames = alerts.Select(a => a.Name).ToHashSet(StringComparer.Ordinal);

            var chaos = f.Chaos.Select((c, i) => Fault(c, $"chaos[{i}]", regions, duration)).ToList();
            var scenarioEvent = f.Event is null ? null : Event(f.Event, alertNames, duration);

            var stop = new StopConditions(
                Duration(f.StopWhen?.PagesMissingAfter, "stop_when.pages_missing_after", required: false, min: TimeSpan.FromSeconds(1), fallback: TimeSpan.FromSeconds(90)),
                f.StopWhen?.RealIncident ?? true);
            var expect = new Expectations(f.Expect?.NothingLost ?? true, f.Expect?.NobodyPagedTwice ?? true,
                f.Expect?.MttaUnder is null ? null : Duration(f.Expect.MttaUnder, "expect.mtta_under", required: true, min: TimeSpan.FromSeconds(1)));

            return new Scenario(name, duration, jitter, regions, units, responders, rotations, policies, alerts, scenarioEvent, chaos, stop, expect);
        }

        private ScenarioUnit Unit(UnitFile u, string path) =>
            new(Required(u.Id, $"{path}.id"), Required(u.Region, $"{path}.region"),
                u.Services.Select((s, i) => new ScenarioService(Required(s.Id, $"{path}.services[{i}].id"), s.Policy ?? "", s.DependsOn)).ToList());

        private SimulatedResponder Responder(ResponderFile r, string path)
        {
            var id = Required(r.Id, $"{path}.id");
            if (r.NeverAnswers == (r.AcknowledgesAfter is not null))
            {
                Error($"{path}.acknowledges_after", "give either acknowledges_after (e.g. 5s, or 3s..8s) or never_answers: true.");
                return new SimulatedResponder(id, null, null);
            }
            if (r.NeverAnswers)
            {
                return new SimulatedResponder(id, null, null);
            }
            var bounds = r.AcknowledgesAfter!.Split("..");
            var min = Duration(bounds[0], $"{path}.acknowledges_after", required: true, min: TimeSpan.Zero);
            var max = bounds.Length == 2 ? Duration(bounds[1], $"{path}.acknowledges_after", required: true, min: TimeSpan.Zero) : min;
            if (bounds.Length > 2 || max < min)
            {
                Error($"{path}.acknowledges_after", "must be a duration or a range min..max with min <= max.");
            }
            return new SimulatedResponder(id, min, max);
        }

        private ScenarioRotation Rotation(RotationFile r, string path, List<SimulatedResponder> responders)
        {
            var id = Required(r.Id, $"{path}.id");
            if (r.FollowTheSun.Count == 0)
            {
                Error($"{path}.follow_the_sun", "name at least one region's shift.");
            }
            var shifts = new List<SunShift>();
            for (var i = 0; i < r.FollowTheSun.Count; i++)
            {
                var s = r.FollowTheSun[i];
                var at = $"{path}.follow_the_sun[{i}]";
                var responder = Required(s.Responder, $"{at}.responder");
                if (responder.Length > 0 && responders.All(p => p.Id != responder))
                {
                    Error($"{at}.responder", $"no responder '{responder}' is defined.");
                }
                var from = i == 0 && s.From is null ? TimeSpan.Zero : Duration(s.From, $"{at}.from", required: true, min: TimeSpan.Zero);
                // Rotations hand over at whole minutes ("HH:mm"), so boundaries are whole minutes from a start on the minute.
                if (from.Ticks % TimeSpan.TicksPerMinute != 0)
                {
                    Error($"{at}.from", "must be a whole number of minutes (follow-the-sun shifts start at HH:mm).");
                }
                if (i == 0 && from != TimeSpan.Zero)
                {
                    Error($"{at}.from", "the first shift is on call from the drill's start (0s).");
                }
                if (i > 0 && shifts.Count > 0 && from <= shifts[^1].From)
                {
                    Error($"{at}.from", "must be later than the previous shift's.");
                }
                // Who does not answer a handover would escalate it, which the plan does not model.
                if (i > 0 && responders.FirstOrDefault(p => p.Id == responder) is { Answers: false })
                {
                    Error($"{at}.responder", "an incoming follow-the-sun responder must answer (accepting handovers).");
                }
                shifts.Add(new SunShift(Required(s.Region, $"{at}.region"), responder, from));
            }
            return new ScenarioRotation(id, shifts);
        }

        private ScenarioPolicy Policy(PolicyFile p, string path, HashSet<string> responders, HashSet<string> rotations)
        {
            var id = Required(p.Id, $"{path}.id");
            if (p.Repeats is < 0 or > 3)
            {
                Error($"{path}.repeats", "must be between 0 and 3.");
            }
            if (p.Levels.Count == 0)
            {
                Error($"{path}.levels", "name at least one level.");
            }
            var levels = new List<PolicyLevel>();
            for (var i = 0; i < p.Levels.Count; i++)
            {
                var at = $"{path}.levels[{i}]";
                var targets = new List<PageTarget>();
                for (var j = 0; j < p.Levels[i].Targets.Count; j++)
                {
                    var target = p.Levels[i].Targets[j];
                    if (target.StartsWith("rotation:", StringComparison.Ordinal))
                    {
                        var rotation = target["rotation:".Length..];
                        if (!rotations.Contains(rotation))
                        {
                            Error($"{at}.targets[{j}]", $"no rotation '{rotation}' is defined.");
                        }
                        targets.Add(new PageTarget(null, rotation));
                    }
                    else
                    {
                        if (!responders.Contains(target))
                        {
                            Error($"{at}.targets[{j}]", $"no responder '{target}' is defined (a rotation is written rotation:<id>).");
                        }
                        targets.Add(new PageTarget(target, null));
                    }
                }
                if (targets.Count == 0)
                {
                    Error($"{at}.targets", "name at least one responder or rotation.");
                }
                // The API's minimum is 1 s; below 5 s a page's own delivery time decides escalations, and the plan could not foresee them.
                levels.Add(new PolicyLevel(targets, Duration(p.Levels[i].AcknowledgeWithin, $"{at}.acknowledge_within", required: true, min: TimeSpan.FromSeconds(5))));
            }
            return new ScenarioPolicy(id, p.Repeats, Duration(p.HandoverAcknowledgeWithin, $"{path}.handover_acknowledge_within", required: false,
                min: TimeSpan.FromSeconds(5), fallback: TimeSpan.FromMinutes(15)), levels);
        }

        private ScenarioAlert Alert(AlertFile a, string path, HashSet<string> services, TimeSpan duration)
        {
            var service = Required(a.Service, $"{path}.service");
            if (service.Length > 0 && !services.Contains(service))
            {
                Error($"{path}.service", $"no service '{service}' is defined.");
            }
            var severity = (a.Severity ?? "critical").ToLowerInvariant();
            if (!Severities.Contains(severity))
            {
                Error($"{path}.severity", $"must be one of {string.Join(", ", Severities)}.");
            }
            var at = Duration(a.At, $"{path}.at", required: true, min: TimeSpan.Zero);
            if (at >= duration)
            {
                Error($"{path}.at", "must be within the drill's duration.");
            }
            var name = Required(a.Name, $"{path}.name");
            return new ScenarioAlert(name, at, service, severity, a.Summary ?? name);
        }

        private ChaosFault Fault(ChaosFile c, string path, IReadOnlyList<string> regions, TimeSpan duration)
        {
            var kinds = new[] { c.KillSilo is null ? null : ChaosFault.KillSilo, c.LoseRegion is null ? null : ChaosFault.LoseRegion,
                c.StopStorage ? ChaosFault.StopStorage : null }.OfType<string>().ToList();
            if (kinds.Count != 1)
            {
                Error(path, "give exactly one of kill_silo: <silo>, lose_region: <region>, stop_storage: true.");
                return new ChaosFault("", "", TimeSpan.Zero, TimeSpan.Zero);
            }
            var silos = regions.Select((r, i) => $"{r}-{regions.Take(i + 1).Count(x => x == r)}").ToList();
            var target = kinds[0] switch
            {
                ChaosFault.KillSilo => c.KillSilo!,
                ChaosFault.LoseRegion => c.LoseRegion!,
                _ => "azurite",
            };
            if (kinds[0] == ChaosFault.KillSilo && !silos.Contains(target))
            {
                Error($"{path}.kill_silo", $"no silo '{target}' (the cluster's silos: {string.Join(", ", silos)}).");
            }
            if (kinds[0] == ChaosFault.LoseRegion && !regions.Contains(target))
            {
                Error($"{path}.lose_region", $"no region '{target}' (the cluster's regions: {string.Join(", ", regions.Distinct())}).");
            }
            var at = Duration(c.At, $"{path}.at", required: true, min: TimeSpan.Zero);
            var lasts = Duration(c.For, $"{path}.for", required: true, min: TimeSpan.FromSeconds(1));
            if (at + lasts > duration)
            {
                Error($"{path}.for", "the fault must be undone within the drill's duration.");
            }
            return new ChaosFault(kinds[0], target, at, lasts);
        }

        private ScenarioEvent Event(EventFile e, HashSet<string> alerts, TimeSpan duration)
        {
            foreach (var (alert, i) in e.Alerts.Select((a, i) => (a, i)).Where(x => !alerts.Contains(x.a)))
            {
                Error($"event.alerts[{i}]", $"no alert named '{alert}'.");
            }
            if (e.Alerts.Count == 0)
            {
                Error("event.alerts", "name the alerts whose incidents central command takes.");
            }
            var at = Duration(e.At, "event.at", required: true, min: TimeSpan.Zero);
            if (at >= duration)
            {
                Error("event.at", "must be within the drill's duration.");
            }
            return new ScenarioEvent(at, Required(e.Title, "event.title"), e.Alerts);
        }

        private TimeSpan Duration(string? text, string field, bool required, TimeSpan min, TimeSpan fallback = default)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                if (required)
                {
                    Error(field, "is required (a duration such as 500ms, 5s or 2m).");
                }
                return fallback;
            }
            if (!TryParseDuration(text, out var duration))
            {
                Error(field, $"'{text}' is not a duration (a whole number and ms, s, m or h, e.g. 5s).");
                return fallback;
            }
            if (duration < min)
            {
                Error(field, $"must be at least {min.TotalSeconds:0.###} s.");
            }
            return duration;
        }

        private string Required(string? value, string field)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                Error(field, "is required.");
                return "";
            }
            if (!IdPattern().IsMatch(value) && !field.EndsWith("title", StringComparison.Ordinal) && field != "name")
            {
                Error(field, $"'{value}' must be lowercase letters, digits and dashes (it becomes part of an id).");
            }
            return value;
        }

        private void Distinct(IEnumerable<string> ids, string field, string what)
        {
            foreach (var id in ids.Where(i => i.Length > 0).GroupBy(i => i).Where(g => g.Count() > 1))
            {
                Error(field, $"{what} '{id.Key}' is defined twice.");
            }
        }

        private void Error(string field, string message) => Errors.Add(new ScenarioError(field, message));
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex IdPattern();
}
