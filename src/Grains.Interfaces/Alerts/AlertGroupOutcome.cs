namespace IncidentActors.Alerts;

/// <summary>What became of a group notification: one outcome for the group's incident, or one per alert.</summary>
/// <param name="OneIncident">True: the group went to one incident, and <see cref="Outcome"/> holds that single outcome.</param>
[GenerateSerializer, Immutable, Alias("IncidentActors.Alerts.AlertGroupOutcome")]
public sealed record AlertGroupOutcome(
    [property: Id(0)] AlertBatchOutcome Outcome,
    [property: Id(1)] bool OneIncident);
