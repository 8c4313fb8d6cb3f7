using System.Collections.Immutable;
using IncidentActors.Responders;

namespace IncidentActors.Communications;

/// <summary>An incident's communications as exported for reviews and regulators.</summary>
/// <param name="NextUpdateDue">When the next update is owed; null when no cadence runs.</param>
/// <param name="Deliveries">Per recipient page key, the delivery receipts of each channel.</param>
[GenerateSerializer, Immutable, Alias("IncidentActors.Communications.CommunicationsLog")]
public sealed record CommunicationsLog(
    [property: Id(0)] string IncidentId,
    [property: Id(1)] ImmutableArray<CommunicationUpdate> Updates,
    [property: Id(2)] ImmutableDictionary<string, ImmutableArray<DeliveryRecord>> Deliveries,
    [property: Id(3)] DisclosureClearance? Disclosure,
    [property: Id(4)] DateTimeOffset? NextUpdateDue,
    [property: Id(5)] int MissedUpdates);

/// <summary>Who cleared technical root-cause detail for external updates, when and why.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Communications.DisclosureClearance")]
public sealed record DisclosureClearance(
    [property: Id(0)] string ClearedBy,
    [property: Id(1)] DateTimeOffset ClearedAt,
    [property: Id(2)] string? Note);

/// <summary>The running update cadence: the next update is owed at <see cref="Due"/>; <see cref="Misses"/> in a row so far.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Communications.UpdateCadence")]
public sealed record UpdateCadence(
    [property: Id(0)] DateTimeOffset Due,
    [property: Id(1)] int Misses);

/// <summary>A filled update before it is stored: what the draft would say.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Communications.UpdatePreview")]
public sealed record UpdatePreview(
    [property: Id(0)] UpdateAudience Audience,
    [property: Id(1)] string TemplateName,
    [property: Id(2)] int TemplateVersion,
    [property: Id(3)] string Subject,
    [property: Id(4)] string Body,
    [property: Id(5)] ImmutableArray<TextOverride> Overrides);
