using System.Collections.Immutable;
using System.Text.Json;
using IncidentActors.Alerts;
using IncidentActors.Errors;
using IncidentActors.GrpcFrontend.Services;

namespace IncidentActors.GrpcFrontend.Webhooks;

/// <summary>
/// Prometheus Alertmanager's webhook payload (version 4): one notification about one group (groupKey,
/// groupLabels, commonLabels) and its alerts. Each alert maps to the event it would be alone (a firing alert
/// triggers, a resolved one resolves, its fingerprint is the dedup key); whether the group is one incident
/// is the service's decision.
/// </summary>
public static class AlertmanagerPayload
{
    public const string Integration = "alertmanager";

    public static WebhookParse Parse(JsonElement root, string serviceId)
    {
        var violations = ImmutableArray.CreateBuilder<FieldViolation>();
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new([], [new("", $"must be a JSON object, not {JsonFields.Describe(root.ValueKind)}.")]);
        }
        var version = JsonFields.String(root, "version", "version", violations, required: true);
        if (version is not null && version != "4")
        {
            violations.Add(new("version", $"'{version}' is not supported; Alertmanager sends version 4."));
        }
        if (RequestIds.Problem(serviceId) is { } serviceProblem)
        {
            violations.Add(new("serviceId", $"(the URL's last segment) {serviceProblem}"));
        }
        if (JsonFields.String(root, "status", "status", violations, required: false) is { } status && status is not ("firing" or "resolved"))
        {
            violations.Add(new("status", $"'{status}' is not a notification status; Alertmanager sends firing or resolved."));
        }
        var groupKey = JsonFields.String(root, "groupKey", "groupKey", violations, required: false);
        var groupLabels = JsonFields.StringMap(root, "groupLabels", "groupLabels", violations);
        var commonLabels = JsonFields.StringMap(root, "commonLabels", "commonLabels", violations);
        if (!root.TryGetProperty("alerts", out var alerts) || alerts.ValueKind != JsonValueKind.Array)
        {
            violations.Add(new("alerts", "is required: an array of alerts."));
            return new([], violations.ToImmutable());
        }

        var events = ImmutableArray.CreateBuilder<AlertEvent>();
        var index = 0;
        foreach (var alert in alerts.EnumerateArray())
        {
            if (ParseAlert(alert, $"alerts[{index++}]", serviceId, groupKey, violations) is { } parsed)
            {
                events.Add(parsed);
            }
        }
        if (violations.Count > 0)
        {
            return new([], violations.ToImmutable());
        }
        var all = events.ToImmutable();
        return new(all, [], new AlertGroupNotification(serviceId, groupKey, groupLabels, commonLabels, all));
    }

    private static AlertEvent? ParseAlert(JsonElement alert, string path, string serviceId, string? groupKey, ImmutableArray<FieldViolation>.Builder violations)
    {
        if (alert.ValueKind != JsonValueKind.Object)
        {
            violations.Add(new(path, $"must be an object, not {JsonFields.Describe(alert.ValueKind)}."));
            return null;
        }
        var before = violations.Count;
        var status = JsonFields.String(alert, "status", $"{path}.status", violations, required: true);
        var action = status switch
        {
            "firing" => AlertAction.Trigger,
            "resolved" => AlertAction.Resolve,
            null => (AlertAction?)null,
            _ => null,
        };
        if (status is not null && action is null)
        {
            violations.Add(new($"{path}.status", $"'{status}' is not an alert status; use firing or resolved."));
        }
        var fingerprint = JsonFields.String(alert, "fingerprint", $"{path}.fingerprint", violations, required: true);
        var startedAt = JsonFields.Time(alert, "startsAt", $"{path}.startsAt", violations);
        var labels = JsonFields.StringMap(alert, "labels", $"{path}.labels", violations);
        var annotations = JsonFields.StringMap(alert, "annotations", $"{path}.annotations", violations);
        var severity = Severity(labels.GetValueOrDefault("severity"), $"{path}.labels.severity", violations);
        var summary = annotations.GetValueOrDefault("summary") ?? annotations.GetValueOrDefault("description") ?? labels.GetValueOrDefault("alertname");
        if (action == AlertAction.Trigger && string.IsNullOrWhiteSpace(summary))
        {
            violations.Add(new($"{path}.annotations.summary", "a firing alert needs a summary or description annotation, or an alertname label."));
        }
        if (violations.Count > before)
        {
            return null;
        }

        var details = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in labels)
        {
            details["label." + name] = value;
        }
        foreach (var (name, value) in annotations)
        {
            details["annotation." + name] = value;
        }
        foreach (var field in new[] { "generatorURL", "startsAt" })
        {
            if (JsonFields.String(alert, field, $"{path}.{field}", violations, required: false) is { Length: > 0 } value)
            {
                details[field] = value;
            }
        }
        if (!string.IsNullOrEmpty(groupKey))
        {
            details["groupKey"] = groupKey;
        }
        return new AlertEvent(serviceId, action!.Value, fingerprint, summary ?? "", labels.GetValueOrDefault("instance") ?? labels.GetValueOrDefault("job") ?? Integration,
            severity ?? AlertSeverity.Error, labels.GetValueOrDefault("component"), details.ToImmutable(), Integration, StartedAt: startedAt);
    }

    /// <summary>Alertmanager has no fixed severities: the usual label values map, a missing one is an error-level alert.</summary>
    private static AlertSeverity? Severity(string? label, string path, ImmutableArray<FieldViolation>.Builder violations)
    {
        switch (label?.ToLowerInvariant())
        {
            case null:
                return AlertSeverity.Error;
            case "critical" or "page" or "p1":
                return AlertSeverity.Critical;
            case "error" or "high" or "major":
                return AlertSeverity.Error;
            case "warning" or "warn" or "medium" or "minor":
                return AlertSeverity.Warning;
            case "info" or "low" or "none":
                return AlertSeverity.Info;
            default:
                violations.Add(new(path, $"'{label}' is not a severity this webhook knows; use critical, error, warning or info."));
                return null;
        }
    }
}
