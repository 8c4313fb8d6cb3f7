namespace IncidentActors.Incidents;

/// <summary>Replays the stored incidents of one service (the key) to every event consumer, for a consumer rebuilding its projection.</summary>
[Alias("IncidentActors.Incidents.IIncidentReplayGrain")]
public interface IIncidentReplayGrain : IGrainWithStringKey
{
    /// <summary>Replays each incident the service opened; returns how many it asked. Safe to repeat: consumers apply a replay idempotently.</summary>
    [Alias("ReplayService")]
    Task<long> ReplayService(CancellationToken cancellationToken = default);
}
