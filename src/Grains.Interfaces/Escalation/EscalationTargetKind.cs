namespace IncidentActors.Escalation;

[GenerateSerializer, Alias("IncidentActors.Escalation.EscalationTargetKind")]
public enum EscalationTargetKind
{
    /// <summary>One person, by responder id.</summary>
    Responder = 0,
    /// <summary>Whoever the on-call rotation has on call at the moment of paging.</summary>
    Rotation = 1,
}
