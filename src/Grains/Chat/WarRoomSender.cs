using IncidentActors.Incidents;
using IncidentActors.Responders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentActors.Chat;

/// <summary>
/// One attempt to open a war room: the <see cref="WarRoomPayload"/> POSTed to the unit's provisioning webhook, signed
/// as page webhooks are, through the same connection checks (public hosts only, no proxy, no redirects). Retrying is
/// the war-room grain's business. No answer, a 408, 425, 429 or 5xx is worth retrying; another refusal is not.
/// </summary>
internal sealed class WarRoomSender(IHttpClientFactory httpClients, TimeProvider clock, IOptions<WebhookDeliveryOptions> options, ILogger<WarRoomSender> logger)
{
    public async Task<WarRoomReply> SendAsync(WarRoomWebhook webhook, string secret, IncidentView incident, CancellationToken cancellationToken)
    {
        var body = WarRoomPayload.Body(incident);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = WebhookSignature.Post(webhook.Url, body, WarRoomPayload.IdempotencyKey(incident.Id), secret, timestamp);
        using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attemptTimeout.CancelAfter(options.Value.AttemptTimeout);
        try
        {
            using var response = await httpClients.CreateClient(WebhookPageSender.HttpClientName).SendAsync(request, attemptTimeout.Token);
            var status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("War-room webhook {Url} answered {Status} for {IncidentId}", webhook.Url, status, incident.Id);
                return new WarRoomReply(null, null, $"HTTP {status}", Retryable: status is 408 or 425 or 429 or >= 500);
            }
            var reply = WarRoomPayload.Read(await response.Content.ReadAsStringAsync(attemptTimeout.Token), status);
            if (reply.Error is not null)
            {
                logger.LogWarning("War-room webhook {Url} answered {IncidentId} without a room URL", webhook.Url, incident.Id);
            }
            return reply;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "Opening the war room of {IncidentId} at {Url} failed", incident.Id, webhook.Url);
            return new WarRoomReply(null, null, e is OperationCanceledException ? "timed out" : "request failed", Retryable: true);
        }
    }
}
