using IncidentActors.Responders;

namespace IncidentActors.Runbooks;

/// <summary>What an automation endpoint answered: success, and a short account of the answer for the timeline.</summary>
internal sealed record RunbookCallReply(bool Succeeded, string Outcome);

/// <summary>
/// One call of an automated step or its rollback: a JSON POST signed as page webhooks are (<see cref="WebhookSignature"/>)
/// with the step's <c>Idempotency-Key</c>, through the same connection checks (public hosts only unless allow-listed, no
/// proxy, no redirects). Any 2xx is success; anything else, or no answer in time, a failure the breaker counts.
/// </summary>
internal sealed class RunbookCalls(SignedWebhookPoster poster, WebhookSecrets secrets)
{
    public async Task<RunbookCallReply> PostAsync(string url, string protectedSecret, string idempotencyKey, byte[] body, CancellationToken cancellationToken)
    {
        if (secrets.Unprotect(protectedSecret) is not { } secret)
        {
            return new RunbookCallReply(false, "runbook secret unreadable");
        }
        var answer = await poster.PostAsync(url, body, idempotencyKey, secret, readAnswer: false, cancellationToken);
        return new RunbookCallReply(answer.Succeeded, answer.Status is { } status ? $"HTTP {status}" : answer.Failure!);
    }
}
