using System.Collections.Immutable;

namespace IncidentActors.Vendors;

[GenerateSerializer, Immutable, Alias("IncidentActors.Vendors.VendorInvitation")]
public sealed record VendorInvitation(
    [property: Id(0)] string IncidentId,
    [property: Id(1)] DateTimeOffset InvitedAt);

/// <param name="Invitations">The incidents the vendor was invited to, most recent first.</param>
[GenerateSerializer, Immutable, Alias("IncidentActors.Vendors.VendorView")]
public sealed record VendorView(
    [property: Id(0)] VendorDefinition Definition,
    [property: Id(1)] DateTimeOffset RegisteredAt,
    [property: Id(2)] DateTimeOffset UpdatedAt,
    [property: Id(3)] ImmutableArray<VendorInvitation> Invitations);

/// <param name="AccessKey">Issued when this call registered the vendor, and never shown again; null otherwise.</param>
[GenerateSerializer, Immutable, Alias("IncidentActors.Vendors.VendorRegistration")]
public sealed record VendorRegistration(
    [property: Id(0)] VendorView Vendor,
    [property: Id(1)] string? AccessKey);
