using IncidentActors.Incidents;
using IncidentActors.Responders;

namespace IncidentActors.Chat;

/// <summary>
/// One attempt to open a war room: the <see cref="WarRoomPayload"/> POSTed to the unit's provisioning webhook, signed
/// as page webhooks are, through the same connection checks (public hosts only, no proxy, no redirects). Retrying is
/// the war-room grain's business. No answer, a 408, 425, 429 or 5xx is worth retrying; another refusal is not.
/// </summary>
internal sealed class WarRoomSender(SignedWebhookPoster poster)
{
    public async Task<WarRoomReply> SendAsync(WarRoomWebhook webhook, string secret, IncidentView incident, CancellationToken cancellationToken)
    {
        var answer = await poster.PostAsync(webhook.Url, WarRoomPayload.Body(incident), WarRoomPayload.IdempotencyKey(incident.Id), secret,
            readAnswer: true, cancellationToken);
        return answer switch
        {
            { Status: null } => new WarRoomReply(null, null, answer.Failure, Retryable: true),
            { Succeeded: false, Status: var status } => new WarRoomReply(null, null, $"HTTP {status}", Retryable: status is 408 or 425 or 429 or >= 500),
            _ => WarRoomPayload.Read(answer.Body!, answer.Status.Value),
        };
    }
}
