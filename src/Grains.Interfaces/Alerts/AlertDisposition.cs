namespace IncidentActors.Alerts;

[GenerateSerializer, Alias("IncidentActors.Alerts.AlertDisposition")]
public enum AlertDisposition
{
    /// <summary>The alert opened a new incident.</summary>
    Opened = 0,
    /// <summary>The alert repeated the dedup key of an open incident and was counted on it.</summary>
    Deduplicated = 1,
    Acknowledged = 2,
    Resolved = 3,
    /// <summary>An acknowledge or resolve for a dedup key with no open incident: nothing to change.</summary>
    NoOpenIncident = 4,
}
