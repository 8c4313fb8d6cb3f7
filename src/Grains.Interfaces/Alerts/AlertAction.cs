namespace IncidentActors.Alerts;

[GenerateSerializer, Alias("IncidentActors.Alerts.AlertAction")]
public enum AlertAction
{
    Trigger = 0,
    Acknowledge = 1,
    Resolve = 2,
}
