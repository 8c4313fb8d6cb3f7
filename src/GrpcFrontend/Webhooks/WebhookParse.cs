using System.Collections.Immutable;
using IncidentActors.Alerts;
using IncidentActors.Errors;

namespace IncidentActors.GrpcFrontend.Webhooks;

/// <summary>What a webhook body turned into: the alert events it carries, or why it carries none.</summary>
public sealed record WebhookParse(ImmutableArray<AlertEvent> Events, ImmutableArray<FieldViolation> Violations)
{
    public bool IsValid => Violations.IsEmpty;
}
