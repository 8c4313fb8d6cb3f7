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
        (incident.Exists ? Find(incident.State, vendorId) : null) ?? throw new ResourceNotFoundException("Incident", incident.IncidentId);

    public static VendorEngagement Invite(string vendorId, VendorDefinition vendor, string invitedBy, DateTimeOffset now) =>
        new(vendorId, vendor.Name, vendor.ContractualResponseTime, invitedBy, now, now + vendor.ContractualResponseTime, null, null, null);

    public static string Invited(VendorEngagement engagement) =>
        $"Invited vendor {engagement.VendorName} ('{engagement.VendorId}'), contracted to respond within {Minutes(engagement.ContractualResponseTime)}: by {engagement.RespondBy:u}";

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

    public static string Breach(VendorEngagement engagement) =>
        $"Vendor {engagement.VendorName} ('{engagement.VendorId}') has not responded within its contracted {Minutes(engagement.ContractualResponseTime)} of being invited: response time breached.";

    private static string Minutes(TimeSpan span) => $"{span.TotalMinutes:0.#} min";
}
