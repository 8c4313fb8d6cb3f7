using IncidentActors.Responders;
using IncidentActors.Storage;

namespace IncidentActors.Chat;

/// <summary>
/// A unit's war-room webhook and chat integration. Not unit-scoped: the door checks the unit a request names. Secrets
/// are stored encrypted and leave only encrypted; a callback's signature is checked here, by this silo's clock.
/// </summary>
internal sealed class UnitChatGrain(
    [PersistentState("unitChat", StorageNames.Incidents)] IPersistentState<UnitChatState> state,
    WebhookDestinations destinations,
    WebhookSecrets secrets,
    TimeProvider clock) : Grain, IUnitChatGrain
{
    private UnitChatState State => state.State;

    public async Task<UnitChatSettings> SetWarRoomWebhook(WarRoomWebhook? webhook, CancellationToken cancellationToken = default)
    {
        var stored = State.WarRoom;
        if (webhook is not null)
        {
            var keeps = stored?.Url == webhook.Url;
            ChatValidator.WarRoom(webhook, destinations, keeps);
            webhook = webhook with { Secret = string.IsNullOrEmpty(webhook.Secret) ? stored!.Secret : secrets.Protect(webhook.Secret) };
        }
        State.WarRoom = webhook;
        await state.WriteStateAsync(cancellationToken);
        return Settings();
    }

    public async Task<UnitChatSettings> SetChatIntegration(ChatIntegration? chat, CancellationToken cancellationToken = default)
    {
        var stored = State.Chat;
        if (chat is not null)
        {
            chat = chat with { Users = chat.Users.IsDefault ? [] : chat.Users };
            ChatValidator.Chat(chat, keepsSecret: stored is not null);
            chat = chat with { Secret = string.IsNullOrEmpty(chat.Secret) ? stored!.Secret : secrets.Protect(chat.Secret) };
        }
        State.Chat = chat;
        await state.WriteStateAsync(cancellationToken);
        return Settings();
    }

    public Task<UnitChatSettings> Get(CancellationToken cancellationToken = default) => Task.FromResult(Settings());

    public Task<ChatCallbackCheck> CheckCallback(string timestamp, string signature, byte[] body, CancellationToken cancellationToken = default) =>
        Task.FromResult(State.Chat is not { } chat ? ChatCallbackCheck.NoIntegration
            : secrets.Unprotect(chat.Secret) is not { } secret ? ChatCallbackCheck.BadSignature
            : ChatSignature.Check(secret, timestamp, signature, body, clock.GetUtcNow()));

    private UnitChatSettings Settings() => new(State.WarRoom, State.Chat);
}
