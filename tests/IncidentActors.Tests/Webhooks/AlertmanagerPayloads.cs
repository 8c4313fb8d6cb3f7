using System.Text.Json;

namespace IncidentActors.Tests.Webhooks;

/// <summary>Payloads shaped as Alertmanager 0.27 sends them to a webhook receiver.</summary>
internal static class AlertmanagerPayloads
{
    public const string FiringAndResolved = """
        {
          "receiver": "incidentactors",
          "status": "firing",
          "alerts": [
            {
              "status": "firing",
              "labels": { "alertname": "HighLatency", "instance": "checkout-1:9090", "job": "checkout", "severity": "critical", "component": "api" },
              "annotations": { "summary": "p99 latency above 2s", "runbook_url": "https://runbooks.example/latency" },
              "startsAt": "2026-11-25T03:00:00.000Z",
              "endsAt": "0001-01-01T00:00:00Z",
              "generatorURL": "http://prometheus:9090/graph?g0.expr=latency",
              "fingerprint": "c9f1a2b3d4e5f601"
            },
            {
              "status": "resolved",
              "labels": { "alertname": "DiskFull", "instance": "db-1:9100", "severity": "warning" },
              "annotations": { "description": "Disk usage back under 80%" },
              "startsAt": "2026-11-25T01:00:00.000Z",
              "endsAt": "2026-11-25T02:55:00.000Z",
              "generatorURL": "http://prometheus:9090/graph?g0.expr=disk",
              "fingerprint": "0a1b2c3d4e5f6071"
            }
          ],
          "groupLabels": { "alertname": "HighLatency" },
          "commonLabels": { "job": "checkout" },
          "commonAnnotations": {},
          "externalURL": "http://alertmanager:9093",
          "version": "4",
          "groupKey": "{}:{alertname=\"HighLatency\"}",
          "truncatedAlerts": 0
        }
        """;

    public static string Firing(string fingerprint, string status = "firing") => $$"""
        {
          "version": "4", "status": "{{status}}", "receiver": "incidentactors", "groupKey": "{}:{}", "truncatedAlerts": 0,
          "alerts": [{
            "status": "{{status}}", "fingerprint": "{{fingerprint}}", "startsAt": "2026-11-25T03:00:00Z",
            "labels": { "alertname": "HighLatency", "severity": "critical", "instance": "checkout-1" },
            "annotations": { "summary": "p99 latency above 2s" }
          }]
        }
        """;

    /// <summary>
    /// A notification of the group an Alertmanager routing by [alertname, instance] forms: every alert of the
    /// group, each firing or resolved, the group itself resolved once none fires.
    /// </summary>
    public static string Group(string alertname, string instance, params (string Fingerprint, string Status)[] alerts) => JsonSerializer.Serialize(new
    {
        version = "4",
        status = alerts.Any(a => a.Status == "firing") ? "firing" : "resolved",
        receiver = "incidentactors",
        groupKey = $"{{}}:{{alertname=\"{alertname}\", instance=\"{instance}\"}}",
        truncatedAlerts = 0,
        groupLabels = new Dictionary<string, string> { ["alertname"] = alertname, ["instance"] = instance },
        commonLabels = new Dictionary<string, string> { ["alertname"] = alertname, ["instance"] = instance, ["severity"] = "critical" },
        alerts = alerts.Select(a => new
        {
            status = a.Status,
            fingerprint = a.Fingerprint,
            startsAt = "2026-11-25T03:00:00Z",
            labels = new Dictionary<string, string> { ["alertname"] = alertname, ["instance"] = instance, ["severity"] = "critical", ["path"] = a.Fingerprint },
            annotations = new Dictionary<string, string> { ["summary"] = $"{alertname} on {instance}" },
        }),
    });
}
