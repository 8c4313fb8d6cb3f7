using IncidentActors.Errors;
using IncidentActors.Storage;
using Microsoft.Extensions.Logging;

namespace IncidentActors.Vendors;

internal sealed class VendorGrain(
    [PersistentState("vendor", StorageNames.Incidents)] IPersistentState<VendorState> state,
    TimeProvider clock,
    ILogger<VendorGrain> logger) : Grain, IVendorGrain
{
    public const int MaxInvitations = 500;

    private string VendorId => this.GetPrimaryKeyString();

    public async Task<VendorRegistration> Register(VendorDefinition definition, CancellationToken cancellationToken = default)
    {
        VendorValidator.Validate(VendorId, definition);
        var s = state.State;
        if (s.Definition == definition)
        {
            return new VendorRegistration(View(), AccessKey: null);
        }
        var now = clock.GetUtcNow();
        string? key = null;
        if (s.AccessKeyHash is null)
        {
            key = VendorAccessKey.Issue(VendorId);
            s.AccessKeyHash = VendorAccessKey.Hash(key);
            s.RegisteredAt = now;
        }
        s.Definition = definition;
        s.UpdatedAt = now;
        await state.WriteStateAsync(cancellationToken);
        logger.LogInformation("Registered vendor {VendorId} with a response time of {ResponseTime}", VendorId, definition.ContractualResponseTime);
        return new VendorRegistration(View(), key);
    }

    public Task<VendorView> Get(CancellationToken cancellationToken = default) => Task.FromResult(View());

    public Task<bool> Authenticate(string accessKey, CancellationToken cancellationToken = default) =>
        Task.FromResult(state.State.AccessKeyHash is { } hash && VendorAccessKey.Matches(accessKey, hash));

    public async Task RecordInvitation(string incidentId, DateTimeOffset invitedAt, CancellationToken cancellationToken = default)
    {
        var invitations = state.State.Invitations;
        if (invitations.Exists(i => i.IncidentId == incidentId))
        {
            return;
        }
        invitations.Add(new VendorInvitation(incidentId, invitedAt));
        if (invitations.Count > MaxInvitations)
        {
            invitations.RemoveAt(0);
        }
        await state.WriteStateAsync(cancellationToken);
    }

    private VendorView View()
    {
        var s = state.State;
        var definition = s.Definition ?? throw new ResourceNotFoundException("Vendor", VendorId);
        return new VendorView(definition, s.RegisteredAt, s.UpdatedAt, [.. s.Invitations.AsEnumerable().Reverse()]);
    }
}
