using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using IncidentActors.BusinessUnits;
using IncidentActors.Responders;

namespace IncidentActors.Incidents;

/// <summary>
/// Delivers a report to the regulator's endpoint: a JSON POST signed as page webhooks are
/// (<see cref="WebhookSignature"/>), through the same connection checks (public hosts only unless allow-listed), with an
/// <c>Idempotency-Key</c> of incident, clock and text hash so that a retried submission is recognised. The receiver may
/// answer a JSON object with its <c>reference</c>, which the evidence keeps. One attempt; an owner submits again.
/// </summary>
internal sealed class RegulatorReports(SignedWebhookPoster poster, WebhookSecrets secrets, TimeProvider clock)
{
    public static byte[] Payload(string incidentId, RegulatoryClock report, string text, string sha256, string submittedBy, string approvedBy,
        DateTimeOffset submittedAt) => JsonSerializer.SerializeToUtf8Bytes(new JsonObject
    {
        ["incident_id"] = incidentId,
        ["tag"] = report.Tag,
        ["report"] = report.Name,
        ["clock"] = report.Number,
        ["due"] = report.Due?.ToString("O", CultureInfo.InvariantCulture),
        ["text"] = text,
        ["sha256"] = sha256,
        ["submitted_by"] = submittedBy,
        ["approved_by"] = approvedBy,
        ["submitted_at"] = submittedAt.ToString("O", CultureInfo.InvariantCulture),
    });

    public static string IdempotencyKey(string incidentId, int clockNumber, string sha256) => $"{incidentId}/regulatory/{clockNumber}/{sha256[..16]}";

    public async Task<RegulatorDelivery> SendAsync(RegulatorEndpoint endpoint, string idempotencyKey, byte[] body, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (secrets.Unprotect(endpoint.Secret) is not { } secret)
        {
            return new RegulatorDelivery(false, now, null, null, "regulator endpoint secret unreadable");
        }
        var answer = await poster.PostAsync(endpoint.Url, body, idempotencyKey, secret, readAnswer: true, cancellationToken);
        return answer switch
        {
            { Status: null } => new RegulatorDelivery(false, now, null, null, answer.Failure),
            { Succeeded: false, Status: var status } => new RegulatorDelivery(false, now, status, null, $"HTTP {status}"),
            _ => new RegulatorDelivery(true, now, answer.Status, Reference(answer.Body!), null),
        };
    }

    /// <summary>The receiver's reference from a JSON object answer; null when it answered none, which still counts as delivered.</summary>
    public static string? Reference(string body)
    {
        try
        {
            return JsonNode.Parse(body) is JsonObject { } reply && reply["reference"] is JsonValue value && value.TryGetValue<string>(out var reference)
                ? reference[..Math.Min(reference.Length, 255)]
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
