using System.Collections.Immutable;

namespace IncidentActors.Incidents;

/// <summary>Why an incident became a major one.</summary>
[GenerateSerializer]
public enum MajorIncidentCriterion
{
    Sev1 = 0,
    SlaBreachRisk = 1,
    ExecutiveEscalation = 2,
    ByHand = 3,
}

/// <summary>How restoration was shown: a recorded health check, or users confirming the service works for them.</summary>
[GenerateSerializer]
public enum RestorationEvidence
{
    HealthCheck = 0,
    UserConfirmation = 1,
}

[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.RestorationVerification")]
public sealed record RestorationVerification(
    [property: Id(0)] RestorationEvidence Evidence,
    [property: Id(1)] string Detail,
    [property: Id(2)] string VerifiedBy,
    [property: Id(3)] DateTimeOffset At);

[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.StakeholderConfirmation")]
public sealed record StakeholderConfirmation(
    [property: Id(0)] string StakeholderId,
    [property: Id(1)] DateTimeOffset At);

/// <summary>
/// A major incident's activation and stand-down: the bridge and who joined it, who was told,
/// and the verified restoration and stakeholder confirmations that de-escalation waits for.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.MajorIncident")]
public sealed record MajorIncident(
    [property: Id(0)] MajorIncidentCriterion Criterion,
    [property: Id(1)] string DeclaredBy,
    [property: Id(2)] DateTimeOffset DeclaredAt,
    [property: Id(3)] string Bridge,
    [property: Id(4)] ImmutableArray<string> Participants,
    [property: Id(5)] ImmutableArray<string> NotifiedStakeholders,
    [property: Id(6)] RestorationVerification? Restoration,
    [property: Id(7)] ImmutableArray<StakeholderConfirmation> Confirmations,
    [property: Id(8)] DateTimeOffset? DeescalatedAt,
    [property: Id(9)] string? DeescalatedBy);
