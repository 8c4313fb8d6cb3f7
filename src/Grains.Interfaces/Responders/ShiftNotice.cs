namespace IncidentActors.Responders;

[GenerateSerializer, Alias("IncidentActors.Responders.ShiftNoticeKind")]
public enum ShiftNoticeKind
{
    /// <summary>The person's shift starts: "you are now on call for X until T".</summary>
    OnCall = 0,

    /// <summary>The person's shift ended: "you are off call for X; Y took over".</summary>
    OffCall = 1,
}

/// <summary>
/// A page about a person's own shift, sent at a rotation's shift boundary whether or not any incident is open. It concerns
/// no incident: its page's incident id is empty and no delivery receipt is reported anywhere but the notification log.
/// </summary>
/// <param name="ShiftStart">The shift the notice is about: the one starting (on call) or the one that ended (off call).</param>
[GenerateSerializer, Immutable, Alias("IncidentActors.Responders.ShiftNotice")]
public sealed record ShiftNotice(
    [property: Id(0)] ShiftNoticeKind Kind,
    [property: Id(1)] string Text,
    [property: Id(2)] string RotationId,
    [property: Id(3)] DateTimeOffset ShiftStart,
    [property: Id(4)] DateTimeOffset ShiftEnd);
