using System.Collections.Immutable;
using System.Text.Json;
using IncidentActors.Alerts;
using IncidentActors.Errors;
using IncidentActors.GrpcFrontend.Access;
using IncidentActors.GrpcFrontend.Services;
using IncidentActors.Services;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace IncidentActors.GrpcFrontend.Webhooks;

/// <summary>
/// Alerts over plain HTTP. A body is mapped whole before it goes to its service, which checks every alert
/// against the intake limits before applying any, so a bad payload changes nothing; a success reply means
/// every alert is stored.
/// </summary>
public static class AlertWebhookEndpoints
{
    public const int MaxBodyBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapAlertWebhooks(this IEndpointRouteBuilder endpoints)
    {
        // Kestrel refuses a longer body as it arrives, before the endpoint reads it.
        var bodyLimit = new RequestSizeLimitAttribute(MaxBodyBytes);
        endpoints.MapPost("/v1/webhooks/alertmanager/{serviceId}", ReceiveAlertmanagerAsync).WithMetadata(bodyLimit);
        endpoints.MapPost("/v1/events/enqueue", ReceiveEventAsync).WithMetadata(bodyLimit);
        return endpoints;
    }

    /// <summary>
    /// The notification goes to the service whole: by default its group is one incident and the reply is that
    /// incident's outcome (<c>group</c>); a service taking Alertmanager alerts one by one gets them in one batch
    /// and the reply lists each alert's outcome. When the rate limit refuses a batch's tail, the reply is 429
    /// with Retry-After and the outcomes of the alerts applied: Alertmanager then sends the whole notification
    /// again, and the applied alerts count as repeats.
    /// </summary>
    private static async Task<IResult> ReceiveAlertmanagerAsync(string serviceId, HttpRequest request, IGrainFactory grains, PrincipalResolver principals)
    {
        var (ticket, refusal) = await WebhookAccess.AdmitAsync(request.HttpContext, principals, serviceId);
        if (refusal is not null)
        {
            return refusal;
        }
        ticket!.Attach();
        return await ReceiveAsync(request, root => AlertmanagerPayload.Parse(root, serviceId), async parsed =>
        {
            var (batch, oneIncident) = await grains.GetGrain<IServiceGrain>(serviceId).IngestGroup(parsed.Group!, request.HttpContext.RequestAborted);
            if (oneIncident)
            {
                var group = batch.Accepted[0];
                return Results.Ok(new { group = new { dedupKey = group.DedupKey, disposition = Name(group.Disposition), incidentId = group.IncidentId, status = Status(group), alertCount = group.AlertCount } });
            }
            var outcomes = batch.Accepted.Select(outcome => new
            {
                fingerprint = outcome.DedupKey,
                disposition = Name(outcome.Disposition),
                incidentId = outcome.IncidentId,
                status = Status(outcome),
                alertCount = outcome.AlertCount,
            });
            if (batch.RetryAfter is { } retryAfter)
            {
                SetRetryAfter(request, retryAfter);
                return Results.Json(new { status = "rate limited", message = $"{batch.Accepted.Length} of {parsed.Events.Length} alerts were applied; send the rest later.", alerts = outcomes },
                    statusCode: StatusCodes.Status429TooManyRequests);
            }
            return Results.Ok(new { alerts = outcomes });
        });
    }

    /// <summary>The routing_key is an integration key of exactly one service, as in PagerDuty: it names the service and authenticates the sender.</summary>
    private static async Task<IResult> ReceiveEventAsync(HttpRequest request, IGrainFactory grains, IntegrationKeys keys)
    {
        return await ReceiveAsync(request, EventsV2Payload.Parse, async parsed =>
        {
            var routed = parsed.Events.Single();
            var key = await keys.AuthenticateAsync(routed.ServiceId, request.HttpContext.RequestAborted);
            if (key is not { ServiceIds.Length: 1 })
            {
                await WebhookAccess.RefuseUnknownKeyAsync(request.HttpContext);
                return Invalid("The routing_key is not a valid integration key of one service; nothing was applied.",
                    [new FieldViolation("routing_key", "must be an integration key issued for exactly one service.")]);
            }
            var alert = routed with { ServiceId = key.ServiceIds[0] };
            var (ticket, refusal) = await WebhookAccess.AdmitAsync(request.HttpContext, IntegrationKeys.ToPrincipal(key), alert.ServiceId);
            if (refusal is not null)
            {
                return refusal;
            }
            ticket!.Attach();
            var outcome = await grains.GetGrain<IServiceGrain>(alert.ServiceId).Ingest(alert, request.HttpContext.RequestAborted);
            return Results.Json(new
            {
                status = "success",
                message = "Event processed",
                dedup_key = outcome.DedupKey,
                incident_id = outcome.IncidentId,
                disposition = Name(outcome.Disposition),
            }, statusCode: StatusCodes.Status202Accepted);
        });
    }

    private static async Task<IResult> ReceiveAsync(HttpRequest request, Func<JsonElement, WebhookParse> parse, Func<WebhookParse, Task<IResult>> apply)
    {
        if (!request.HasJsonContentType())
        {
            return Error(StatusCodes.Status415UnsupportedMediaType, "unsupported media type", $"Send the body as application/json, not '{request.ContentType}'.");
        }
        if (request.ContentLength > MaxBodyBytes)
        {
            return TooLarge();
        }
        var body = await ReadBoundedAsync(request);
        if (body is null)
        {
            return TooLarge();
        }
        var parsed = Read(body, parse);
        if (!parsed.IsValid)
        {
            return Invalid("The event is malformed; nothing was applied.", parsed.Violations);
        }
        try
        {
            return await apply(parsed);
        }
        catch (InvalidRequestException e)
        {
            return Invalid(e.Message, e.Violations);
        }
        catch (RateLimitedException e)
        {
            SetRetryAfter(request, e.RetryAfter);
            return Error(StatusCodes.Status429TooManyRequests, "rate limited", e.Message);
        }
        catch (ResourceNotFoundException e)
        {
            return Error(StatusCodes.Status404NotFound, "not found", $"{e.Message} Register the service first, or check the URL or routing_key.");
        }
        catch (IllegalTransitionException e)
        {
            return Error(StatusCodes.Status409Conflict, "conflict", e.Message);
        }
    }

    /// <summary>
    /// A body as its integration's events, or every reason it cannot be: a parse answers any input, so that no body
    /// causes a server error.
    /// </summary>
    internal static WebhookParse Read(ReadOnlyMemory<byte> body, Func<JsonElement, WebhookParse> parse)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            return new([], [new("", $"is not valid JSON: {e.Message}")]);
        }
        using (document)
        {
            var malformed = JsonBodyChecks.Find(document.RootElement);
            return malformed.IsEmpty ? parse(document.RootElement) : new([], malformed);
        }
    }

    /// <summary>The body, or null when it is larger than a webhook may be (checked here, and by Kestrel's body limit).</summary>
    internal static async Task<byte[]?> ReadBoundedAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        try
        {
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    return null;
                }
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        return buffer.ToArray();
    }

    private static void SetRetryAfter(HttpRequest request, TimeSpan retryAfter) =>
        request.HttpContext.Response.Headers.RetryAfter = DomainErrorInterceptor.RetryAfterSeconds(retryAfter);

    private static string? Status(AlertOutcome outcome) => outcome.Status?.ToString().ToLowerInvariant();

    private static string Name(AlertDisposition disposition) => disposition switch
    {
        AlertDisposition.Opened => "opened",
        AlertDisposition.Deduplicated => "deduplicated",
        AlertDisposition.Acknowledged => "acknowledged",
        AlertDisposition.Resolved => "resolved",
        AlertDisposition.Pending => "pending",
        AlertDisposition.Grouped => "grouped",
        AlertDisposition.Symptom => "symptom",
        AlertDisposition.Suppressed => "suppressed",
        _ => "no_open_incident",
    };

    private static IResult Invalid(string message, ImmutableArray<FieldViolation> violations) =>
        Results.Json(new
        {
            status = "invalid event",
            message,
            errors = violations.Select(v => new { field = v.Field, description = v.Description }),
        }, statusCode: StatusCodes.Status400BadRequest);

    private static IResult TooLarge() =>
        Error(StatusCodes.Status413PayloadTooLarge, "payload too large", $"A webhook body may be at most {MaxBodyBytes} bytes; send fewer alerts per request.");

    private static IResult Error(int statusCode, string status, string message) =>
        Results.Json(new { status, message }, statusCode: statusCode);
}
