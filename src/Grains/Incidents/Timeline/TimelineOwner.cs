namespace IncidentActors.Incidents;

/// <summary>
/// Whose timeline a chain is. Its genesis hash and its signed head are derived from it, so that entries cannot be moved
/// to another owner's chain. The kinds are part of the stored hashes and must never change.
/// </summary>
public readonly record struct TimelineOwner(string Kind, string Id)
{
    public static TimelineOwner Incident(string incidentId) => new("incident", incidentId);

    public static TimelineOwner EnterpriseEvent(string eventId) => new("enterprise-event", eventId);

    public override string ToString() => $"{Kind} '{Id}'";
}
