namespace IncidentActors.Incidents;

/// <summary>What responders ask of the incident before retrying a page; they decide themselves what follows.</summary>
internal sealed partial class IncidentGrain
{
    public Task<ResponseState?> GetResponseState(CancellationToken cancellationToken = default) =>
        Task.FromResult(_state.RecordExists ? new ResponseState(_state.State.Status, _state.State.AcknowledgedAt) : null);
}
