using System.Globalization;
using System.Net;
using System.Text.Json;

namespace IncidentActors.Subscribers;

/// <summary>
/// A notice shaped as an email for a mail relay: from, to, subject, text and html, and headers that thread every notice
/// of an incident under one conversation (Message-ID, In-Reply-To, References) and say how to stop them (List-Unsubscribe).
/// </summary>
public static class EmailNotices
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Stable for a notice, so a notice sent again after a crash is the same email to the relay.</summary>
    public static string MessageId(string businessUnitId, SubscriberNotice notice) =>
        $"<{notice.Key.Replace('/', '.')}.{notice.SubscriberId}@{businessUnitId}.incidentactors>";

    /// <summary>The conversation's root: one per incident and subscriber, never itself sent.</summary>
    public static string ThreadId(string businessUnitId, SubscriberNotice notice) =>
        $"<{notice.IncidentId}.{notice.SubscriberId}@{businessUnitId}.incidentactors>";

    public static byte[] Payload(string businessUnitId, SubscriberNotice notice, EmailChannel email, int attempt)
    {
        var thread = ThreadId(businessUnitId, notice);
        var html = string.Join("", notice.Text.Split("\n\n").Select(p => $"<p>{WebUtility.HtmlEncode(p).Replace("\n", "<br>", StringComparison.Ordinal)}</p>"));
        return JsonSerializer.SerializeToUtf8Bytes(new
        {
            email.From,
            email.To,
            notice.Subject,
            notice.Text,
            Html = html,
            Headers = new Dictionary<string, string>
            {
                ["Message-ID"] = MessageId(businessUnitId, notice),
                ["In-Reply-To"] = thread,
                ["References"] = thread,
                ["List-Unsubscribe"] = $"<urn:incidentactors:subscriber:{businessUnitId}:{notice.SubscriberId}>",
            },
            NoticeKey = notice.Key,
            notice.IncidentId,
            notice.SubscriberId,
            Kind = notice.Kind.ToString(),
            PublicStatus = SubscriberRules.StatusWord(notice.PublicStatus),
            CreatedAt = notice.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
            Attempt = attempt,
        }, Json);
    }
}
