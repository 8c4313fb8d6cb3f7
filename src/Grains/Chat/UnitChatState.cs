namespace IncidentActors.Chat;

/// <summary>A unit's war-room webhook and chat integration, their secrets encrypted with the cluster's data protection keys.</summary>
[GenerateSerializer, Alias("IncidentActors.Chat.UnitChatState")]
public sealed class UnitChatState
{
    [Id(0)] public WarRoomWebhook? WarRoom { get; set; }

    [Id(1)] public ChatIntegration? Chat { get; set; }
}
