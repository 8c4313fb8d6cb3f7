using System.Collections.Immutable;
using System.Text.Json;
using IncidentActors.Alerts;
using IncidentActors.Errors;
using IncidentActors.GrpcFrontend.Services;

namespace IncidentActors.GrpcFrontend.Webhooks;

/// <summary>A PagerDuty-Events-v2-style event: routing_key (an integration key of one service), event_action, dedup_key and payload.</summary>
public static class EventsV2Payload
{
    public const string Integration = "events-v2";

    public static WebhookParse Parse(JsonElement root)
    {
        var violations = ImmutableArray.CreateBuilder<FieldViolation>();
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new([], [new("", $"must be a JSON object, not {JsonFields.Describe(root.ValueKind)}.")]);
        }
        var routingKey = JsonFields.String(root, "routing_key", "routing_key", violations, required: true);
        if (routingKey is not null && RequestIds.Problem(routingKey) is { } routingProblem)
        {
            violations.Add(new("routing_key", routingProblem));
        }
        var eventAction = JsonFields.String(root, "event_action", "event_action", violations, required: true);
        var action = eventAction switch
        {
            "trigger" => AlertAction.Trigger,
            "acknowledge" => AlertAction.Acknowledge,
            "resolve" => AlertAction.Resolve,
            _ => (AlertAction?)null,
        };
        if (eventAction is not null && action is null)
        {
            violations.Add(new("event_action", $"'{eventAction}' is not an event action; use trigger, acknowledge or resolve."));
        }
        var dedupKey = JsonFields.String(root, "dedup_key", "dedup_key", violations, required: action is AlertAction.Acknowledge or AlertAction.Resolve);

        var payload = root.TryGetProperty("payload", out var p) ? p : default;
        var isTrigger = action == AlertAction.Trigger;
        if (isTrigger && payload.ValueKind != JsonValueKind.Object)
        {
            violations.Add(new("payload", "is required for a trigger: an object with summary, source and severity."));
        }
        var summary = JsonFields.String(payload, "summary", "payload.summary", violations, required: isTrigger, freeText: true);
        var source = JsonFields.String(payload, "source", "payload.source", violations, required: isTrigger);
        var severityText = JsonFields.String(payload, "severity", "payload.severity", violations, required: isTrigger);
        var severity = severityText switch
        {
            null => AlertSeverity.Info,
            "critical" => AlertSeverity.Critical,
            "error" => AlertSeverity.Error,
            "warning" => AlertSeverity.Warning,
            "info" => AlertSeverity.Info,
            _ => (AlertSeverity?)null,
        };
        if (severity is null)
        {
            violations.Add(new("payload.severity", $"'{severityText}' is not a severity; use critical, error, warning or info."));
        }
        var component = JsonFields.String(payload, "component", "payload.component", violations, required: false);
        var startedAt = JsonFields.Time(payload, "timestamp", "payload.timestamp", violations);
        var details = JsonFields.AnyMap(payload, "custom_details", "payload.custom_details", violations).ToBuilder();
        foreach (var field in new[] { "group", "class", "timestamp" })
        {
            if (JsonFields.String(payload, field, $"payload.{field}", violations, required: false) is { Length: > 0 } value)
            {
                details[field] = value;
            }
        }
        if (violations.Count > 0)
        {
            return new([], violations.ToImmutable());
        }
        return new([new AlertEvent(routingKey!, action!.Value, dedupKey, summary ?? "", source ?? "", severity!.Value, component,
            details.ToImmutable(), Integration, StartedAt: startedAt)], []);
    }
}
