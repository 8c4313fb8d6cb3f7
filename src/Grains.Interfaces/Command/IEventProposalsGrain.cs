using System.Collections.Immutable;
using Orleans.Concurrency;

namespace IncidentActors.Command;

/// <summary>
/// Watches major incidents across the enterprise and proposes an enterprise-wide event when major
/// incidents of two or more business units open within the correlation window.
/// </summary>
[Alias("IncidentActors.Command.IEventProposalsGrain")]
public interface IEventProposalsGrain : IGrainWithStringKey
{
    public const string Global = "global";

    [Alias("MajorDeclared")]
    Task MajorDeclared(MajorIncidentNotice notice, CancellationToken cancellationToken = default);

    [Alias("List")]
    Task<ImmutableArray<EventProposal>> List(CancellationToken cancellationToken = default);

    /// <summary>Opens the proposed event under this commander with every proposed incident attached, and retires the proposal.</summary>
    [Alias("Accept")]
    Task<EnterpriseEventView> Accept(string proposalId, string eventId, string title, Incidents.ResponderAction action, CancellationToken cancellationToken = default);
}
