namespace IncidentActors.Services;

/// <summary>
/// A service that must check in every <see cref="Interval"/>. No heartbeat within the interval plus
/// <see cref="Grace"/> opens an incident; a heartbeat after that resolves it when <see cref="AutoResolve"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Services.HeartbeatMonitor")]
public sealed record HeartbeatMonitor(
    [property: Id(0)] TimeSpan Interval,
    [property: Id(1)] TimeSpan Grace,
    [property: Id(2)] bool AutoResolve)
{
    /// <summary>When an incident opens unless another heartbeat comes first.</summary>
    public DateTimeOffset MissedAfter(DateTimeOffset lastBeat) => lastBeat + Interval + Grace;
}

[GenerateSerializer, Immutable, Alias("IncidentActors.Services.HeartbeatView")]
public sealed record HeartbeatView(
    [property: Id(0)] HeartbeatMonitor Monitor,
    [property: Id(1)] DateTimeOffset LastBeatAt,
    [property: Id(2)] DateTimeOffset MissedAfter,
    [property: Id(3)] string? OpenIncidentId);
