using Google.Protobuf.WellKnownTypes;
using Domain = IncidentActors;
using V1 = IncidentActors.Api.V1;

namespace IncidentActors.GrpcFrontend.Services;

/// <summary>Chat settings and war rooms, wire to domain and back. Secrets go in and never come out.</summary>
internal static class ChatWireMapping
{
    public static Domain.Chat.WarRoomWebhook? ToDomain(V1.WarRoomWebhook? webhook) => webhook is null ? null
        : new(webhook.Url, Secret(webhook.Secret), webhook.Target?.ToTimeSpan() ?? TimeSpan.Zero);

    public static Domain.Chat.ChatIntegration? ToDomain(V1.ChatIntegration? chat) => chat is null ? null
        : new(Secret(chat.Secret), [.. chat.Users.Select(u => new Domain.Chat.ChatUser(u.ChatUserId, u.ResponderId))]);

    public static V1.ChatSettings ToWire(string businessUnitId, Domain.Chat.UnitChatSettings settings)
    {
        var wire = new V1.ChatSettings { BusinessUnitId = businessUnitId };
        if (settings.WarRoom is { } w)
        {
            wire.WarRoom = new V1.WarRoomWebhook { Url = w.Url, Secret = EscalationWireMapping.MaskedSecret, Target = Duration.FromTimeSpan(w.Target) };
        }
        if (settings.Chat is { } c)
        {
            wire.Chat = new V1.ChatIntegration { Secret = EscalationWireMapping.MaskedSecret };
            wire.Chat.Users.AddRange(c.Users.Select(u => new V1.ChatUser { ChatUserId = u.ChatUserId, ResponderId = u.ResponderId }));
        }
        return wire;
    }

    public static V1.WarRoom? ToWire(Domain.Incidents.WarRoom? room) => room is null ? null : new()
    {
        Url = room.Url,
        Channel = room.Channel ?? "",
        OpenedAt = Timestamp.FromDateTimeOffset(room.OpenedAt),
        Took = Duration.FromTimeSpan(room.Took),
        Target = Duration.FromTimeSpan(room.Target),
    };

    /// <summary>The mask an answer showed stands for the stored secret, as an empty one does.</summary>
    private static string Secret(string secret) => secret == EscalationWireMapping.MaskedSecret ? "" : secret;
}
