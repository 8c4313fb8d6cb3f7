using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using IncidentActors.Responders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentActors.Reviews;

/// <summary>What the tracker answered: its issue key and status, or why the sync failed and whether to try again.</summary>
internal sealed record TrackerReply(string? Key, string? Status, string? Error, bool Retryable);

/// <summary>
/// Syncs an action item to the unit's tracker: a Jira-shaped JSON POST (<c>key</c>, <c>status</c>, <c>fields.summary</c>,
/// <c>fields.description</c>, <c>fields.duedate</c>, <c>fields.assignee.name</c>) signed as page webhooks are, through the
/// same connection checks (public hosts only, no proxy, no redirects). The tracker answers the issue's <c>key</c> and
/// <c>status</c>. One attempt; retrying is the review's business. What may not have reached the tracker (no answer, a
/// 408, 425, 429 or 5xx) is worth retrying; a success whose body is not understood is not, since the tracker acted on
/// it and sending it again could file the issue twice.
/// </summary>
internal sealed class TrackerSync(IHttpClientFactory httpClients, TimeProvider clock, IOptions<WebhookDeliveryOptions> options, ILogger<TrackerSync> logger)
{
    public static byte[] Payload(string incidentId, ActionItem item) => JsonSerializer.SerializeToUtf8Bytes(new JsonObject
    {
        ["key"] = item.Tracker?.Key,
        ["status"] = item.Status switch { ActionItemStatus.Open => "open", ActionItemStatus.Done => "done", _ => "effective" },
        ["fields"] = new JsonObject
        {
            ["summary"] = item.Title,
            ["description"] = $"{Kind(item.Kind)} from the post-incident review of incident {incidentId}.\nVerification: {item.VerificationCriteria}",
            ["duedate"] = item.DueAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["assignee"] = new JsonObject { ["name"] = item.Owner },
        },
        ["incident_id"] = incidentId,
        ["action_item"] = item.Number,
    });

    public async Task<TrackerReply> SendAsync(TrackerWebhook tracker, string secret, string incidentId, ActionItem item, CancellationToken cancellationToken)
    {
        var body = Payload(incidentId, item);
        using var request = WebhookSignature.SignedPost(tracker.Url, body, $"{incidentId}/A{item.Number}/S{item.Tracker?.Sync ?? 0}", secret, clock.GetUtcNow());
        using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attemptTimeout.CancelAfter(options.Value.AttemptTimeout);
        try
        {
            using var response = await httpClients.CreateClient(WebhookPageSender.HttpClientName).SendAsync(request, attemptTimeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                var status = (int)response.StatusCode;
                logger.LogWarning("Tracker {Url} answered {Status} to action item {Number} of {IncidentId}", tracker.Url, status, item.Number, incidentId);
                return new TrackerReply(null, null, $"HTTP {status}", Retryable: status is 408 or 425 or 429 or >= 500);
            }
            var reply = Read(await response.Content.ReadAsStringAsync(attemptTimeout.Token), item.Tracker?.Key, (int)response.StatusCode);
            if (reply.Error is not null)
            {
                logger.LogWarning("Tracker {Url} answered action item {Number} of {IncidentId} with what it does not understand", tracker.Url, item.Number, incidentId);
            }
            return reply;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "Syncing action item {Number} of {IncidentId} to {Url} failed", item.Number, incidentId, tracker.Url);
            return new TrackerReply(null, null, "request failed", Retryable: true);
        }
    }

    /// <summary>A success answers a JSON object with the key (the one the item is linked to may stand in) and its status.</summary>
    public static TrackerReply Read(string body, string? linkedKey, int httpStatus)
    {
        JsonObject? reply;
        try
        {
            reply = JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            reply = null;
        }
        return reply is not null && (Text(reply["key"]) ?? linkedKey) is { } key
            ? new TrackerReply(key, Text(reply["status"]) ?? Text((reply["status"] as JsonObject)?["name"]), null, Retryable: false)
            : new TrackerReply(null, null, $"tracker answered HTTP {httpStatus} without a JSON object naming the issue's key; not retried, as it may have filed the issue", Retryable: false);
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static string Kind(ActionItemKind kind) => kind switch
    {
        ActionItemKind.ImmediateFix => "Immediate fix",
        ActionItemKind.ArchitecturalChange => "Architectural change",
        _ => "Process improvement",
    };
}
