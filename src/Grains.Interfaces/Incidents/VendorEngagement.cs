namespace IncidentActors.Incidents;

/// <summary>
/// A vendor invited to an incident, its contractual response time copied at invitation, and its
/// response measured against it. A breach is flagged when nothing came by <see cref="RespondBy"/>,
/// or when the first response came late.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.VendorEngagement")]
public sealed record VendorEngagement(
    [property: Id(0)] string VendorId,
    [property: Id(1)] string VendorName,
    [property: Id(2)] TimeSpan ContractualResponseTime,
    [property: Id(3)] string InvitedBy,
    [property: Id(4)] DateTimeOffset InvitedAt,
    [property: Id(5)] DateTimeOffset RespondBy,
    [property: Id(6)] DateTimeOffset? RespondedAt,
    [property: Id(7)] string? Response,
    [property: Id(8)] DateTimeOffset? BreachedAt)
{
    /// <summary>How late the first response came; null when on time or not in yet.</summary>
    public TimeSpan? LateBy => RespondedAt is { } at && at > RespondBy ? at - RespondBy : null;
}

/// <summary>What an invited vendor sees of an incident: what it is about and its own engagement, nothing of the people or other vendors on it.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.VendorIncidentView")]
public sealed record VendorIncidentView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] string ServiceId,
    [property: Id(3)] IncidentStatus Status,
    [property: Id(4)] BusinessUnits.IncidentSeverity Severity,
    [property: Id(5)] string State,
    [property: Id(6)] DateTimeOffset OpenedAt,
    [property: Id(7)] DateTimeOffset? ResolvedAt,
    [property: Id(8)] VendorEngagement Engagement);
