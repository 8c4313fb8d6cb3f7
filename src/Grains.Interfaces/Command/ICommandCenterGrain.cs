using IncidentActors.BusinessUnits;
using IncidentActors.Communications;
using IncidentActors.Deadlines;
using IncidentActors.Incidents;

namespace IncidentActors.Command;

/// <summary>
/// An enterprise-wide event, keyed by event id. Only its central commander decides for it; every
/// decision is recorded in the event's timeline and in each child incident's under central command.
/// </summary>
[Alias("IncidentActors.Command.ICommandCenterGrain")]
public interface ICommandCenterGrain : IGrainWithStringKey, IDeadlineOwner
{
    /// <summary>Opens the event with its central commander; opening an open event again changes nothing.</summary>
    [Alias("Open")]
    Task<EnterpriseEventView> Open(string title, string commander, ResponderAction action, CancellationToken cancellationToken = default);

    [Alias("Get")]
    Task<EnterpriseEventView> Get(CancellationToken cancellationToken = default);

    /// <summary>Takes an incident under central command.</summary>
    [Alias("Attach")]
    Task<EnterpriseEventView> Attach(string incidentId, ResponderAction action, CancellationToken cancellationToken = default);

    /// <summary>Hands an incident back to its business unit's local command.</summary>
    [Alias("HandBack")]
    Task<EnterpriseEventView> HandBack(string incidentId, ResponderAction action, CancellationToken cancellationToken = default);

    [Alias("DecideSeverity")]
    Task<EnterpriseEventView> DecideSeverity(IncidentSeverity severity, ResponderAction action, CancellationToken cancellationToken = default);

    /// <summary>Records an external communication (status page, customers, press) made for the whole event.</summary>
    [Alias("Communicate")]
    Task<EnterpriseEventView> Communicate(string message, ResponderAction action, CancellationToken cancellationToken = default);

    /// <summary>Drafts an update for the whole event; the central commander alone drafts.</summary>
    [Alias("DraftUpdate")]
    Task<EnterpriseEventView> DraftUpdate(UpdateAudience audience, string subject, string body, ResponderAction action, CancellationToken cancellationToken = default);

    /// <summary>One of central command's approvers, not the drafter, approves a drafted update.</summary>
    [Alias("ApproveUpdate")]
    Task<EnterpriseEventView> ApproveUpdate(int number, ResponderAction action, CancellationToken cancellationToken = default);

    /// <summary>
    /// The central commander publishes an approved update: it goes to every incident under the event's command, and
    /// those it could not reach yet get it from the event's fan-out deadline.
    /// </summary>
    [Alias("PublishUpdate")]
    Task<EnterpriseEventView> PublishUpdate(int number, ResponderAction action, CancellationToken cancellationToken = default);

    /// <summary>Closes the event; refused while an incident under central command is unresolved.</summary>
    [Alias("Close")]
    Task<EnterpriseEventView> Close(ResponderAction action, CancellationToken cancellationToken = default);

    /// <summary>
    /// The central commander has central command follow a follow-the-sun rotation: at each of its shift boundaries
    /// central command is offered to the person coming on call, who must accept it in time.
    /// </summary>
    [Alias("FollowTheSun")]
    Task<EnterpriseEventView> FollowTheSun(string rotationId, ResponderAction action, CancellationToken cancellationToken = default);

    /// <summary>The person offered central command at a boundary takes it; anyone else is refused.</summary>
    [Alias("AcceptCentralCommand")]
    Task<EnterpriseEventView> AcceptCentralCommand(ResponderAction action, CancellationToken cancellationToken = default);
}
