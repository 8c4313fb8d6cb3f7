using System.Collections.Immutable;

namespace IncidentActors.Communications;

[GenerateSerializer, Alias("IncidentActors.Communications.UpdateStatus")]
public enum UpdateStatus
{
    Draft = 0,
    Approved = 1,
    Published = 2,
}

/// <summary>
/// One update in an incident's communications log, kept for reviews and regulators: its audience, the template
/// version it was filled from, the filled and overridden texts, who drafted, approved and published it, and its
/// recipients. Published external updates are what a status page lists. An update central command published for an
/// enterprise-wide event names the event and its update number (<see cref="EventId"/>, <see cref="EventUpdateNumber"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Communications.CommunicationUpdate")]
public sealed record CommunicationUpdate(
    [property: Id(0)] int Number,
    [property: Id(1)] UpdateAudience Audience,
    [property: Id(2)] string TemplateName,
    [property: Id(3)] int TemplateVersion,
    [property: Id(4)] string Subject,
    [property: Id(5)] string Body,
    [property: Id(6)] ImmutableArray<TextOverride> Overrides,
    [property: Id(7)] UpdateStatus Status,
    [property: Id(8)] string DraftedBy,
    [property: Id(9)] DateTimeOffset DraftedAt,
    [property: Id(10)] string? ApprovedBy = null,
    [property: Id(11)] DateTimeOffset? ApprovedAt = null,
    [property: Id(12)] string? PublishedBy = null,
    [property: Id(13)] DateTimeOffset? PublishedAt = null,
    [property: Id(14)] ImmutableArray<UpdateRecipient> Recipients = default,
    [property: Id(25)] ImmutableArray<UpdateRevision> Revisions = default,
    [property: Id(26)] UpdateRevision? PendingEdit = null,
    [property: Id(27)] ReadConfirmation? Confirmation = null,
    [property: Id(20)] string? EventId = null,
    [property: Id(21)] int? EventUpdateNumber = null,
    [property: Id(22)] ImmutableArray<LocalAddition> LocalAdditions = default);

/// <summary>
/// Text a business unit added to an update central command published into its incident. Kept apart from the approved
/// wording, which stays the same in every unit, and shown only in the unit's communications log: it is not sent to
/// the update's recipients, subscribers or status pages.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Communications.LocalAddition")]
public sealed record LocalAddition(
    [property: Id(0)] string Text,
    [property: Id(1)] string AddedBy,
    [property: Id(2)] DateTimeOffset AddedAt);

/// <summary>
/// A change of a published update's texts: who made it, when, and the texts before and after. An edit of an external
/// update waits as <see cref="CommunicationUpdate.PendingEdit"/> until an approver other than its editor approves it;
/// <see cref="ApprovedBy"/> names them.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Communications.UpdateRevision")]
public sealed record UpdateRevision(
    [property: Id(0)] string EditedBy,
    [property: Id(1)] DateTimeOffset EditedAt,
    [property: Id(2)] string OldSubject,
    [property: Id(3)] string OldBody,
    [property: Id(4)] string NewSubject,
    [property: Id(5)] string NewBody,
    [property: Id(6)] string? ApprovedBy = null,
    [property: Id(7)] DateTimeOffset? ApprovedAt = null);

/// <summary>New texts for a published update; a text left null stays as it is.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Communications.UpdateEdit")]
public sealed record UpdateEdit(
    [property: Id(0)] int Number,
    [property: Id(1)] string? Subject,
    [property: Id(2)] string? Body);

/// <summary>A filled text a person replaced: what the template gave and what they wrote instead.</summary>
/// <param name="Field">"subject" or "body".</param>
[GenerateSerializer, Immutable, Alias("IncidentActors.Communications.TextOverride")]
public sealed record TextOverride(
    [property: Id(0)] string Field,
    [property: Id(1)] string Filled,
    [property: Id(2)] string Written);

/// <summary>
/// A person a published update went to. <see cref="PageKey"/> names the page that carried it, whose delivery receipts
/// (per channel) the incident keeps with its pages; <see cref="ReadAt"/> once they confirmed reading it. For an update that
/// needs confirmation, <see cref="RemindedAt"/> and <see cref="EscalatedAt"/> say when its loop reminded them and told the owner.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Communications.UpdateRecipient")]
public sealed record UpdateRecipient(
    [property: Id(0)] string PersonId,
    [property: Id(1)] string PageKey,
    [property: Id(2)] DateTimeOffset? ReadAt = null,
    [property: Id(5)] DateTimeOffset? RemindedAt = null,
    [property: Id(6)] DateTimeOffset? EscalatedAt = null);
