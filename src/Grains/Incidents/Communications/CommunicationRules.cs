using System.Collections.Immutable;
using IncidentActors.Command;
using IncidentActors.Communications;
using IncidentActors.Errors;
using IncidentActors.Responders;
using IncidentActors.Services;

namespace IncidentActors.Incidents;

/// <summary>
/// An incident's updates: the communications lead (the commander while there is none) drafts them from the unit's
/// templates and publishes internal ones; external ones (customers, public, regulators) need one of the unit's
/// approvers and are published by a spokesperson. Every step is a timeline entry and stays in the communications log.
/// </summary>
internal static class CommunicationRules
{
    public const int MaxLocalAdditionLength = 4096;

    public static bool IsExternal(UpdateAudience audience) => audience is UpdateAudience.Customers or UpdateAudience.Public or UpdateAudience.Regulators;

    /// <summary>Technical root-cause detail stays out of external updates until someone clears the incident's disclosure.</summary>
    public static bool SeesTechnicalDetail(UpdateAudience audience, DisclosureClearance? disclosure) => !IsExternal(audience) || disclosure is not null;

    /// <summary>Who owns the incident's updates: its communications lead, else its commander; null when neither is assigned.</summary>
    public static string? Owner(IncidentState state) =>
        (state.Roles.Find(r => r.Role == IncidentRole.CommunicationsLead) ?? state.Roles.Find(r => r.Role == IncidentRole.Commander))?.ResponderId;

    /// <summary>Everyone an update goes to: the people on the incident (roles, who acknowledged, who was paged) and its stakeholders.</summary>
    public static ImmutableArray<string> Recipients(IncidentState state) =>
    [
        .. state.Roles.Select(r => r.ResponderId)
            .Concat(state.AcknowledgedBy is { } acknowledger ? [acknowledger] : [])
            .Concat(state.Pages.Where(p => p.Level > 0).Select(p => p.ResponderId))
            .Concat(state.Stakeholders)
            .Distinct(StringComparer.Ordinal),
    ];

    /// <summary>Fills the named template of the unit's version in force for its audience, then applies the person's overrides.</summary>
    public static async Task<UpdatePreview> PreviewAsync(IncidentContext incident, UpdateDraft draft, ResponderAction action, CancellationToken cancellationToken)
    {
        Validate(draft);
        incident.EnsureExists();
        var s = incident.State;
        EnsureOwner(s, action.ResponderId);
        var templates = await incident.Grains.GetGrain<ICommunicationTemplatesGrain>(s.BusinessUnitId).Get(cancellationToken: cancellationToken);
        var template = templates.Templates.FirstOrDefault(t => t.Name == draft.TemplateName)
            ?? throw new InvalidRequestException("template_name", $"business unit {s.BusinessUnitId} has no template '{draft.TemplateName}' in version {templates.Version}.");
        var model = UpdateModel.Of(incident.IncidentId, s, template.Audience, UpdateCadences.NextDueAfterUpdate(s, incident.EffectiveSeverity, incident.Now),
            draft.EstimatedResolution);
        var subject = await UpdateTemplates.FillAsync("subject", template.Subject, model, cancellationToken);
        var body = await UpdateTemplates.FillAsync("body", template.Body, model, cancellationToken);
        var overrides = ImmutableArray.CreateBuilder<TextOverride>();
        if (draft.SubjectOverride is { } writtenSubject)
        {
            overrides.Add(new TextOverride("subject", subject, writtenSubject));
        }
        if (draft.BodyOverride is { } writtenBody)
        {
            overrides.Add(new TextOverride("body", body, writtenBody));
        }
        return new UpdatePreview(template.Audience, template.Name, templates.Version, draft.SubjectOverride ?? subject, draft.BodyOverride ?? body,
            overrides.ToImmutable());
    }

    /// <summary>Keeps the filled update as a numbered draft in the log.</summary>
    public static CommunicationUpdate Draft(IncidentContext incident, UpdatePreview preview, ResponderAction action)
    {
        var s = incident.State;
        var now = incident.Now;
        var update = new CommunicationUpdate(s.Updates.Count + 1, preview.Audience, preview.TemplateName, preview.TemplateVersion, preview.Subject,
            preview.Body, preview.Overrides, UpdateStatus.Draft, action.ResponderId, now, Recipients: []);
        s.Updates.Add(update);
        var overridden = preview.Overrides.IsEmpty ? "" : $", {string.Join(" and ", preview.Overrides.Select(o => o.Field))} written by hand";
        incident.Append(now, action.ResponderId, TimelineEntryKind.UpdateDrafted,
            ResponderActions.WithNote($"Update {update.Number} for {Name(update.Audience)} drafted from template {update.TemplateName} v{update.TemplateVersion}{overridden}", action.Note));
        return update;
    }

    /// <summary>One of the unit's approvers approves an external draft; internal updates need no approval.</summary>
    public static CommunicationUpdate Approve(IncidentContext incident, int number, ResponderAction action, ImmutableArray<string> groups, CommunicationsPolicy policy)
    {
        var update = Find(incident, number);
        if (!IsExternal(update.Audience))
        {
            throw new IllegalTransitionException($"Update {number} is for {Name(update.Audience)}, which needs no approval: publish it.");
        }
        if (update is { Status: UpdateStatus.Published, PendingEdit: { } edit })
        {
            return ApproveEdit(incident, update, edit, action, groups, policy);
        }
        if (update.Status != UpdateStatus.Draft)
        {
            throw new IllegalTransitionException($"Update {number} is {update.Status.ToString().ToLowerInvariant()} already.");
        }
        if (!policy.Approvers.Include(action.ResponderId, groups))
        {
            throw new PermissionDeniedException($"{action.ResponderId} is not among business unit {incident.State.BusinessUnitId}'s approvers of external updates.");
        }
        // Four eyes: an approval is a second person's judgement of what the first wrote.
        if (action.ResponderId == update.DraftedBy)
        {
            throw new PermissionDeniedException($"{action.ResponderId} drafted update {number}; another of the unit's approvers must approve it.");
        }
        var now = incident.Now;
        var approved = update with { Status = UpdateStatus.Approved, ApprovedBy = action.ResponderId, ApprovedAt = now };
        Replace(incident.State, approved);
        incident.Append(now, action.ResponderId, TimelineEntryKind.UpdateApproved,
            ResponderActions.WithNote($"Update {number} for {Name(update.Audience)} approved", action.Note));
        return approved;
    }

    /// <summary>
    /// Publishes a draft (internal, by the updates' owner) or an approved external update (by a spokesperson) and sends
    /// it to every recipient through their channels, under page keys that make a retried publish page nobody twice.
    /// </summary>
    public static async Task<CommunicationUpdate> PublishAsync(IncidentContext incident, int number, ResponderAction action, ImmutableArray<string> groups,
        CommunicationsPolicy policy, CancellationToken cancellationToken)
    {
        var update = Find(incident, number);
        var s = incident.State;
        if (update.Status == UpdateStatus.Published)
        {
            throw new IllegalTransitionException($"Update {number} was published at {update.PublishedAt:O}; draft a new one to say more.");
        }
        if (IsExternal(update.Audience))
        {
            if (update.Status != UpdateStatus.Approved)
            {
                throw new IllegalTransitionException($"Update {number} is for {Name(update.Audience)} and needs approval by one of business unit {s.BusinessUnitId}'s approvers first (ApproveUpdate).");
            }
            if (!policy.Spokespersons.Include(action.ResponderId, groups))
            {
                throw new PermissionDeniedException($"{action.ResponderId} is not one of business unit {s.BusinessUnitId}'s spokespersons, who alone publish external updates.");
            }
        }
        else
        {
            EnsureOwner(s, action.ResponderId);
        }
        var now = incident.Now;
        var recipients = Recipients(s);
        await incident.PageAsync(recipients, person => PageKey(incident.IncidentId, number, person), $"Update: {update.Subject}", now, cancellationToken);
        var published = update with
        {
            Status = UpdateStatus.Published,
            PublishedBy = action.ResponderId,
            PublishedAt = now,
            Recipients = [.. recipients.Select(person => new UpdateRecipient(person, PageKey(incident.IncidentId, number, person)))],
            Confirmation = ReadConfirmations.For(policy, update.Audience, incident.EffectiveSeverity),
        };
        Replace(s, published);
        incident.Append(now, action.ResponderId, TimelineEntryKind.UpdatePublished,
            ResponderActions.WithNote($"Update {number} for {Name(update.Audience)} published to {recipients.Length} recipients", action.Note),
            new UpdatePublished(number, update.Audience, update.Subject, update.Body, now));
        return published;
    }

    /// <summary>
    /// Publishes an update of the enterprise-wide event commanding the incident, worded as central command approved it:
    /// no draft and no approval of the unit, since central command approved it once for every incident. Returns null
    /// for one already in the log (a redelivery) and for an incident not under that event's command.
    /// </summary>
    public static async Task<CommunicationUpdate?> PublishFromEventAsync(IncidentContext incident, CentralUpdate central, CommunicationsPolicy policy,
        CancellationToken cancellationToken)
    {
        var s = incident.State;
        if (!incident.Exists || s.CentralCommand?.EventId != central.EventId
            || s.Updates.Exists(u => u.EventId == central.EventId && u.EventUpdateNumber == central.Number))
        {
            return null;
        }
        var now = incident.Now;
        var number = s.Updates.Count + 1;
        var recipients = Recipients(s);
        await incident.PageAsync(recipients, person => PageKey(incident.IncidentId, number, person), $"Update: {central.Subject}", now, cancellationToken);
        var update = new CommunicationUpdate(number, central.Audience, "", 0, central.Subject, central.Body, [], UpdateStatus.Published,
            central.DraftedBy, central.DraftedAt, central.ApprovedBy, central.ApprovedAt, central.PublishedBy, now,
            [.. recipients.Select(person => new UpdateRecipient(person, PageKey(incident.IncidentId, number, person)))],
            Confirmation: ReadConfirmations.For(policy, central.Audience, incident.EffectiveSeverity),
            EventId: central.EventId, EventUpdateNumber: central.Number);
        s.Updates.Add(update);
        incident.Append(now, central.PublishedBy ?? central.DraftedBy, TimelineEntryKind.UpdatePublished,
            $"Update {number} for {Name(update.Audience)} published to {recipients.Length} recipients by central command of enterprise-wide event " +
            $"'{central.EventId}' (its update {central.Number}, approved by {central.ApprovedBy})",
            new UpdatePublished(number, update.Audience, update.Subject, update.Body, now));
        return update;
    }

    /// <summary>
    /// The updates' owner adds the unit's text to an update central command published. It is kept apart from the approved
    /// wording and goes to nobody, so it needs no approval of the unit whatever the update's audience.
    /// </summary>
    public static CommunicationUpdate AddLocalAddition(IncidentContext incident, int number, string text, ResponderAction action)
    {
        IncidentInput.Check(v => AlertValidator.Text(v, "text", text, MaxLocalAdditionLength, required: true));
        var update = Find(incident, number);
        if (update.EventId is null)
        {
            throw new IllegalTransitionException($"Update {number} is the unit's own; local additions are for updates of an enterprise-wide event: edit it instead.");
        }
        EnsureOwner(incident.State, action.ResponderId);
        var now = incident.Now;
        var added = update with { LocalAdditions = [.. update.LocalAdditions.IsDefault ? [] : update.LocalAdditions, new LocalAddition(text, action.ResponderId, now)] };
        Replace(incident.State, added);
        incident.Append(now, action.ResponderId, TimelineEntryKind.LocalAdditionAdded,
            ResponderActions.WithNote($"Local addition to update {number} of enterprise-wide event '{update.EventId}'", action.Note));
        return added;
    }

    /// <summary>
    /// Changes a published update's texts. An internal one is edited by the updates' owner and changes at once; an
    /// external one is edited by a spokesperson and waits, like publishing, for an approver other than the editor
    /// (<see cref="Approve"/>), since what customers, the public and regulators read is approved text.
    /// </summary>
    public static CommunicationUpdate Edit(IncidentContext incident, UpdateEdit edit, ResponderAction action, ImmutableArray<string> groups, CommunicationsPolicy policy)
    {
        IncidentInput.Check(v =>
        {
            AlertValidator.Text(v, "subject", edit.Subject, AlertValidator.MaxSummaryLength, required: false);
            AlertValidator.Text(v, "body", edit.Body, UpdateTemplates.MaxRenderedLength, required: false);
            if (edit.Subject is null && edit.Body is null)
            {
                v.Add(new FieldViolation("subject", "give a new subject, a new body, or both."));
            }
        });
        var update = Find(incident, edit.Number);
        var s = incident.State;
        if (update.Status != UpdateStatus.Published)
        {
            throw new IllegalTransitionException($"Update {edit.Number} is not published; a draft is changed by drafting it again.");
        }
        var external = IsExternal(update.Audience);
        if (!external)
        {
            EnsureOwner(s, action.ResponderId);
        }
        else if (!policy.Spokespersons.Include(action.ResponderId, groups))
        {
            throw new PermissionDeniedException($"{action.ResponderId} is not one of business unit {s.BusinessUnitId}'s spokespersons, who alone edit external updates.");
        }
        var (subject, body) = (edit.Subject ?? update.Subject, edit.Body ?? update.Body);
        if (subject == update.Subject && body == update.Body)
        {
            throw new InvalidRequestException(edit.Body is null ? "subject" : "body", $"is what update {edit.Number} already says.");
        }
        var now = incident.Now;
        var revision = new UpdateRevision(action.ResponderId, now, update.Subject, update.Body, subject, body);
        if (external)
        {
            var pending = update with { PendingEdit = revision };
            Replace(s, pending);
            incident.Append(now, action.ResponderId, TimelineEntryKind.UpdateDrafted,
                ResponderActions.WithNote($"Edit of update {edit.Number} for {Name(update.Audience)} awaiting approval", action.Note));
            return pending;
        }
        return ApplyEdit(incident, update, revision, action);
    }

    private static CommunicationUpdate ApproveEdit(IncidentContext incident, CommunicationUpdate update, UpdateRevision edit, ResponderAction action,
        ImmutableArray<string> groups, CommunicationsPolicy policy)
    {
        if (!policy.Approvers.Include(action.ResponderId, groups))
        {
            throw new PermissionDeniedException($"{action.ResponderId} is not among business unit {incident.State.BusinessUnitId}'s approvers of external updates.");
        }
        if (action.ResponderId == edit.EditedBy)
        {
            throw new PermissionDeniedException($"{action.ResponderId} edited update {update.Number}; another of the unit's approvers must approve the edit.");
        }
        return ApplyEdit(incident, update, edit with { ApprovedBy = action.ResponderId, ApprovedAt = incident.Now }, action);
    }

    /// <summary>The revision joins the log and the event carries the update again under its number, which readers take as an edit.</summary>
    private static CommunicationUpdate ApplyEdit(IncidentContext incident, CommunicationUpdate update, UpdateRevision revision, ResponderAction action)
    {
        var now = incident.Now;
        var edited = update with
        {
            Subject = revision.NewSubject,
            Body = revision.NewBody,
            Revisions = [.. update.Revisions.IsDefault ? [] : update.Revisions, revision],
            PendingEdit = null,
        };
        Replace(incident.State, edited);
        var approval = revision.ApprovedBy is not null ? $", edit by {revision.EditedBy} approved" : "";
        incident.Append(now, action.ResponderId, TimelineEntryKind.UpdateEdited,
            ResponderActions.WithNote($"Update {update.Number} for {Name(update.Audience)} edited{approval}", action.Note),
            new UpdatePublished(update.Number, update.Audience, edited.Subject, edited.Body, update.PublishedAt ?? now, now));
        return edited;
    }

    /// <summary>A recipient confirms reading a published update; confirming again changes nothing.</summary>
    public static (CommunicationUpdate Update, bool Changed) ConfirmRead(IncidentContext incident, int number, ResponderAction action)
    {
        var update = Find(incident, number);
        var recipient = update.Recipients.IsDefault ? null : update.Recipients.FirstOrDefault(r => r.PersonId == action.ResponderId);
        if (recipient is null)
        {
            throw new PermissionDeniedException($"{action.ResponderId} is not a recipient of update {number}.");
        }
        if (recipient.ReadAt is not null)
        {
            return (update, false);
        }
        var now = incident.Now;
        var read = update with { Recipients = update.Recipients.Replace(recipient, recipient with { ReadAt = now }) };
        Replace(incident.State, read);
        incident.Append(now, action.ResponderId, TimelineEntryKind.UpdateRead, $"Update {number} read");
        return (read, true);
    }

    /// <summary>Lets technical root-cause detail into external updates from now on; clearing again changes nothing.</summary>
    public static bool ClearDisclosure(IncidentContext incident, ResponderAction action)
    {
        incident.EnsureExists();
        if (incident.State.Disclosure is not null)
        {
            return false;
        }
        var now = incident.Now;
        incident.State.Disclosure = new DisclosureClearance(action.ResponderId, now, action.Note);
        incident.Append(now, action.ResponderId, TimelineEntryKind.DisclosureCleared,
            ResponderActions.WithNote("Technical detail cleared for external updates", action.Note));
        return true;
    }

    /// <summary>The log with each recipient's delivery receipts, which the incident keeps with the page that carried the update.</summary>
    public static CommunicationsLog Log(string incidentId, IncidentState state)
    {
        var keys = state.Updates.Where(u => !u.Recipients.IsDefault).SelectMany(u => u.Recipients).Select(r => r.PageKey).ToHashSet(StringComparer.Ordinal);
        var deliveries = state.Pages.Where(p => keys.Contains(p.IdempotencyKey))
            .ToImmutableDictionary(p => p.IdempotencyKey, p => p.Deliveries, StringComparer.Ordinal);
        return new CommunicationsLog(incidentId, [.. state.Updates], deliveries, state.Disclosure, state.Cadence?.Due, state.Cadence?.Misses ?? 0);
    }

    public static string Name(UpdateAudience audience) => audience switch
    {
        UpdateAudience.Responders => "responders",
        UpdateAudience.Executives => "executives",
        UpdateAudience.Internal => "internal business units and support",
        UpdateAudience.Customers => "customers",
        UpdateAudience.Public => "the public",
        _ => "regulators",
    };

    private static string PageKey(string incidentId, int number, string person) => $"{incidentId}/update/{number}/{person}";

    private static void Validate(UpdateDraft draft) => IncidentInput.Check(v =>
    {
        AlertValidator.Identifier(v, "template_name", draft.TemplateName, required: true);
        AlertValidator.Text(v, "subject_override", draft.SubjectOverride, AlertValidator.MaxSummaryLength, required: false);
        AlertValidator.Text(v, "body_override", draft.BodyOverride, UpdateTemplates.MaxRenderedLength, required: false);
        AlertValidator.Text(v, "estimated_resolution", draft.EstimatedResolution, AlertValidator.MaxSummaryLength, required: false);
    });

    private static void EnsureOwner(IncidentState state, string personId)
    {
        switch (Owner(state))
        {
            case null:
                throw new IllegalTransitionException("The incident has no communications lead (nor commander) to own its updates: assign one first.");
            case var owner when owner != personId:
                throw new PermissionDeniedException($"Updates of this incident are owned by its communications lead, {owner}.");
        }
    }

    private static CommunicationUpdate Find(IncidentContext incident, int number)
    {
        incident.EnsureExists();
        return incident.State.Updates.Find(u => u.Number == number) ?? throw new ResourceNotFoundException("Update", $"{incident.IncidentId}/{number}");
    }

    private static void Replace(IncidentState state, CommunicationUpdate update) => state.Updates[update.Number - 1] = update;
}
