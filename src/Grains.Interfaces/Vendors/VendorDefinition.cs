namespace IncidentActors.Vendors;

/// <param name="ContractualResponseTime">How soon after an invitation the vendor has contracted to respond.</param>
/// <param name="Contact">How people reach the vendor (a support line, a mailbox); shown, not used to send anything.</param>
[GenerateSerializer, Immutable, Alias("IncidentActors.Vendors.VendorDefinition")]
public sealed record VendorDefinition(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] TimeSpan ContractualResponseTime,
    [property: Id(3)] string Contact);
