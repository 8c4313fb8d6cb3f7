using System.Collections.Immutable;

namespace IncidentActors.Escalation;

/// <param name="Repeats">How many more times the levels run again from the first after the last one goes unanswered.</param>
/// <param name="HandoverAcknowledgeWithin">How long an incoming responder has to acknowledge a handed-over incident before the handover escalates.</param>
[GenerateSerializer, Immutable, Alias("IncidentActors.Escalation.EscalationPolicyDefinition")]
public sealed record EscalationPolicyDefinition(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] ImmutableArray<EscalationLevel> Levels,
    [property: Id(3)] int Repeats,
    [property: Id(4)] TimeSpan HandoverAcknowledgeWithin)
{
    /// <summary>What a policy that names no handover time gives, and what a handover without a policy gets.</summary>
    public static readonly TimeSpan DefaultHandoverAcknowledgeWithin = TimeSpan.FromMinutes(15);
}
