namespace IncidentActors.Reviews;

/// <summary>
/// One line of the timeline reconstruction, generated from the incident's timeline and pages (handovers are timeline
/// entries) and editable; <see cref="Edited"/> says it no longer reads as generated, and the edits are kept.
/// </summary>
/// <param name="Source">"timeline" or "page".</param>
[GenerateSerializer, Immutable, Alias("IncidentActors.Reviews.ReconstructedEvent")]
public sealed record ReconstructedEvent(
    [property: Id(0)] int Sequence,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Source,
    [property: Id(3)] string Actor,
    [property: Id(4)] string Text,
    [property: Id(5)] bool Edited = false);

/// <summary>An edit of a reconstruction line: who, when, and the text before and after.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Reviews.ReconstructionEdit")]
public sealed record ReconstructionEdit(
    [property: Id(0)] int Sequence,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string By,
    [property: Id(3)] string Previous,
    [property: Id(4)] string Text);
