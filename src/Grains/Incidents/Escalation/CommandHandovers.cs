using IncidentActors.Errors;
using IncidentActors.OnCall;

namespace IncidentActors.Incidents;

/// <summary>
/// Command follows the sun with on-call. At a follow-the-sun handover (one carrying a region) of an incident that has a
/// commander, the incoming region's commander is the person coming on call in the rotation handing the incident over:
/// the incident knows its commander from its roles and its rotations from the pages that reached it, and the rotation
/// that commands it hands it over region by region. They must accept command within the same time as the on-call
/// handover; until they do the outgoing commander stays in command, and if they do not in time, the outgoing commander
/// keeps it and is paged to say so, as the escalation of this handover.
/// </summary>
internal static class CommandHandovers
{
    /// <summary>Offers command to the incoming responder; a handover without a region, or of an incident nobody commands, offers nothing.</summary>
    public static async Task ProposeAsync(IncidentContext incident, Handover handover, TimeSpan window, CancellationToken cancellationToken)
    {
        var s = incident.State;
        if (handover.Region is null || s.Roles.Find(r => r.Role == IncidentRole.Commander) is not { } commander
            || commander.ResponderId == handover.IncomingResponderId)
        {
            return;
        }
        var now = incident.Now;
        s.PendingCommandHandover = new PendingCommandHandover(handover.RotationId, handover.Region, commander.ResponderId, handover.IncomingResponderId, now + window);
        incident.Append(now, "rotation:" + handover.RotationId, TimelineEntryKind.CommandHandoverProposed,
            $"Follow-the-sun handover to {handover.Region}: command offered from {commander.ResponderId} to {handover.IncomingResponderId}, " +
            $"who must accept within {window}; {commander.ResponderId} stays in command until then.");
        await incident.ArmAsync(CommandHandoverDeadline.Instance, s.PendingCommandHandover.AcceptBy, cancellationToken);
    }

    /// <summary>Only the incoming commander accepts; the commander role becomes theirs.</summary>
    public static bool Accept(IncidentContext incident, ResponderAction action)
    {
        incident.EnsureExists();
        var pending = incident.State.PendingCommandHandover
            ?? throw new IllegalTransitionException($"Incident '{incident.IncidentId}' has no command handover waiting to be accepted.");
        if (pending.IncomingCommanderId != action.ResponderId)
        {
            throw new IllegalTransitionException($"Command of incident '{incident.IncidentId}' was offered to {pending.IncomingCommanderId}; only they can accept it.");
        }
        incident.State.PendingCommandHandover = null;
        Roles.Assign(incident, IncidentRole.Commander, action.ResponderId, action);
        incident.Append(incident.Now, action.ResponderId, TimelineEntryKind.CommandHandoverAccepted,
            ResponderActions.WithNote($"Accepted command from {pending.OutgoingCommanderId}", action.Note));
        incident.DisarmAfterStore(CommandHandoverDeadline.Instance);
        return true;
    }

    /// <summary>Acts once: when it is the waiting handover's deadline, due, and the incident unresolved.</summary>
    public static async Task<bool> OnDeadlineAsync(IncidentContext incident, DateTimeOffset due, CancellationToken cancellationToken)
    {
        var s = incident.State;
        var now = incident.Now;
        if (s.PendingCommandHandover is not { } pending || pending.AcceptBy != due || now < due || s.Status == IncidentStatus.Resolved)
        {
            return false;
        }
        s.PendingCommandHandover = null;
        await incident.PageAsync([pending.OutgoingCommanderId], person => $"{incident.IncidentId}/command-kept/{pending.RotationId}/{due.UtcTicks}/{person}",
            $"command handover not accepted by {pending.IncomingCommanderId}: you stay in command", now, cancellationToken);
        incident.Append(now, "escalation", TimelineEntryKind.CommandHandoverEscalated,
            $"{pending.IncomingCommanderId} did not accept command in time; {pending.OutgoingCommanderId} stays in command and was paged.");
        return true;
    }
}
