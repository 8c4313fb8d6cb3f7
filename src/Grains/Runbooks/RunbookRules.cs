using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using IncidentActors.Access;
using IncidentActors.Incidents;

namespace IncidentActors.Runbooks;

/// <summary>
/// What a runbook run decides without a cluster: which runbooks an incident event may start, whether the incident
/// matches and is in scope, whether its preconditions hold, who may approve, and the keys, bodies and texts of its calls.
/// </summary>
internal static class RunbookRules
{
    /// <summary>Who starts a run by rule, and who acts for automated steps in the timeline and audit log.</summary>
    public const string RuleActor = "runbook-rule";

    /// <summary>Who may approve a high-risk step or reset a breaker in the incident's unit (besides holding it, a person).</summary>
    public static readonly Role[] Deciders = [Role.OrgAdmin, Role.UnitAdmin, Role.Commander];

    public static string Actor(string runbookId) => $"runbook:{runbookId}";

    /// <summary>
    /// The trigger an event may satisfy, described, or null. Categories are known from the event; a classification
    /// rule or a tag only from the incident, which the execution reads before it runs anything.
    /// </summary>
    public static string? MayTrigger(RunbookDefinition runbook, IncidentEvent change)
    {
        if (!runbook.ServiceIds.IsEmpty && !runbook.ServiceIds.Contains(change.ServiceId))
        {
            return null;
        }
        var category = change.Incident.Traits?.Category;
        var trigger = change.Kind switch
        {
            TimelineEntryKind.Opened => runbook.Triggers.FirstOrDefault(t =>
                t.Kind == RunbookTriggerKind.Classification || (t.Kind == RunbookTriggerKind.Category && string.Equals(t.Value, category, StringComparison.OrdinalIgnoreCase))),
            TimelineEntryKind.RegulatoryTagged => runbook.Triggers.FirstOrDefault(t => t.Kind == RunbookTriggerKind.Tag),
            _ => null,
        };
        return trigger is null ? null : Describe(trigger);
    }

    public static string Describe(RunbookTrigger trigger) => trigger.Kind switch
    {
        RunbookTriggerKind.Category => $"rule: category {trigger.Value}",
        RunbookTriggerKind.Classification => $"rule: classification rule {trigger.Value}",
        _ => $"rule: tag {trigger.Value}",
    };

    /// <summary>The trigger the incident now satisfies, or null: a rule's start is verified against the incident itself.</summary>
    public static RunbookTrigger? Matching(RunbookDefinition runbook, IncidentView incident) => runbook.Triggers.FirstOrDefault(t => t.Kind switch
    {
        RunbookTriggerKind.Category => string.Equals(t.Value, incident.Category, StringComparison.OrdinalIgnoreCase),
        RunbookTriggerKind.Classification => incident.Classification?.RuleName == t.Value,
        _ => incident.RegulatoryTags.Contains(t.Value),
    });

    /// <summary>Why the runbook does not apply to the incident at all, or null.</summary>
    public static string? OutOfScope(RunbookDefinition runbook, IncidentView incident) =>
        incident.BusinessUnitId != runbook.BusinessUnitId ? $"the incident belongs to business unit '{incident.BusinessUnitId}'"
        : !runbook.ServiceIds.IsEmpty && !runbook.ServiceIds.Contains(incident.ServiceId) ? $"service '{incident.ServiceId}' is not among the runbook's services"
        : !runbook.Categories.IsEmpty && !runbook.Categories.Contains(incident.Category, StringComparer.OrdinalIgnoreCase)
            ? $"category '{incident.Category}' is not among the runbook's categories"
        : null;

    /// <summary>Why automation may not go on against the incident as it is now, or null.</summary>
    public static string? PreconditionFailure(RunbookPreconditions preconditions, IncidentView incident)
    {
        if (preconditions.MinSeverity is { } min && incident.IncidentSeverity > min)
        {
            return $"precondition failed: severity {Name(incident.IncidentSeverity)} is below {Name(min)}";
        }
        if (!preconditions.Environments.IsEmpty && !preconditions.Environments.Contains(incident.Environment, StringComparer.OrdinalIgnoreCase))
        {
            return $"precondition failed: environment '{incident.Environment}' is not one of {string.Join(", ", preconditions.Environments)}";
        }
        return preconditions.RequireClassification && incident.Classification is null
            ? "low-confidence classification: no rule of the unit classified the incident"
            : null;
    }

    /// <summary>Why <paramref name="caller"/> may not approve a step of a run <paramref name="requestedBy"/> started, or null.</summary>
    public static string? ApprovalRefusal(Principal caller, string requestedBy, string businessUnitId) =>
        caller.Kind != PrincipalKind.Person ? "an approval is a person's: an integration key cannot approve"
        : caller.Id == requestedBy ? $"{caller.Id} started this run and cannot also approve it; another person must"
        : !caller.Holds(Deciders, businessUnitId) ? $"{caller.Id} is no commander or admin of business unit '{businessUnitId}'"
        : null;

    /// <summary>The key the endpoint deduplicates by: the same for every attempt of a step within a run.</summary>
    public static string IdempotencyKey(string incidentId, string runbookId, int version, int step, int run) =>
        string.Create(CultureInfo.InvariantCulture, $"{incidentId}/{runbookId}@v{version}/{step}/{run}");

    public static string RollbackKey(string stepKey) => $"{stepKey}/rollback";

    public static string Describe(RunbookAction action) =>
        $"POST {action.Url} with {(action.Inputs.IsEmpty ? "no inputs" : string.Join(", ", action.Inputs.Select(i => $"{i.Name}={i.Value}")))}";

    /// <summary>The JSON an automation endpoint receives: which run and step, its inputs as an object, and whether it undoes the step.</summary>
    public static byte[] Body(string incidentId, RunbookDefinition runbook, int step, int run, string key, RunbookAction action, bool rollback)
    {
        var inputs = new JsonObject();
        foreach (var input in action.Inputs)
        {
            inputs[input.Name] = input.Value;
        }
        return JsonSerializer.SerializeToUtf8Bytes(new JsonObject
        {
            ["idempotency_key"] = key,
            ["incident_id"] = incidentId,
            ["runbook_id"] = runbook.Id,
            ["version"] = runbook.Version,
            ["run"] = run,
            ["step"] = step,
            ["step_name"] = runbook.Steps[step - 1].Name,
            ["rollback"] = rollback,
            ["inputs"] = inputs,
        });
    }

    private static string Name(BusinessUnits.IncidentSeverity severity) => severity.ToString().ToUpperInvariant();
}
