using System.Globalization;
using System.Net.Http.Headers;
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
/// <c>status</c>. One attempt; retrying is the review's business.
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
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, tracker.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("Idempotency-Key", $"{incidentId}/A{item.Number}/{item.Tracker?.Attempts ?? 0}");
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret, timestamp, body));
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
            var reply = JsonNode.Parse(await response.Content.ReadAsStringAsync(attemptTimeout.Token)) as JsonObject;
            return new TrackerReply(Text(reply?["key"]), Text(reply?["status"]) ?? Text(reply?["status"]?["name"]), null, Retryable: false);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "Syncing action item {Number} of {IncidentId} to {Url} failed", item.Number, incidentId, tracker.Url);
            return new TrackerReply(null, null, e is JsonException ? "reply not understood" : "request failed", Retryable: true);
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static string Kind(ActionItemKind kind) => kind switch
    {
        ActionItemKind.ImmediateFix => "Immediate fix",
        ActionItemKind.ArchitecturalChange => "Architectural change",
        _ => "Process improvement",
    };
}
