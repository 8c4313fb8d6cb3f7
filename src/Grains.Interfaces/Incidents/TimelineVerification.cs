namespace IncidentActors.Incidents;

/// <summary>What verifying an incident's stored timeline against its signed head found.</summary>
/// <param name="Entries">How many entries are stored.</param>
/// <param name="FirstBrokenSequence">
/// The first entry that cannot be trusted, counted by position from 1: for a fault at the end, the first one missing or
/// not vouched for; for a rewritten or unsigned chain, 1. Null when intact.
/// </param>
/// <param name="HeadHash">The hash of the last stored entry; when intact, the one the signed head vouches for.</param>
/// <param name="Detail">What was checked and what failed, for a person.</param>
[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.TimelineVerification")]
public sealed record TimelineVerification(
    [property: Id(0)] TimelineFault Fault,
    [property: Id(1)] long Entries,
    [property: Id(2)] long? FirstBrokenSequence,
    [property: Id(3)] string HeadHash,
    [property: Id(4)] string Detail)
{
    public bool Intact => Fault == TimelineFault.None;
}
