namespace IncidentActors.Audit;

/// <summary>
/// One call as the audit log keeps it: who (a person's or integration key's id, or "anonymous"), what (the API
/// method), on what (the id the request named), how it ended ("ok" or the status it was refused or failed with),
/// when, and from which address.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Audit.AuditEntry")]
public sealed record AuditEntry(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string PrincipalId,
    [property: Id(2)] string Operation,
    [property: Id(3)] string Target,
    [property: Id(4)] string Outcome,
    [property: Id(5)] string Address);
