namespace IncidentActors.Vendors;

[GenerateSerializer, Alias("IncidentActors.Vendors.VendorState")]
public sealed class VendorState
{
    [Id(0)] public VendorDefinition? Definition { get; set; }

    /// <summary>SHA-256 of the access key; the key itself is never stored.</summary>
    [Id(1)] public byte[]? AccessKeyHash { get; set; }
    [Id(2)] public DateTimeOffset RegisteredAt { get; set; }
    [Id(3)] public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Oldest first; bounded, the oldest leaving first.</summary>
    [Id(4)] public List<VendorInvitation> Invitations { get; set; } = [];
}
