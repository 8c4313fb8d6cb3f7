using System.Collections.Immutable;
using Google.Protobuf.WellKnownTypes;
using IncidentActors.Errors;
using Domain = IncidentActors;
using V1 = IncidentActors.Api.V1;

namespace IncidentActors.GrpcFrontend.Services;

/// <summary>Maps escalation policies, responders and pages between the wire and the domain.</summary>
internal static class EscalationWireMapping
{
    public static Domain.Escalation.EscalationPolicyDefinition ToDomain(V1.EscalationPolicy policy) => new(
        policy.Id,
        policy.Name,
        [.. policy.Levels.Select((level, i) => new Domain.Escalation.EscalationLevel(
            [.. level.Targets.Select((target, t) => ToDomain(target, $"levels[{i}].targets[{t}]"))],
            level.AcknowledgeWithin?.ToTimeSpan() ?? TimeSpan.Zero))],
        policy.Repeats,
        policy.HandoverAcknowledgeWithin?.ToTimeSpan() ?? Domain.Escalation.EscalationPolicyDefinition.DefaultHandoverAcknowledgeWithin);

    public static V1.EscalationPolicy ToWire(Domain.Escalation.EscalationPolicyDefinition policy)
    {
        var wire = new V1.EscalationPolicy
        {
            Id = policy.Id,
            Name = policy.Name,
            Repeats = policy.Repeats,
            HandoverAcknowledgeWithin = Duration.FromTimeSpan(policy.HandoverAcknowledgeWithin),
        };
        wire.Levels.AddRange(policy.Levels.Select(level =>
        {
            var wireLevel = new V1.EscalationLevel { AcknowledgeWithin = Duration.FromTimeSpan(level.AcknowledgeWithin) };
            wireLevel.Targets.AddRange(level.Targets.Select(t => t.Kind == Domain.Escalation.EscalationTargetKind.Responder
                ? new V1.EscalationTarget { ResponderId = t.Id }
                : new V1.EscalationTarget { RotationId = t.Id }));
            return wireLevel;
        }));
        return wire;
    }

    public static Domain.Responders.ResponderDefinition ToDomain(V1.Responder responder) => new(
        responder.Id,
        responder.Name,
        WireMapping.TimeZoneOrDefault(responder.TimeZone),
        [.. responder.Webhooks.Select(w => new Domain.Responders.WebhookContact(w.Url, w.Secret == MaskedSecret ? "" : w.Secret))]);

    /// <summary>What a reader sees of a secret; sent back unchanged (or empty), it keeps the webhook's secret.</summary>
    public const string MaskedSecret = "********";

    /// <summary>Secrets are write-only: a reader learns that one is set, not what it is.</summary>
    public static V1.Responder ToWire(Domain.Responders.ResponderDefinition responder)
    {
        var wire = new V1.Responder { Id = responder.Id, Name = responder.Name, TimeZone = responder.TimeZone };
        wire.Webhooks.AddRange(responder.Webhooks.Select(w => new V1.WebhookContact { Url = w.Url, Secret = MaskedSecret }));
        return wire;
    }

    public static V1.PageMessage ToWire(Domain.Responders.Page page) => new()
    {
        IdempotencyKey = page.IdempotencyKey,
        IncidentId = page.IncidentId,
        ResponderId = page.ResponderId,
        Title = page.Title,
        Severity = WireMapping.ToWire(page.Severity),
        Level = page.Level,
        Round = page.Round,
        Reason = page.Reason,
        PagedAt = Timestamp.FromDateTimeOffset(page.PagedAt),
        Reminder = page.Reminder,
        Notice = ToWire(page.Notice),
    };

    public static V1.ShiftNotice? ToWire(Domain.Responders.ShiftNotice? notice) => notice is null ? null : new()
    {
        Kind = notice.Kind == Domain.Responders.ShiftNoticeKind.OnCall ? V1.ShiftNoticeKind.OnCall : V1.ShiftNoticeKind.OffCall,
        Text = notice.Text,
        RotationId = notice.RotationId,
        ShiftStart = Timestamp.FromDateTimeOffset(notice.ShiftStart),
        ShiftEnd = Timestamp.FromDateTimeOffset(notice.ShiftEnd),
    };

    public static V1.Notification ToWire(Domain.Responders.NotificationRecord record)
    {
        var wire = new V1.Notification
        {
            Page = ToWire(record.Page),
            AcknowledgedAt = record.AcknowledgedAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
        };
        wire.Deliveries.AddRange(record.Deliveries.Select(ToWire));
        return wire;
    }

    public static V1.DeliveryStatus ToWire(Domain.Responders.DeliveryStatus status) => status switch
    {
        Domain.Responders.DeliveryStatus.Pending => V1.DeliveryStatus.Pending,
        Domain.Responders.DeliveryStatus.Delivered => V1.DeliveryStatus.Delivered,
        Domain.Responders.DeliveryStatus.Cancelled => V1.DeliveryStatus.Cancelled,
        _ => V1.DeliveryStatus.Failed,
    };

    public static V1.Delivery ToWire(Domain.Responders.DeliveryRecord delivery) => new()
    {
        Channel = delivery.Channel,
        Status = ToWire(delivery.Status),
        Attempts = delivery.Attempts,
        At = Timestamp.FromDateTimeOffset(delivery.At),
        HttpStatus = delivery.HttpStatus ?? 0,
        Error = delivery.Error ?? "",
    };

    public static V1.Escalation? ToWire(Domain.Incidents.EscalationView? escalation) => escalation is null ? null : new V1.Escalation
    {
        PolicyId = escalation.PolicyId,
        Level = escalation.Level,
        Round = escalation.Round,
        NextEscalationAt = escalation.NextEscalationAt is { } next ? Timestamp.FromDateTimeOffset(next) : null,
        Exhausted = escalation.Exhausted,
    };

    public static V1.IncidentPage ToWire(Domain.Incidents.PageRecord page)
    {
        var wire = new V1.IncidentPage
        {
            IdempotencyKey = page.IdempotencyKey,
            ResponderId = page.ResponderId,
            Level = page.Level,
            Round = page.Round,
            RotationId = page.RotationId ?? "",
            PagedAt = Timestamp.FromDateTimeOffset(page.PagedAt),
        };
        wire.Deliveries.AddRange(page.Deliveries.Select(ToWire));
        return wire;
    }

    private static Domain.Escalation.EscalationTarget ToDomain(V1.EscalationTarget target, string field) => target.TargetCase switch
    {
        V1.EscalationTarget.TargetOneofCase.ResponderId => new(Domain.Escalation.EscalationTargetKind.Responder, target.ResponderId),
        V1.EscalationTarget.TargetOneofCase.RotationId => new(Domain.Escalation.EscalationTargetKind.Rotation, target.RotationId),
        _ => throw new InvalidRequestException(field, "must name a responder_id or a rotation_id."),
    };
}
