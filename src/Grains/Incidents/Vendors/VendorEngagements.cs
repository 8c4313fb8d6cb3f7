using IncidentActors.Errors;
using IncidentActors.Services;
using IncidentActors.Vendors;

namespace IncidentActors.Incidents;

/// <summary>
/// Vendors on an incident: an invited vendor's contractual response time is a durable deadline; no response by then
/// flags a breach, and a late response records how late. The incident is the record of who was invited, so it alone
/// decides what a vendor may see.
/// </summary>
internal static class VendorEngagements
{
    public static void ValidateInvitation(string vendorId) =>
        IncidentInput.Check(v => AlertValidator.Identifier(v, "vendor_id", vendorId, required: true));

    public static void ValidateResponse(string message) =>
        IncidentInput.Check(v => AlertValidator.Text(v, "message", message, IncidentInput.MaxDetailLength, required: true));

    public static VendorEngagement? Find(IncidentState state, string vendorId) => state.Vendors.Find(v => v.VendorId == vendorId);

    /// <summary>An unknown incident and one that did not invite the vendor look alike, so a vendor learns nothing of other incidents.</summary>
    public static VendorEngagement Require(IncidentContext incident, string vendorId) =>
        // A restricted incident is not shared with vendors: to them it is as unknown as one never opened.
        (incident.Exists && incident.State.RestrictedTo.Count == 0 ? Find(incident.State, vendorId) : null)
        ?? throw new ResourceNotFoundException("Incident", incident.IncidentId);

    /// <summary>The vendor's engagement, and whether this call invited it (false: invited before, by this request or another).</summary>
    public static async Task<(VendorEngagement Engagement, bool Invited)> InviteAsync(IncidentContext incident, string vendorId, ResponderAction action,
        CancellationToken cancellationToken)
    {
        ValidateInvitation(vendorId);
        incident.EnsureExists();
        IncidentRestriction.RefuseVendors(incident);
        if (Find(incident.State, vendorId) is { } engagement)
        {
            return (engagement, false);
        }
        var definition = (await incident.Grains.GetGrain<IVendorGrain>(vendorId).Get(cancellationToken)).Definition;
        var now = incident.Now;
        engagement = new(vendorId, definition.Name, definition.ContractualResponseTime, action.ResponderId, now, now + definition.ContractualResponseTime, null, null, null);
        await incident.ArmAsync(new VendorDeadline(vendorId), engagement.RespondBy, cancellationToken);
        incident.State.Vendors.Add(engagement);
        incident.Append(now, action.ResponderId, TimelineEntryKind.VendorInvited, ResponderActions.WithNote(
            $"Invited vendor {definition.Name} ('{vendorId}'), contracted to respond within {Minutes(definition.ContractualResponseTime)}: by {engagement.RespondBy:u}",
            action.Note));
        return (engagement, true);
    }

    /// <summary>The first response stops the vendor's clock and says whether it was late; later ones are updates.</summary>
    public static VendorEngagement RecordResponse(IncidentContext incident, string vendorId, string message)
    {
        ValidateResponse(message);
        var engagement = Require(incident, vendorId);
        var now = incident.Now;
        var (responded, entry, first) = Respond(engagement, message, now);
        if (first)
        {
            incident.DisarmAfterStore(new VendorDeadline(vendorId));
        }
        var vendors = incident.State.Vendors;
        vendors[vendors.FindIndex(v => v.VendorId == vendorId)] = responded;
        incident.Append(now, "vendor:" + vendorId, TimelineEntryKind.VendorResponded, entry);
        return responded;
    }

    /// <summary>No response by the contracted time flags a breach, once.</summary>
    public static bool OnDeadline(IncidentContext incident, VendorDeadline deadline, DateTimeOffset due)
    {
        var vendors = incident.State.Vendors;
        var now = incident.Now;
        var index = vendors.FindIndex(v => v.VendorId == deadline.VendorId);
        if (!incident.Exists || index < 0 || !Breached(vendors[index], due, now))
        {
            return false;
        }
        var engagement = vendors[index];
        vendors[index] = engagement with { BreachedAt = now };
        incident.Append(now, "clock", TimelineEntryKind.VendorResponseBreached,
            $"Vendor {engagement.VendorName} ('{engagement.VendorId}') has not responded within its contracted {Minutes(engagement.ContractualResponseTime)} of being invited: response time breached.");
        return true;
    }

    /// <summary>The engagement after the vendor's message, its timeline text, and whether it was the first response (which stops the clock).</summary>
    public static (VendorEngagement Engagement, string Entry, bool First) Respond(VendorEngagement engagement, string message, DateTimeOffset now)
    {
        if (engagement.RespondedAt is not null)
        {
            return (engagement, $"Update from vendor {engagement.VendorName}: {message}", false);
        }
        var late = now > engagement.RespondBy;
        engagement = engagement with { RespondedAt = now, Response = message, BreachedAt = engagement.BreachedAt ?? (late ? now : null) };
        return (engagement, late
            ? $"Vendor {engagement.VendorName} responded {Minutes(engagement.LateBy!.Value)} late, against a contracted {Minutes(engagement.ContractualResponseTime)}: {message}"
            : $"Vendor {engagement.VendorName} responded within its contracted {Minutes(engagement.ContractualResponseTime)}: {message}", true);
    }

    /// <summary>Acts once: a vendor that responded or is already flagged, or a stale or early deadline, is no breach.</summary>
    public static bool Breached(VendorEngagement engagement, DateTimeOffset due, DateTimeOffset now) =>
        engagement is { RespondedAt: null, BreachedAt: null } && engagement.RespondBy == due && now >= due;

    private static string Minutes(TimeSpan span) => $"{span.TotalMinutes:0.#} min";
}
