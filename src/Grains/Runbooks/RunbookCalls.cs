using IncidentActors.Responders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentActors.Runbooks;

/// <summary>What an automation endpoint answered: success, and a short account of the answer for the timeline.</summary>
internal sealed record RunbookCallReply(bool Succeeded, string Outcome);

/// <summary>
/// One call of an automated step or its rollback: a JSON POST signed as page webhooks are (<see cref="WebhookSignature"/>)
/// with the step's <c>Idempotency-Key</c>, through the same connection checks (public hosts only unless allow-listed, no
/// proxy, no redirects). Any 2xx is success; anything else, or no answer in time, a failure the breaker counts.
/// </summary>
internal sealed class RunbookCalls(IHttpClientFactory httpClients, WebhookSecrets secrets, TimeProvider clock,
    IOptions<WebhookDeliveryOptions> options, ILogger<RunbookCalls> logger)
{
    public async Task<RunbookCallReply> PostAsync(string url, string protectedSecret, string idempotencyKey, byte[] body, CancellationToken cancellationToken)
    {
        if (secrets.Unprotect(protectedSecret) is not { } secret)
        {
            return new RunbookCallReply(false, "runbook secret unreadable");
        }
        using var request = WebhookSignature.Post(url, body, idempotencyKey, secret, clock.GetUtcNow().ToUnixTimeSeconds());
        using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attemptTimeout.CancelAfter(options.Value.AttemptTimeout);
        try
        {
            using var response = await httpClients.CreateClient(WebhookPageSender.HttpClientName).SendAsync(request, attemptTimeout.Token);
            var status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("Automation endpoint {Url} answered {Status} to {IdempotencyKey}", url, status, idempotencyKey);
            }
            return new RunbookCallReply(response.IsSuccessStatusCode, $"HTTP {status}");
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "Calling {Url} for {IdempotencyKey} failed", url, idempotencyKey);
            return new RunbookCallReply(false, e is OperationCanceledException ? "timed out" : "request failed");
        }
    }
}
