using System.Collections.Immutable;

namespace IncidentActors.Communications;

/// <summary>A Liquid template for one audience's updates; <see cref="Subject"/> and <see cref="Body"/> are filled from the incident.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Communications.CommunicationTemplate")]
public sealed record CommunicationTemplate(
    [property: Id(0)] string Name,
    [property: Id(1)] UpdateAudience Audience,
    [property: Id(2)] string Subject,
    [property: Id(3)] string Body);

/// <summary>One published version of a unit's templates; updates are drafted from the version in force and remember it.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Communications.CommunicationTemplates")]
public sealed record CommunicationTemplates(
    [property: Id(0)] int Version,
    [property: Id(1)] ImmutableArray<CommunicationTemplate> Templates,
    [property: Id(2)] DateTimeOffset PublishedAt,
    [property: Id(3)] string PublishedBy)
{
    public static readonly CommunicationTemplates Empty = new(0, [], DateTimeOffset.MinValue, "");
}
