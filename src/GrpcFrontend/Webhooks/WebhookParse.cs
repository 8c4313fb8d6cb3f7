using System.Collections.Immutable;
using IncidentActors.Alerts;
using IncidentActors.Errors;

namespace IncidentActors.GrpcFrontend.Webhooks;

/// <summary>
/// What a webhook body turned into: the alert events it carries, or why it carries none; for a notification
/// about a group of alerts (Alertmanager's), that group with the same events.
/// </summary>
public sealed record WebhookParse(ImmutableArray<AlertEvent> Events, ImmutableArray<FieldViolation> Violations, AlertGroupNotification? Group = null)
{
    public bool IsValid => Violations.IsEmpty;
}
