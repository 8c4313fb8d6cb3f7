using System.Collections.Immutable;
using IncidentActors.BusinessUnits;

namespace IncidentActors.Runbooks;

/// <summary>A step a person does (a checklist item, or a decision between named options) or one the backend calls.</summary>
[GenerateSerializer]
public enum RunbookStepKind
{
    Manual = 0,
    Automated = 1,
}

/// <summary>What starts a runbook by rule: the incident's category, the unit's classification rule that classified it, or a tag put on it.</summary>
[GenerateSerializer]
public enum RunbookTriggerKind
{
    Category = 0,
    Classification = 1,
    Tag = 2,
}

/// <summary>One named input an automated action sends in its JSON body.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Runbooks.RunbookInput")]
public sealed record RunbookInput(
    [property: Id(0)] string Name,
    [property: Id(1)] string Value);

/// <summary>A signed POST to an automation endpoint (a Rundeck, AWX or StackStorm job webhook) with its inputs.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Runbooks.RunbookAction")]
public sealed record RunbookAction(
    [property: Id(0)] string Url,
    [property: Id(1)] ImmutableArray<RunbookInput> Inputs);

/// <param name="Options">A manual step's named options: completing it chooses one. Empty for a plain checklist item.</param>
/// <param name="Action">An automated step's call; null for a manual step.</param>
/// <param name="Rollback">What undoes an automated step's action, called when a later step fails or on request.</param>
/// <param name="HighRisk">An automated step that runs only once someone other than who started the runbook approved it.</param>
[GenerateSerializer, Immutable, Alias("IncidentActors.Runbooks.RunbookStep")]
public sealed record RunbookStep(
    [property: Id(0)] string Name,
    [property: Id(1)] RunbookStepKind Kind,
    [property: Id(2)] string Instructions,
    [property: Id(3)] ImmutableArray<string> Options,
    [property: Id(4)] RunbookAction? Action,
    [property: Id(5)] RunbookAction? Rollback,
    [property: Id(6)] bool HighRisk);

[GenerateSerializer, Immutable, Alias("IncidentActors.Runbooks.RunbookTrigger")]
public sealed record RunbookTrigger(
    [property: Id(0)] RunbookTriggerKind Kind,
    [property: Id(1)] string Value);

/// <summary>
/// What must hold before every automated step, checked against the incident as it is then: a severity at least as grave
/// as <see cref="MinSeverity"/>, an environment among <see cref="Environments"/> (any when empty), and, with
/// <see cref="RequireClassification"/>, a classification by one of the unit's rules (the backend knows no confidence
/// score; an incident no rule classified is the low-confidence case). A failed precondition opens the breaker.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Runbooks.RunbookPreconditions")]
public sealed record RunbookPreconditions(
    [property: Id(0)] IncidentSeverity? MinSeverity,
    [property: Id(1)] ImmutableArray<string> Environments,
    [property: Id(2)] bool RequireClassification)
{
    public static readonly RunbookPreconditions None = new(null, [], false);
}

/// <summary>
/// One version of a runbook: where it applies (its unit, and of that unit only <see cref="ServiceIds"/> and
/// <see cref="Categories"/> when named), its ordered steps, preconditions and triggers, the secret its calls are signed
/// with (stored encrypted, write-only), after how many failures in a row its breaker opens, and whether drill incidents
/// run its automation for real (otherwise a drill's run is a dry run). <see cref="Version"/>, <see cref="DefinedAt"/>
/// and <see cref="DefinedBy"/> are set by the unit's catalog.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Runbooks.RunbookDefinition")]
public sealed record RunbookDefinition(
    [property: Id(0)] string Id,
    [property: Id(1)] string BusinessUnitId,
    [property: Id(2)] string Title,
    [property: Id(3)] ImmutableArray<string> ServiceIds,
    [property: Id(4)] ImmutableArray<string> Categories,
    [property: Id(5)] ImmutableArray<RunbookStep> Steps,
    [property: Id(6)] RunbookPreconditions Preconditions,
    [property: Id(7)] ImmutableArray<RunbookTrigger> Triggers,
    [property: Id(8)] string Secret,
    [property: Id(9)] int BreakerThreshold,
    [property: Id(10)] bool AutomateDrills,
    [property: Id(11)] int Version = 0,
    [property: Id(12)] DateTimeOffset DefinedAt = default,
    [property: Id(13)] string DefinedBy = "");
