using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentActors.Responders;

/// <summary>
/// What a signed POST came to: the receiver's status and, when asked for, its answer; or, when nothing came back in
/// time, a fixed failure text (<c>timed out</c>, <c>request failed</c>) never an exception's message.
/// </summary>
internal sealed record SignedPostAnswer(int? Status, string? Body, string? Failure)
{
    public bool Succeeded => Status is >= 200 and < 300;
}

/// <summary>
/// One attempt of a signed JSON POST (<see cref="WebhookSignature"/>) through the checked webhook connections (public
/// hosts only unless allow-listed, no proxy, no redirects), bounded by the delivery attempt timeout. Retrying, and what
/// an answer means, are the caller's business: war rooms, regulators and runbook automation each read it their way.
/// </summary>
internal sealed class SignedWebhookPoster(IHttpClientFactory httpClients, TimeProvider clock, IOptions<WebhookDeliveryOptions> options,
    ILogger<SignedWebhookPoster> logger)
{
    public async Task<SignedPostAnswer> PostAsync(string url, byte[] body, string idempotencyKey, string secret, bool readAnswer,
        CancellationToken cancellationToken)
    {
        using var request = WebhookSignature.Post(url, body, idempotencyKey, secret, clock.GetUtcNow().ToUnixTimeSeconds());
        using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attemptTimeout.CancelAfter(options.Value.AttemptTimeout);
        try
        {
            using var response = await httpClients.CreateClient(WebhookPageSender.HttpClientName).SendAsync(request, attemptTimeout.Token);
            var status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("{Url} answered {Status} to {IdempotencyKey}", url, status, idempotencyKey);
                return new SignedPostAnswer(status, null, null);
            }
            return new SignedPostAnswer(status, readAnswer ? await response.Content.ReadAsStringAsync(attemptTimeout.Token) : null, null);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "POST to {Url} for {IdempotencyKey} failed", url, idempotencyKey);
            return new SignedPostAnswer(null, null, e is OperationCanceledException ? "timed out" : "request failed");
        }
    }
}
