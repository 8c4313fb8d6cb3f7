using System.Collections.Immutable;

namespace IncidentActors.Chat;

/// <summary>A chat user and the responder (principal) their commands act as.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Chat.ChatUser")]
public sealed record ChatUser(
    [property: Id(0)] string ChatUserId,
    [property: Id(1)] string ResponderId);

/// <summary>A unit's chat tool calling back with commands: the secret its callbacks are signed with, and who is who.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Chat.ChatIntegration")]
public sealed record ChatIntegration(
    [property: Id(0)] string Secret,
    [property: Id(1)] ImmutableArray<ChatUser> Users);

/// <summary>A unit's war-room webhook and chat integration, secrets as stored (encrypted).</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Chat.UnitChatSettings")]
public sealed record UnitChatSettings(
    [property: Id(0)] WarRoomWebhook? WarRoom,
    [property: Id(1)] ChatIntegration? Chat);

/// <summary>What a chat callback's signature check found.</summary>
[GenerateSerializer]
public enum ChatCallbackCheck
{
    Valid = 0,
    NoIntegration = 1,
    StaleTimestamp = 2,
    BadSignature = 3,
}

/// <summary>How a chat tool's callbacks carry their signature (Slack's v0 scheme), and how old one may be.</summary>
public static class ChatCallbackHeaders
{
    public const string Signature = "X-Slack-Signature";
    public const string Timestamp = "X-Slack-Request-Timestamp";
    public static readonly TimeSpan ReplayWindow = TimeSpan.FromMinutes(5);
}
