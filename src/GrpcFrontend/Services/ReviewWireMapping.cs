using Google.Protobuf.WellKnownTypes;
using IncidentActors.Errors;
using Domain = IncidentActors.Reviews;
using V1 = IncidentActors.Api.V1;

namespace IncidentActors.GrpcFrontend.Services;

/// <summary>Maps reviews, their policy and action items between the wire and the domain; unspecified enums become values the domain refuses.</summary>
internal static class ReviewWireMapping
{
    private const string MaskedSecret = "********";

    public static Domain.ReviewPolicy ToDomain(V1.ReviewPolicy? policy)
    {
        var p = policy ?? throw new InvalidRequestException("policy", "is required.");
        return new Domain.ReviewPolicy(
            p.RequiredThrough == V1.IncidentSeverity.Unspecified ? null : BusinessUnitWireMapping.ToDomain(p.RequiredThrough),
            p.RequiredForMajor, p.RequiredForEnterpriseEvents, p.RecurrenceWindowDays, p.RequiredForRecurrence, p.DueHours,
            [.. p.RequiredTeams], [.. p.FactorCategories],
            Tracker: p.Tracker is { } t ? new Domain.TrackerWebhook(t.Url, t.Secret == MaskedSecret ? "" : t.Secret) : null);
    }

    public static V1.ReviewPolicy ToWire(Domain.ReviewPolicy policy) => new()
    {
        RequiredThrough = policy.RequiredThrough is { } through ? BusinessUnitWireMapping.ToWire(through) : V1.IncidentSeverity.Unspecified,
        RequiredForMajor = policy.RequiredForMajor,
        RequiredForEnterpriseEvents = policy.RequiredForEnterpriseEvents,
        RecurrenceWindowDays = policy.RecurrenceWindowDays,
        RequiredForRecurrence = policy.RequiredForRecurrence,
        DueHours = policy.DueHours,
        RequiredTeams = { policy.RequiredTeams },
        FactorCategories = { policy.FactorCategories },
        TaxonomyVersion = policy.TaxonomyVersion,
        Tracker = policy.Tracker is { } t ? new V1.TrackerWebhook { Url = t.Url, Secret = MaskedSecret } : null,
    };

    public static Domain.ReviewContent ToDomain(V1.ReviewContent? content)
    {
        var c = content ?? throw new InvalidRequestException("content", "is required.");
        return new Domain.ReviewContent(c.Summary,
            [.. c.DecisionPoints.Select((d, i) => new Domain.DecisionPoint(
                d.At?.ToDateTimeOffset() ?? throw new InvalidRequestException($"content.decision_points[{i}].at", "is required."), d.Decision, d.Rationale))],
            [.. c.DetectionGaps], [.. c.CommunicationBreakdowns], c.CustomersAffected, c.CustomerImpact,
            [.. c.Factors.Select(f => new Domain.ContributingFactor(f.Category, f.Description))]);
    }

    public static Domain.ActionItemDraft ToDomain(V1.AddActionItemRequest request) =>
        new((Domain.ActionItemKind)(int)request.Kind, request.Title, request.Owner,
            request.DueAt?.ToDateTimeOffset() ?? throw new InvalidRequestException("due_at", "is required."), request.VerificationCriteria);

    public static Domain.ParticipantKind ToDomain(V1.ParticipantKind kind) => (Domain.ParticipantKind)(int)kind;

    public static V1.Review ToWire(Domain.ReviewView r)
    {
        var wire = new V1.Review
        {
            IncidentId = r.IncidentId, BusinessUnitId = r.BusinessUnitId, ServiceId = r.ServiceId, Title = r.Title, Category = r.Category,
            Severity = BusinessUnitWireMapping.ToWire(r.Severity), Status = (V1.ReviewStatus)(int)r.Status, Required = r.Required,
            RequiredBecause = { r.RequiredBecause }, Owner = r.Owner, ResolvedAt = Timestamp.FromDateTimeOffset(r.ResolvedAt),
            DueAt = Timestamp.FromDateTimeOffset(r.DueAt), PublishedAt = WireMapping.ToWire(r.PublishedAt), PublishedBy = r.PublishedBy ?? "",
            OverdueSince = WireMapping.ToWire(r.OverdueSince), TaxonomyVersion = r.TaxonomyVersion,
            Participants = { r.Participants.Select(ToWire) }, Reconstruction = { r.Reconstruction.Select(ToWire) },
            Edits = { r.Edits.Select(e => new V1.ReconstructionEdit { Sequence = e.Sequence, At = Timestamp.FromDateTimeOffset(e.At), By = e.By, Previous = e.Previous, Text = e.Text }) },
            Content = ToWire(r.Content),
            Impact = new V1.ReviewImpact { Duration = Duration.FromTimeSpan(r.Impact.Duration), Services = { r.Impact.Services }, BusinessUnits = { r.Impact.BusinessUnits } },
            ActionItems = { r.ActionItems.Select(ToWire) }, SimilarIncidents = { r.SimilarIncidents },
            Internal = r.Internal is { } i ? ToWire(i) : null,
            External = r.External is { } e ? ToWire(e) : null,
        };
        return wire;
    }

    public static V1.ActionItem ToWire(Domain.ActionItem i) => new()
    {
        Number = i.Number, Kind = (V1.ActionItemKind)(int)i.Kind, Title = i.Title, Owner = i.Owner, DueAt = Timestamp.FromDateTimeOffset(i.DueAt),
        VerificationCriteria = i.VerificationCriteria, Status = (V1.ActionItemStatus)(int)i.Status, CreatedAt = Timestamp.FromDateTimeOffset(i.CreatedAt),
        CreatedBy = i.CreatedBy, VerifiedBy = i.VerifiedBy ?? "", VerifiedAt = WireMapping.ToWire(i.VerifiedAt), Evidence = i.Evidence ?? "",
        EffectiveAt = WireMapping.ToWire(i.EffectiveAt), EffectiveBy = i.EffectiveBy ?? "", ReopenedBy = { i.ReopenedBy.IsDefault ? [] : i.ReopenedBy },
        RemindersSent = i.Nags, NextReminderAt = WireMapping.ToWire(i.NextNagAt),
        Tracker = i.Tracker is { } t ? new V1.TrackerLink
        {
            Key = t.Key ?? "", Status = t.Status ?? "", SyncPending = t.SyncPending, Attempts = t.Attempts, SyncedAt = WireMapping.ToWire(t.SyncedAt), Error = t.Error ?? "",
        } : null,
    };

    public static V1.ReviewSummary ToWire(Domain.ReviewSummary s) => new()
    {
        IncidentId = s.IncidentId, ServiceId = s.ServiceId, Title = s.Title, Category = s.Category, Severity = BusinessUnitWireMapping.ToWire(s.Severity),
        DueAt = Timestamp.FromDateTimeOffset(s.DueAt), PublishedAt = WireMapping.ToWire(s.PublishedAt), FactorCategories = { s.FactorCategories }, Required = s.Required,
    };

    public static V1.ReviewTimeliness ToWire(Domain.ReviewTimeliness t) => new()
    {
        BusinessUnitId = t.BusinessUnitId, Due = t.Due, PublishedOnTime = t.PublishedOnTime, PublishedLate = t.PublishedLate, Overdue = t.Overdue,
    };

    private static V1.ReviewParticipant ToWire(Domain.ReviewParticipant p)
    {
        var wire = new V1.ReviewParticipant { Kind = (V1.ParticipantKind)(int)p.Kind, Id = p.Id, RecordedBy = p.RecordedBy ?? "" };
        if (p.Attended is { } attended)
        {
            wire.Attended = attended;
        }
        return wire;
    }

    private static V1.ReconstructedEvent ToWire(Domain.ReconstructedEvent e) => new()
    {
        Sequence = e.Sequence, At = Timestamp.FromDateTimeOffset(e.At), Source = e.Source, Actor = e.Actor, Text = e.Text, Edited = e.Edited,
    };

    private static V1.ReviewContent ToWire(Domain.ReviewContent c) => new()
    {
        Summary = c.Summary,
        DecisionPoints = { c.DecisionPoints.Select(d => new V1.DecisionPoint { At = Timestamp.FromDateTimeOffset(d.At), Decision = d.Decision, Rationale = d.Rationale }) },
        DetectionGaps = { c.DetectionGaps }, CommunicationBreakdowns = { c.CommunicationBreakdowns }, CustomersAffected = c.CustomersAffected,
        CustomerImpact = c.CustomerImpact, Factors = { c.Factors.Select(f => new V1.ContributingFactor { Category = f.Category, Description = f.Description }) },
    };

    private static V1.PublishedReview ToWire(Domain.PublishedReview p) => new()
    {
        PublishedAt = Timestamp.FromDateTimeOffset(p.PublishedAt), Redacted = p.Redacted, Title = p.Title, Content = ToWire(p.Content),
        Reconstruction = { p.Reconstruction.Select(ToWire) }, ActionItems = { p.ActionItems.Select(ToWire) },
    };
}
