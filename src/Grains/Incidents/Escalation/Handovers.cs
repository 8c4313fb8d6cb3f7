using IncidentActors.Errors;
using IncidentActors.OnCall;

namespace IncidentActors.Incidents;

/// <summary>
/// A rotation's shift change on an incident it commands: the incoming responder is paged and must accept in time, or
/// the escalation engine decides where the incident goes next.
/// </summary>
internal static class Handovers
{
    /// <summary>The idempotency key of a rotation's handover at a shift boundary: one page per shift change.</summary>
    public static string Key(string incidentId, Handover handover) => $"{incidentId}/handover/{handover.RotationId}/{handover.At.UtcTicks}";

    /// <summary>Only the incoming responder accepts a waiting handover.</summary>
    public static void EnsureMayAccept(string incidentId, PendingHandover? pending, string responderId)
    {
        if (pending is null)
        {
            throw new IllegalTransitionException($"Incident '{incidentId}' has no handover waiting to be accepted.");
        }
        if (pending.IncomingResponderId != responderId)
        {
            throw new IllegalTransitionException($"The handover of incident '{incidentId}' was made to {pending.IncomingResponderId}; only they can accept it.");
        }
    }

    /// <summary>The handover deadline acts once, when it is the waiting handover's, due, and the incident unresolved.</summary>
    public static PendingHandover? Unaccepted(IncidentState s, DateTimeOffset due, DateTimeOffset now) =>
        s.PendingHandover is { } pending && pending.AcceptBy == due && now >= due && s.Status != IncidentStatus.Resolved ? pending : null;
}
