namespace IncidentActors.Alerts;

/// <summary>The monitoring tool's own severity of an alert, before any business-impact classification.</summary>
[GenerateSerializer, Alias("IncidentActors.Alerts.AlertSeverity")]
public enum AlertSeverity
{
    Critical = 0,
    Error = 1,
    Warning = 2,
    Info = 3,
}
