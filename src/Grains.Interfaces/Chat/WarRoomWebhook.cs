namespace IncidentActors.Chat;

/// <summary>
/// Where a business unit opens war rooms: a provisioning webhook (a Slack or Teams bridge) that answers a declared
/// major incident with its channel, signed like page webhooks, and how soon the room should be open.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Chat.WarRoomWebhook")]
public sealed record WarRoomWebhook(
    [property: Id(0)] string Url,
    [property: Id(1)] string Secret,
    [property: Id(2)] TimeSpan Target);
