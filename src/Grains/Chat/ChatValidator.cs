using System.Collections.Immutable;
using IncidentActors.Errors;
using IncidentActors.Incidents;
using IncidentActors.Responders;
using IncidentActors.Services;

namespace IncidentActors.Chat;

/// <summary>The limits of a unit's war-room webhook and chat integration. Secrets are checked as given, before they are encrypted.</summary>
internal static class ChatValidator
{
    public static readonly TimeSpan MinTarget = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan MaxTarget = TimeSpan.FromHours(1);
    public const int MaxUsers = 5000;

    /// <param name="keepsSecret">True when a blank secret keeps the one stored for the same URL.</param>
    public static void WarRoom(WarRoomWebhook webhook, WebhookDestinations destinations, bool keepsSecret) => IncidentInput.Check(v =>
    {
        if (WebhookContactValidator.UrlRefusal(webhook.Url ?? "", destinations) is { } refusal)
        {
            v.Add(new("war_room.url", refusal));
        }
        Secret(v, "war_room.secret", webhook.Secret, keepsSecret);
        if (webhook.Target < MinTarget || webhook.Target > MaxTarget)
        {
            v.Add(new("war_room.target", $"must be {MinTarget.TotalSeconds:0} s to {MaxTarget.TotalMinutes:0} min."));
        }
    });

    public static void Chat(ChatIntegration chat, bool keepsSecret) => IncidentInput.Check(v =>
    {
        Secret(v, "chat.secret", chat.Secret, keepsSecret);
        var users = chat.Users.IsDefault ? [] : chat.Users;
        if (users.Length > MaxUsers)
        {
            v.Add(new("chat.users", $"holds {users.Length} users; at most {MaxUsers}."));
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < users.Length; i++)
        {
            AlertValidator.Identifier(v, $"chat.users[{i}].chat_user_id", users[i]?.ChatUserId, required: true);
            AlertValidator.Identifier(v, $"chat.users[{i}].responder_id", users[i]?.ResponderId, required: true);
            if (users[i]?.ChatUserId is { } id && !seen.Add(id))
            {
                v.Add(new($"chat.users[{i}].chat_user_id", $"'{id}' is mapped twice; a chat user acts as one responder."));
            }
        }
    });

    private static void Secret(ImmutableArray<FieldViolation>.Builder v, string field, string? secret, bool keepsSecret)
    {
        var length = secret?.Length ?? 0;
        if (length == 0 && keepsSecret)
        {
            return;
        }
        if (length is < WebhookContactValidator.MinSecretLength or > WebhookContactValidator.MaxSecretLength)
        {
            v.Add(new(field, $"must be {WebhookContactValidator.MinSecretLength} to {WebhookContactValidator.MaxSecretLength} characters" +
                (keepsSecret ? ", or empty to keep the stored one." : ".")));
        }
    }
}
