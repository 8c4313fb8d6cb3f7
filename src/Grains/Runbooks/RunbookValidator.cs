using System.Collections.Immutable;
using IncidentActors.Errors;
using IncidentActors.Incidents;
using IncidentActors.Responders;
using IncidentActors.Services;

namespace IncidentActors.Runbooks;

/// <summary>The limits of a runbook definition; field names are the wire's, under <c>runbook.</c>.</summary>
internal static class RunbookValidator
{
    public const int MaxSteps = 50;
    public const int MaxOptions = 10;
    public const int MaxInputs = 20;
    public const int MaxTitleLength = 200;
    public const int MaxBreakerThreshold = 10;

    /// <summary>A breaker opens after this many failed calls in a row unless the runbook says otherwise.</summary>
    public const int DefaultBreakerThreshold = 3;

    /// <summary>Missing lists become empty ones and an unset threshold the default, before the checks.</summary>
    public static RunbookDefinition Normalize(RunbookDefinition r) => r with
    {
        ServiceIds = r.ServiceIds.IsDefault ? [] : r.ServiceIds,
        Categories = r.Categories.IsDefault ? [] : r.Categories,
        Steps = r.Steps.IsDefault ? [] : [.. r.Steps.Select(s => s is null ? s! : s with
        {
            Options = s.Options.IsDefault ? [] : s.Options, Action = Normalize(s.Action), Rollback = Normalize(s.Rollback),
        })],
        Triggers = r.Triggers.IsDefault ? [] : r.Triggers,
        Preconditions = r.Preconditions is { } p ? p with { Environments = p.Environments.IsDefault ? [] : p.Environments } : RunbookPreconditions.None,
        BreakerThreshold = r.BreakerThreshold == 0 ? DefaultBreakerThreshold : r.BreakerThreshold,
        Secret = r.Secret ?? "",
    };

    private static RunbookAction? Normalize(RunbookAction? a) => a is { Inputs.IsDefault: true } ? a with { Inputs = [] } : a;

    /// <param name="keepsSecret">True when a stored version's secret is kept by a blank one.</param>
    public static void Validate(RunbookDefinition r, string businessUnitId, WebhookDestinations destinations, bool keepsSecret) => IncidentInput.Check(v =>
    {
        AlertValidator.Identifier(v, "runbook.id", r.Id, required: true);
        if (r.Id?.Contains('/', StringComparison.Ordinal) == true)
        {
            v.Add(new("runbook.id", "must not contain '/'."));
        }
        if (r.BusinessUnitId != businessUnitId)
        {
            v.Add(new("runbook.business_unit_id", $"must be the unit the runbook is defined in, '{businessUnitId}'."));
        }
        AlertValidator.Text(v, "runbook.title", r.Title, MaxTitleLength, required: true);
        Identifiers(v, "runbook.service_ids", r.ServiceIds);
        Identifiers(v, "runbook.categories", r.Categories);
        if (r.Steps.Length is 0 or > MaxSteps)
        {
            v.Add(new("runbook.steps", $"holds {r.Steps.Length} steps; 1 to {MaxSteps}."));
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < r.Steps.Length; i++)
        {
            Step(v, $"runbook.steps[{i}]", r.Steps[i], names, destinations);
        }
        for (var i = 0; i < r.Triggers.Length; i++)
        {
            if (!Enum.IsDefined(r.Triggers[i].Kind))
            {
                v.Add(new($"runbook.triggers[{i}].kind", "must be a category, a classification rule or a tag."));
            }
            AlertValidator.Identifier(v, $"runbook.triggers[{i}].value", r.Triggers[i].Value, required: true);
        }
        if (r.Preconditions.MinSeverity is { } severity && !Enum.IsDefined(severity))
        {
            v.Add(new("runbook.preconditions.min_severity", "must be SEV1 to SEV4 when set."));
        }
        Identifiers(v, "runbook.preconditions.environments", r.Preconditions.Environments);
        if (r.BreakerThreshold is < 1 or > MaxBreakerThreshold)
        {
            v.Add(new("runbook.breaker_threshold", $"must be 1 to {MaxBreakerThreshold} failures in a row (0 for the default of {DefaultBreakerThreshold})."));
        }
        var automated = r.Steps.Any(s => s?.Kind == RunbookStepKind.Automated);
        if ((r.Secret.Length > 0 || (automated && !keepsSecret))
            && r.Secret.Length is < WebhookContactValidator.MinSecretLength or > WebhookContactValidator.MaxSecretLength)
        {
            v.Add(new("runbook.secret", $"must be {WebhookContactValidator.MinSecretLength} to {WebhookContactValidator.MaxSecretLength} characters" +
                (keepsSecret ? ", or empty to keep the stored one." : " when the runbook has automated steps.")));
        }
    });

    private static void Step(ImmutableArray<FieldViolation>.Builder v, string field, RunbookStep? step, HashSet<string> names, WebhookDestinations destinations)
    {
        if (step is null)
        {
            v.Add(new(field, "is required."));
            return;
        }
        AlertValidator.Identifier(v, $"{field}.name", step.Name, required: true);
        if (step.Name is { Length: > 0 } name && !names.Add(name))
        {
            v.Add(new($"{field}.name", $"'{name}' names two steps."));
        }
        AlertValidator.Text(v, $"{field}.instructions", step.Instructions, IncidentInput.MaxDetailLength, required: step.Kind == RunbookStepKind.Manual);
        switch (step.Kind)
        {
            case RunbookStepKind.Manual:
                if (step.Action is not null || step.Rollback is not null || step.HighRisk)
                {
                    v.Add(new(field, "a manual step has no action, rollback or approval; make it automated."));
                }
                if (step.Options.Length > MaxOptions)
                {
                    v.Add(new($"{field}.options", $"holds {step.Options.Length} options; at most {MaxOptions}."));
                }
                Identifiers(v, $"{field}.options", step.Options);
                break;
            case RunbookStepKind.Automated:
                if (step.Action is null)
                {
                    v.Add(new($"{field}.action", "is required for an automated step."));
                }
                if (step.Options.Length > 0)
                {
                    v.Add(new($"{field}.options", "only a manual step offers options."));
                }
                Action(v, $"{field}.action", step.Action, destinations);
                Action(v, $"{field}.rollback", step.Rollback, destinations);
                break;
            default:
                v.Add(new($"{field}.kind", "must be manual or automated."));
                break;
        }
    }

    private static void Action(ImmutableArray<FieldViolation>.Builder v, string field, RunbookAction? action, WebhookDestinations destinations)
    {
        if (action is null)
        {
            return;
        }
        if (WebhookContactValidator.UrlRefusal(action.Url ?? "", destinations) is { } refusal)
        {
            v.Add(new($"{field}.url", refusal));
        }
        var inputs = action.Inputs.IsDefault ? [] : action.Inputs;
        if (inputs.Length > MaxInputs)
        {
            v.Add(new($"{field}.inputs", $"holds {inputs.Length} inputs; at most {MaxInputs}."));
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < inputs.Length; i++)
        {
            AlertValidator.Identifier(v, $"{field}.inputs[{i}].name", inputs[i]?.Name, required: true);
            if (inputs[i]?.Name is { Length: > 0 } name && !seen.Add(name))
            {
                v.Add(new($"{field}.inputs[{i}].name", $"'{name}' is given twice."));
            }
            AlertValidator.Text(v, $"{field}.inputs[{i}].value", inputs[i]?.Value, IncidentInput.MaxDetailLength, required: false);
        }
    }

    private static void Identifiers(ImmutableArray<FieldViolation>.Builder v, string field, ImmutableArray<string> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            AlertValidator.Identifier(v, $"{field}[{i}]", values[i], required: true);
        }
    }
}
