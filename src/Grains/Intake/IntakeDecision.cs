using IncidentActors.Alerts;
using IncidentActors.Incidents;

namespace IncidentActors.Intake;

/// <summary>
/// What intake does next with one alert. <see cref="Settled"/> ends its way; the others ask another grain, whose
/// answer goes back to <see cref="IntakePlanner"/> for the next decision.
/// </summary>
internal abstract record IntakeDecision
{
    private IntakeDecision()
    {
    }

    /// <summary>The alert's outcome. One that opened or joined an incident of this call shows its status and count once it exists.</summary>
    public sealed record Settled(AlertOutcome Outcome) : IntakeDecision;

    /// <summary>Count a repeat of an open dedup key on its incident, which refuses when resolved since.</summary>
    public sealed record CountRepeat(string IncidentId, AlertStep Step) : IntakeDecision;

    /// <summary>Count a repeat of a key that is a symptom on its upstream incident, which refuses when resolved since.</summary>
    public sealed record CountSymptom(string RootId, AlertStep Step) : IntakeDecision;

    /// <summary>A new key joins the incident its group opened within the grouping window, unless that one is resolved.</summary>
    public sealed record JoinGroup(string IncidentId, AlertStep Step) : IntakeDecision;

    /// <summary>Ask the services this one depends on for an open incident that the alert is a symptom of.</summary>
    public sealed record FindUpstreamRoot(AlertStep Step) : IntakeDecision;

    /// <summary>Count the alert as a symptom on the upstream incident found, unless that one is resolved meanwhile.</summary>
    public sealed record AttachSymptom(string RootId, AlertStep Step) : IntakeDecision;

    /// <summary>Acknowledge the key's incident; it refuses when resolved already.</summary>
    public sealed record Acknowledge(string IncidentId, AlertEvent Alert, ResponderAction Action) : IntakeDecision;

    /// <summary>Resolve the key's incident when it was its last key; otherwise only read it, as the others keep it open.</summary>
    public sealed record Resolve(string IncidentId, AlertEvent Alert, ResponderAction Action, bool LastKey) : IntakeDecision;
}

/// <summary>A triggering alert on its way through the rules: its dedup key given, its group, its place in the call, when it came.</summary>
internal sealed record AlertStep(AlertEvent Alert, string GroupKey, int Index, DateTimeOffset Now)
{
    public string DedupKey => Alert.DedupKey!;
}
