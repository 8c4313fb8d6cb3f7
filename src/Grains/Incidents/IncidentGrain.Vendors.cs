using System.Collections.Immutable;
using IncidentActors.Errors;
using IncidentActors.Services;
using IncidentActors.Vendors;

namespace IncidentActors.Incidents;

/// <summary>
/// Vendors: an invited vendor's contractual response time is a durable deadline; no response by
/// then flags a breach, and a late response records how late. The incident is the record of who
/// was invited, so it alone decides what a vendor may see.
/// </summary>
internal sealed partial class IncidentGrain
{
    public async Task<IncidentView> InviteVendor(string vendorId, ResponderAction action, CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        var violations = ImmutableArray.CreateBuilder<FieldViolation>();
        AlertValidator.Identifier(violations, "vendor_id", vendorId, required: true);
        if (violations.Count > 0)
        {
            throw new InvalidRequestException(violations.ToImmutable());
        }
        EnsureExists();
        var vendor = GrainFactory.GetGrain<IVendorGrain>(vendorId);
        var engagement = FindEngagement(vendorId);
        if (engagement is null)
        {
            var definition = (await vendor.Get(cancellationToken)).Definition;
            var now = clock.GetUtcNow();
            engagement = new VendorEngagement(vendorId, definition.Name, definition.ContractualResponseTime, action.ResponderId, now,
                now + definition.ContractualResponseTime, null, null, null);
            await ArmAsync(new VendorDeadline(vendorId), engagement.RespondBy, cancellationToken);
            _state.State.Vendors.Add(engagement);
            Append(now, action.ResponderId, TimelineEntryKind.VendorInvited, ResponderActions.WithNote(
                $"Invited vendor {definition.Name} ('{vendorId}'), contracted to respond within {Minutes(definition.ContractualResponseTime)}: by {engagement.RespondBy:u}",
                action.Note));
            await StoreAsync(cancellationToken);
        }
        // Told once the invitation is stored, and again on a retry: a vendor never lists an incident that did not invite it.
        await vendor.RecordInvitation(IncidentId, engagement.InvitedAt, cancellationToken);
        return View();
    }

    public Task<VendorIncidentView> GetForVendor(string vendorId, CancellationToken cancellationToken = default) =>
        Task.FromResult(VendorView(RequireEngagement(vendorId)));

    public async Task<VendorIncidentView> RecordVendorResponse(string vendorId, string message, CancellationToken cancellationToken = default)
    {
        var violations = ImmutableArray.CreateBuilder<FieldViolation>();
        AlertValidator.Text(violations, "message", message, MaxDetailLength, required: true);
        if (violations.Count > 0)
        {
            throw new InvalidRequestException(violations.ToImmutable());
        }
        var engagement = RequireEngagement(vendorId);
        var now = clock.GetUtcNow();
        var actor = "vendor:" + vendorId;
        string entry;
        if (engagement.RespondedAt is null)
        {
            var late = now > engagement.RespondBy;
            engagement = engagement with { RespondedAt = now, Response = message, BreachedAt = engagement.BreachedAt ?? (late ? now : null) };
            entry = late
                ? $"Vendor {engagement.VendorName} responded {Minutes(engagement.LateBy!.Value)} late, against a contracted {Minutes(engagement.ContractualResponseTime)}: {message}"
                : $"Vendor {engagement.VendorName} responded within its contracted {Minutes(engagement.ContractualResponseTime)}: {message}";
            DisarmAfterStore(new VendorDeadline(vendorId));
        }
        else
        {
            entry = $"Update from vendor {engagement.VendorName}: {message}";
        }
        var vendors = _state.State.Vendors;
        vendors[vendors.FindIndex(v => v.VendorId == vendorId)] = engagement;
        Append(now, actor, TimelineEntryKind.VendorResponded, entry);
        await StoreAsync(cancellationToken);
        return VendorView(engagement);
    }

    /// <summary>Acts once: a vendor that responded or is already flagged, or a stale or early deadline, changes nothing.</summary>
    private async Task OnVendorDeadlineAsync(VendorDeadline deadline, DateTimeOffset due, CancellationToken cancellationToken)
    {
        var vendors = _state.State.Vendors;
        var now = clock.GetUtcNow();
        var index = vendors.FindIndex(v => v.VendorId == deadline.VendorId);
        if (!_state.RecordExists || index < 0 || vendors[index] is not { RespondedAt: null, BreachedAt: null } engagement || engagement.RespondBy != due || now < due)
        {
            return;
        }
        vendors[index] = engagement with { BreachedAt = now };
        Append(now, "clock", TimelineEntryKind.VendorResponseBreached,
            $"Vendor {engagement.VendorName} ('{engagement.VendorId}') has not responded within its contracted {Minutes(engagement.ContractualResponseTime)} of being invited: response time breached.");
        await StoreAsync(cancellationToken);
    }

    private VendorEngagement? FindEngagement(string vendorId) => _state.State.Vendors.Find(v => v.VendorId == vendorId);

    /// <summary>An unknown incident and one that did not invite the vendor look alike, so a vendor learns nothing of other incidents.</summary>
    private VendorEngagement RequireEngagement(string vendorId) =>
        (_state.RecordExists ? FindEngagement(vendorId) : null) ?? throw new ResourceNotFoundException("Incident", IncidentId);

    private VendorIncidentView VendorView(VendorEngagement engagement)
    {
        var s = _state.State;
        return new VendorIncidentView(IncidentId, s.Title, s.ServiceId, s.Status, EffectiveSeverity, CurrentState, s.OpenedAt, s.ResolvedAt, engagement);
    }

    private static string Minutes(TimeSpan span) => $"{span.TotalMinutes:0.#} min";
}
