using Orleans.Concurrency;

namespace IncidentActors.Chat;

/// <summary>A business unit's war-room webhook and chat integration, keyed by the unit's id. Secrets are write-only.</summary>
[Alias("IncidentActors.Chat.IUnitChatGrain")]
public interface IUnitChatGrain : IGrainWithStringKey
{
    /// <summary>Null removes it. A blank secret keeps the one stored for the same URL.</summary>
    [Alias("SetWarRoomWebhook")]
    Task<UnitChatSettings> SetWarRoomWebhook(WarRoomWebhook? webhook, CancellationToken cancellationToken = default);

    /// <summary>Null removes it. A blank secret keeps the one stored.</summary>
    [Alias("SetChatIntegration")]
    Task<UnitChatSettings> SetChatIntegration(ChatIntegration? chat, CancellationToken cancellationToken = default);

    /// <summary>The settings with their secrets as stored (encrypted).</summary>
    [Alias("Get"), ReadOnly]
    Task<UnitChatSettings> Get(CancellationToken cancellationToken = default);

    /// <summary>Checks a callback's signature and timestamp against the integration's secret and this silo's clock.</summary>
    [Alias("CheckCallback"), ReadOnly]
    Task<ChatCallbackCheck> CheckCallback(string timestamp, string signature, byte[] body, CancellationToken cancellationToken = default);
}
