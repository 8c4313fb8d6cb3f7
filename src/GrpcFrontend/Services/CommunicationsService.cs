using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using IncidentActors.Api.V1;
using IncidentActors.GrpcFrontend.Access;
using IncidentActors.Incidents;
using Domain = IncidentActors;

namespace IncidentActors.GrpcFrontend.Services;

/// <summary>Maps incident communications to the unit's template grain and the incident; the rules live in the grains.</summary>
internal sealed class CommunicationsService(IGrainFactory grains) : Api.V1.Communications.CommunicationsBase
{
    public override async Task<TemplateSet> PublishTemplates(PublishTemplatesRequest request, ServerCallContext context) =>
        ToWire(request.BusinessUnitId, await Templates(request.BusinessUnitId).Publish(
            [.. request.Templates.Select(t => new Domain.Communications.CommunicationTemplate(t.Name, ToDomain(t.Audience), t.Subject, t.Body))],
            AccessInterceptor.Caller(context).Id, context.CancellationToken));

    public override async Task<TemplateSet> GetTemplates(GetTemplatesRequest request, ServerCallContext context) =>
        ToWire(request.BusinessUnitId, await Templates(request.BusinessUnitId).Get(request.Version == 0 ? null : request.Version, context.CancellationToken));

    public override async Task<Api.V1.UpdatePreview> PreviewUpdate(UpdateDraftRequest request, ServerCallContext context)
    {
        var preview = await Incident(request.IncidentId).PreviewUpdate(ToDomain(request), Action(context, request.Note), context.CancellationToken);
        var wire = new Api.V1.UpdatePreview
        {
            Audience = ToWire(preview.Audience),
            TemplateName = preview.TemplateName,
            TemplateVersion = preview.TemplateVersion,
            Subject = preview.Subject,
            Body = preview.Body,
        };
        wire.Overrides.AddRange(preview.Overrides.Select(ToWire));
        return wire;
    }

    public override async Task<CommunicationUpdate> DraftUpdate(UpdateDraftRequest request, ServerCallContext context) =>
        await WithDeliveriesAsync(request.IncidentId,
            await Incident(request.IncidentId).DraftUpdate(ToDomain(request), Action(context, request.Note), context.CancellationToken), context);

    public override async Task<CommunicationUpdate> ApproveUpdate(UpdateRequest request, ServerCallContext context) =>
        await WithDeliveriesAsync(request.IncidentId, await Incident(request.IncidentId).ApproveUpdate(request.Number, Action(context, request.Note),
            AccessInterceptor.Caller(context).Groups, context.CancellationToken), context);

    public override async Task<CommunicationUpdate> PublishUpdate(UpdateRequest request, ServerCallContext context) =>
        await WithDeliveriesAsync(request.IncidentId, await Incident(request.IncidentId).PublishUpdate(request.Number, Action(context, request.Note),
            AccessInterceptor.Caller(context).Groups, context.CancellationToken), context);

    public override async Task<CommunicationUpdate> EditPublishedUpdate(EditPublishedUpdateRequest request, ServerCallContext context) =>
        await WithDeliveriesAsync(request.IncidentId, await Incident(request.IncidentId).EditPublishedUpdate(
            new Domain.Communications.UpdateEdit(request.Number, request.HasSubject ? request.Subject : null, request.HasBody ? request.Body : null),
            Action(context, request.Note), AccessInterceptor.Caller(context).Groups, context.CancellationToken), context);

    public override async Task<CommunicationUpdate> ConfirmUpdateRead(UpdateRequest request, ServerCallContext context) =>
        await WithDeliveriesAsync(request.IncidentId,
            await Incident(request.IncidentId).ConfirmUpdateRead(request.Number, Action(context, request.Note), context.CancellationToken), context);

    public override async Task<CommunicationUpdate> AddLocalAddition(AddLocalAdditionRequest request, ServerCallContext context) =>
        await WithDeliveriesAsync(request.IncidentId,
            await Incident(request.IncidentId).AddLocalAddition(request.Number, request.Text, Action(context, request.Note), context.CancellationToken), context);

    public override async Task<Api.V1.CommunicationsLog> ClearDisclosure(ClearDisclosureRequest request, ServerCallContext context) =>
        ToWire(await Incident(request.IncidentId).ClearDisclosure(Action(context, request.Note), context.CancellationToken));

    public override async Task<Api.V1.CommunicationsLog> GetCommunicationsLog(GetCommunicationsLogRequest request, ServerCallContext context) =>
        ToWire(await Incident(request.IncidentId).GetCommunicationsLog(context.CancellationToken));

    public override async Task<Api.V1.RegulatoryClock> ApproveRegulatoryReport(ApproveRegulatoryReportRequest request, ServerCallContext context) =>
        RegulatoryWireMapping.ToWire(await Incident(request.IncidentId).ApproveRegulatoryReport(request.Clock, request.Text, Action(context, request.Note),
            AccessInterceptor.Caller(context).Groups, context.CancellationToken));

    public override async Task<Api.V1.RegulatoryClock> SubmitRegulatoryReport(SubmitRegulatoryReportRequest request, ServerCallContext context) =>
        RegulatoryWireMapping.ToWire(await Incident(request.IncidentId).SubmitRegulatoryReport(request.Clock, request.HasText ? request.Text : null,
            request.HasUpdateNumber ? request.UpdateNumber : null, Action(context, request.Note), context.CancellationToken));

    public override async Task<Api.V1.RegulatoryClock> AcknowledgeRegulatoryReport(AcknowledgeRegulatoryReportRequest request, ServerCallContext context) =>
        RegulatoryWireMapping.ToWire(await Incident(request.IncidentId).AcknowledgeRegulatoryReport(request.Clock, request.Reference, Action(context, request.Note),
            AccessInterceptor.Caller(context).Groups, context.CancellationToken));

    public override async Task<RegulatoryClocks> GetRegulatoryClocks(GetRegulatoryClocksRequest request, ServerCallContext context) => new()
    {
        IncidentId = request.IncidentId,
        Clocks = { (await Incident(request.IncidentId).GetRegulatoryClocks(context.CancellationToken)).Select(RegulatoryWireMapping.ToWire) },
    };

    private IIncidentGrain Incident(string id) => grains.GetGrain<IIncidentGrain>(id);

    private Domain.Communications.ICommunicationTemplatesGrain Templates(string businessUnitId) =>
        grains.GetGrain<Domain.Communications.ICommunicationTemplatesGrain>(businessUnitId);

    private static ResponderAction Action(ServerCallContext context, string note) => new(AccessInterceptor.Caller(context).Id, WireMapping.Optional(note));

    /// <summary>An update alone carries no receipts: they are read from the log, where the incident keeps them with its pages.</summary>
    private async Task<CommunicationUpdate> WithDeliveriesAsync(string incidentId, Domain.Communications.CommunicationUpdate update, ServerCallContext context)
    {
        var log = update.Status == Domain.Communications.UpdateStatus.Published
            ? await Incident(incidentId).GetCommunicationsLog(context.CancellationToken)
            : null;
        return ToWire(incidentId, update, log);
    }

    private static Domain.Communications.UpdateDraft ToDomain(UpdateDraftRequest request) => new(
        request.TemplateName,
        request.HasSubjectOverride ? request.SubjectOverride : null,
        request.HasBodyOverride ? request.BodyOverride : null,
        WireMapping.Optional(request.EstimatedResolution));

    /// <summary>Unspecified becomes a value no audience has, which the templates' validation names.</summary>
    private static Domain.Communications.UpdateAudience ToDomain(UpdateAudience audience) => (Domain.Communications.UpdateAudience)((int)audience - 1);

    private static UpdateAudience ToWire(Domain.Communications.UpdateAudience audience) => (UpdateAudience)((int)audience + 1);

    private static TemplateSet ToWire(string businessUnitId, Domain.Communications.CommunicationTemplates set)
    {
        var wire = new TemplateSet
        {
            BusinessUnitId = businessUnitId,
            Version = set.Version,
            PublishedBy = set.PublishedBy,
            PublishedAt = set.Version == 0 ? null : Timestamp.FromDateTimeOffset(set.PublishedAt),
        };
        wire.Templates.AddRange(set.Templates.Select(t => new CommunicationTemplate { Name = t.Name, Audience = ToWire(t.Audience), Subject = t.Subject, Body = t.Body }));
        return wire;
    }

    private static Api.V1.TextOverride ToWire(Domain.Communications.TextOverride o) => new() { Field = o.Field, Filled = o.Filled, Written = o.Written };

    private static CommunicationUpdate ToWire(string incidentId, Domain.Communications.CommunicationUpdate update, Domain.Communications.CommunicationsLog? log)
    {
        var wire = new CommunicationUpdate
        {
            IncidentId = incidentId,
            Number = update.Number,
            Audience = ToWire(update.Audience),
            TemplateName = update.TemplateName,
            TemplateVersion = update.TemplateVersion,
            Subject = update.Subject,
            Body = update.Body,
            Status = (UpdateStatus)((int)update.Status + 1),
            DraftedBy = update.DraftedBy,
            DraftedAt = Timestamp.FromDateTimeOffset(update.DraftedAt),
            ApprovedBy = update.ApprovedBy ?? "",
            ApprovedAt = Stamp(update.ApprovedAt),
            PublishedBy = update.PublishedBy ?? "",
            PublishedAt = Stamp(update.PublishedAt),
            NeedsReadConfirmation = update.Confirmation is not null,
            EventId = update.EventId ?? "",
            EventUpdateNumber = update.EventUpdateNumber ?? 0,
        };
        wire.LocalAdditions.AddRange((update.LocalAdditions.IsDefault ? [] : update.LocalAdditions).Select(a => new Api.V1.LocalAddition
        {
            Text = a.Text, AddedBy = a.AddedBy, AddedAt = Timestamp.FromDateTimeOffset(a.AddedAt),
        }));
        wire.Overrides.AddRange(update.Overrides.Select(ToWire));
        wire.Revisions.AddRange((update.Revisions.IsDefault ? [] : update.Revisions).Select(ToWire));
        wire.PendingEdit = update.PendingEdit is { } pending ? ToWire(pending) : null;
        foreach (var recipient in update.Recipients.IsDefault ? [] : update.Recipients)
        {
            var wireRecipient = new UpdateRecipient
            {
                PersonId = recipient.PersonId, ReadAt = Stamp(recipient.ReadAt), RemindedAt = Stamp(recipient.RemindedAt), EscalatedAt = Stamp(recipient.EscalatedAt),
            };
            if (update.Confirmation is not null && recipient.ReadAt is null)
            {
                wire.Unconfirmed.Add(recipient.PersonId);
            }
            if (log?.Deliveries.GetValueOrDefault(recipient.PageKey) is { IsDefault: false } deliveries)
            {
                wireRecipient.Deliveries.AddRange(deliveries.Select(EscalationWireMapping.ToWire));
            }
            wire.Recipients.Add(wireRecipient);
        }
        return wire;
    }

    private static UpdateRevision ToWire(Domain.Communications.UpdateRevision r) => new()
    {
        EditedBy = r.EditedBy, EditedAt = Timestamp.FromDateTimeOffset(r.EditedAt), OldSubject = r.OldSubject, OldBody = r.OldBody,
        NewSubject = r.NewSubject, NewBody = r.NewBody, ApprovedBy = r.ApprovedBy ?? "", ApprovedAt = Stamp(r.ApprovedAt),
    };

    private static Api.V1.CommunicationsLog ToWire(Domain.Communications.CommunicationsLog log)
    {
        var wire = new Api.V1.CommunicationsLog
        {
            IncidentId = log.IncidentId,
            DisclosureClearedBy = log.Disclosure?.ClearedBy ?? "",
            DisclosureClearedAt = Stamp(log.Disclosure?.ClearedAt),
            NextUpdateDue = Stamp(log.NextUpdateDue),
            MissedUpdates = log.MissedUpdates,
        };
        wire.Updates.AddRange(log.Updates.Select(u => ToWire(log.IncidentId, u, log)));
        return wire;
    }

    private static Timestamp? Stamp(DateTimeOffset? at) => at is { } value ? Timestamp.FromDateTimeOffset(value) : null;
}
