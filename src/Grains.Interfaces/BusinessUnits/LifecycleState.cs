using IncidentActors.Communications;

namespace IncidentActors.BusinessUnits;

/// <param name="NeedsReview">Entering the state needs the incident's post-incident review published.</param>
/// <param name="PublicStatus">What status pages and subscribers are told the incident is at; null for the phase's default.</param>
[GenerateSerializer, Immutable, Alias("IncidentActors.BusinessUnits.LifecycleState")]
public sealed record LifecycleState(
    [property: Id(0)] string Name,
    [property: Id(1)] LifecyclePhase Phase,
    [property: Id(2)] bool NeedsReview = false,
    [property: Id(3)] PublicStatus? PublicStatus = null)
{
    /// <summary>Open and acknowledged are investigating, mitigated is monitoring, resolved and closed are resolved.</summary>
    public PublicStatus Public => PublicStatus ?? Phase switch
    {
        LifecyclePhase.Mitigated => Communications.PublicStatus.Monitoring,
        LifecyclePhase.Resolved or LifecyclePhase.Closed => Communications.PublicStatus.Resolved,
        _ => Communications.PublicStatus.Investigating,
    };
}
