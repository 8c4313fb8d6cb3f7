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
    /// <summary>A new alert on a service with upstream dependencies, held for the grouping wait so that an upstream incident can claim it.</summary>
    Pending = 5,
    /// <summary>A new dedup key that joined the open incident of its group, opened within the grouping window.</summary>
    Grouped = 6,
    /// <summary>Attached as a symptom to an open incident of an upstream dependency: pages nobody new.</summary>
    Symptom = 7,
    /// <summary>A non-critical alert during a maintenance window: recorded on the service, paged to nobody.</summary>
    Suppressed = 8,
}
