using System.Collections.Immutable;
using IncidentActors.Errors;
using IncidentActors.Incidents;
using IncidentActors.Storage;
using Microsoft.Extensions.Options;

namespace IncidentActors.Command;

internal sealed class EventProposalsGrain(
    [PersistentState("eventProposals", StorageNames.Incidents)] IPersistentState<EventProposalsState> state,
    TimeProvider clock,
    IOptions<CommandOptions> options) : Grain, IEventProposalsGrain
{
    public async Task MajorDeclared(MajorIncidentNotice notice, CancellationToken cancellationToken = default)
    {
        var s = state.State;
        var window = options.Value.CorrelationWindow;
        s.Recent.RemoveAll(n => notice.DeclaredAt - n.DeclaredAt > window);
        if (s.Recent.Exists(n => n.IncidentId == notice.IncidentId) || s.Proposed.Contains(notice.IncidentId))
        {
            return;
        }
        s.Recent.Add(notice);
        var candidates = s.Recent.Where(n => !s.Proposed.Contains(n.IncidentId)).ToList();
        if (candidates.Select(n => n.BusinessUnitId).Distinct().Count() >= 2)
        {
            s.Open.Add(new EventProposal($"proposal-{++s.LastProposalNumber}", [.. candidates], clock.GetUtcNow()));
            s.Proposed.UnionWith(candidates.Select(n => n.IncidentId));
        }
        await state.WriteStateAsync();
    }

    public Task<ImmutableArray<EventProposal>> List(CancellationToken cancellationToken = default) =>
        Task.FromResult(state.State.Open.ToImmutableArray());

    public async Task<EnterpriseEventView> Accept(string proposalId, string eventId, string title, ResponderAction action, CancellationToken cancellationToken = default)
    {
        var proposal = state.State.Open.Find(p => p.Id == proposalId) ?? throw new ResourceNotFoundException("Event proposal", proposalId);
        if (string.IsNullOrEmpty(eventId))
        {
            throw new InvalidRequestException("event_id", "is required.");
        }
        var center = GrainFactory.GetGrain<ICommandCenterGrain>(eventId);
        await center.Open(title, action.ResponderId, action, cancellationToken);
        foreach (var incident in proposal.Incidents)
        {
            await center.Attach(incident.IncidentId, action, cancellationToken);
        }
        state.State.Open.Remove(proposal);
        await state.WriteStateAsync(cancellationToken);
        return await center.Get(cancellationToken);
    }
}
