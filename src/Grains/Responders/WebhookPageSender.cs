using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentActors.Responders;

/// <summary>One attempt to POST a page to a responder's webhook, signed; retrying is the responder grain's business.</summary>
public sealed partial class WebhookPageSender(
    IHttpClientFactory httpClients,
    TimeProvider clock,
    IOptions<WebhookDeliveryOptions> options,
    ILogger<WebhookPageSender> logger)
{
    public const string HttpClientName = "incidentactors-pages";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        // An incident's page carries no "notice" at all rather than a null one.
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public async Task<DeliveryAttempt> SendAsync(WebhookContact contact, Page page, int attempt, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            page.IdempotencyKey,
            page.IncidentId,
            page.ResponderId,
            page.Title,
            Severity = page.Severity.ToString().ToLowerInvariant(),
            page.Level,
            page.Round,
            page.Reason,
            PagedAt = page.PagedAt.ToString("O", CultureInfo.InvariantCulture),
            Attempt = attempt,
            Notice = page.Notice is { } notice ? new
            {
                Kind = notice.Kind == ShiftNoticeKind.OnCall ? "on_call" : "off_call",
                notice.Text,
                notice.RotationId,
                ShiftStart = notice.ShiftStart.ToString("O", CultureInfo.InvariantCulture),
                ShiftEnd = notice.ShiftEnd.ToString("O", CultureInfo.InvariantCulture),
            } : null,
            page.Reminder,
        }, Json);
        return await PostAsync(contact, page.IdempotencyKey, body, attempt, cancellationToken);
    }

    /// <summary>One signed POST of a JSON body through the checked connections; subscriber notices are sent the same way.</summary>
    public async Task<DeliveryAttempt> PostAsync(WebhookContact contact, string idempotencyKey, byte[] body, int attempt, CancellationToken cancellationToken)
    {
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = WebhookSignature.Post(contact.Url, body, idempotencyKey, contact.Secret, timestamp);

        using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attemptTimeout.CancelAfter(options.Value.AttemptTimeout);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, attemptTimeout.Token);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return new DeliveryAttempt(Delivered: true, Retryable: false, status, null);
            }
            var retryable = IsRetryable(response.StatusCode);
            logger.LogWarning("Webhook {Url} answered {Status} to page {IdempotencyKey} (attempt {Attempt}, {Outcome})",
                contact.Url, status, idempotencyKey, attempt, retryable ? "will retry" : "permanent");
            return new DeliveryAttempt(Delivered: false, retryable, status, StatusText(response.StatusCode));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Webhook {Url} did not answer page {IdempotencyKey} within {Timeout} (attempt {Attempt})",
                contact.Url, idempotencyKey, options.Value.AttemptTimeout, attempt);
            return new DeliveryAttempt(Delivered: false, Retryable: true, null, "timed out");
        }
        catch (HttpRequestException e)
        {
            var (error, retryable) = Describe(e);
            logger.LogWarning(e, "Webhook {Url} unreachable for page {IdempotencyKey} (attempt {Attempt}): {Error}", contact.Url, idempotencyKey, attempt, error);
            return new DeliveryAttempt(Delivered: false, retryable, null, error);
        }
    }

    /// <summary>
    /// A failure as its receipt tells it: a fixed text, since responders and API callers read receipts and an exception's
    /// message may name internal addresses. The log keeps the exception.
    /// </summary>
    private static (string Error, bool Retryable) Describe(HttpRequestException failure)
    {
        for (Exception? cause = failure; cause is not null; cause = cause.InnerException)
        {
            switch (cause)
            {
                case WebhookDestinationRefusedException:
                    return ("destination not allowed", false);
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused }:
                    return ("connection refused", true);
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain }:
                    return ("host not found", true);
                case SocketException { SocketErrorCode: SocketError.TimedOut }:
                    return ("timed out", true);
                case AuthenticationException:
                    return ("TLS handshake failed", true);
            }
        }
        return failure.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => ("host not found", true),
            HttpRequestError.SecureConnectionError => ("TLS handshake failed", true),
            HttpRequestError.ConnectionError => ("connection failed", true),
            _ => ("request failed", true),
        };
    }

    /// <summary>"HTTP 503 Service Unavailable": the standard phrase rather than whatever the receiver put there.</summary>
    private static string StatusText(HttpStatusCode status) =>
        Enum.IsDefined(status) ? $"HTTP {(int)status} {WordBoundary().Replace(status.ToString(), " ")}" : $"HTTP {(int)status}";

    [GeneratedRegex("(?<=[a-z])(?=[A-Z])")]
    private static partial Regex WordBoundary();

    /// <summary>Worth another attempt: the receiver is overloaded, rate-limiting or failing, not refusing this page.</summary>
    private static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status is 425 or >= 500;
}
