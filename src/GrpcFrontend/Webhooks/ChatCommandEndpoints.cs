using System.Collections.Immutable;
using Google.Protobuf;
using Grpc.Core;
using IncidentActors.Access;
using IncidentActors.Chat;
using IncidentActors.Errors;
using IncidentActors.GrpcFrontend.Access;
using IncidentActors.Incidents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using V1 = IncidentActors.Api.V1;

namespace IncidentActors.GrpcFrontend.Webhooks;

/// <summary>
/// Commands from a unit's chat tool: a signed callback (Slack v0: HMAC over timestamp and body, within five minutes of
/// this server's clock) names a chat user, whom the unit's integration maps to a responder. The command then runs as
/// that responder, through the same access rule as the equivalent gRPC method, the same grain call (so the same
/// timeline entry, by that person) and the same audit entry. Every refusal is a 4xx naming the problem and changes nothing.
/// </summary>
public static class ChatCommandEndpoints
{
    public const string Route = "/v1/webhooks/chat/{businessUnitId}";
    private const int MaxBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapChatCommands(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Route, ReceiveAsync).WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes));
        return endpoints;
    }

    private static async Task<IResult> ReceiveAsync(string businessUnitId, HttpRequest request, IGrainFactory grains, PrincipalResolver principals, AuditTrail audit)
    {
        var http = request.HttpContext;
        var body = await AlertWebhookEndpoints.ReadBoundedAsync(request);
        if (body is null)
        {
            return Answer(StatusCodes.Status413PayloadTooLarge, "payload too large", $"A chat callback may be at most {MaxBodyBytes} bytes.");
        }
        var unit = grains.GetGrain<IUnitChatGrain>(businessUnitId);
        var check = await unit.CheckCallback(request.Headers[ChatCallbackHeaders.Timestamp].ToString(), request.Headers[ChatCallbackHeaders.Signature].ToString(),
            body, http.RequestAborted);
        if (check != ChatCallbackCheck.Valid)
        {
            // An unknown unit's refusal goes to the organisation-wide log: a forged route must not open logs of units that do not exist.
            await audit.RecordHttpAsync(http, check == ChatCallbackCheck.NoIntegration ? null : businessUnitId, null, $"POST {Route}", businessUnitId,
                StatusCode.Unauthenticated);
            return check switch
            {
                ChatCallbackCheck.NoIntegration => HttpRefusals.Unauthenticated(
                    $"Business unit '{businessUnitId}' has no chat integration, so no callback to it is signed; its admins set one with ChatOps/SetChatIntegration."),
                ChatCallbackCheck.StaleTimestamp => HttpRefusals.Unauthenticated(
                    $"Stale or missing timestamp: {ChatCallbackHeaders.Timestamp} must be Unix seconds within {ChatCallbackHeaders.ReplayWindow.TotalMinutes:0} minutes of the server's clock."),
                _ => HttpRefusals.Unauthenticated(
                    $"Bad signature: {ChatCallbackHeaders.Signature} must be v0=<hex HMAC-SHA256 of \"v0:<timestamp>:<body>\"> under the integration's secret."),
            };
        }
        var (command, violations) = ChatCommand.Parse(body);
        if (command is null)
        {
            return Invalid("The chat command is malformed; nothing was applied.", violations);
        }
        // Removed since the check, the integration maps nobody.
        var users = (await unit.Get(http.RequestAborted)).Chat?.Users ?? [];
        if (Mapped(users, command.UserId) is not { } responderId)
        {
            await audit.RecordHttpAsync(http, businessUnitId, null, $"POST {Route}", command.IncidentId, StatusCode.PermissionDenied);
            return HttpRefusals.Forbidden($"Chat user '{command.UserId}' is not mapped to a responder in business unit '{businessUnitId}'; nothing was applied.");
        }
        string? assignee = null;
        if (command.Verb == ChatVerb.Assign && (assignee = Mapped(users, command.Assignee!)) is null)
        {
            return Invalid("The chat command is malformed; nothing was applied.",
                [new FieldViolation("assignee", $"chat user '{command.Assignee}' is not mapped to a responder in business unit '{businessUnitId}'.")]);
        }
        var principal = await principals.ResolvePersonAsync(responderId, [], http.RequestAborted);
        var (method, wire) = Equivalent(command, assignee);
        var operation = $"/{method.Service.FullName}/{method.Name}";
        var rule = AccessTable.For(operation)!;
        if (!rule.Admits(principal, wire))
        {
            await audit.RecordHttpAsync(http, businessUnitId, principal, operation, command.IncidentId, StatusCode.PermissionDenied);
            return HttpRefusals.Forbidden($"{principal.Id} may not call {operation}: it needs one of {string.Join(", ", rule.Roles)}.");
        }
        new AccessTicket(principal, rule.Roles, operation, $"chat {http.Connection.RemoteIpAddress}:{http.Connection.RemotePort}").Attach();
        var incident = grains.GetGrain<IIncidentGrain>(command.IncidentId);
        var (status, result) = await RunAsync(async () =>
        {
            // Only this unit's integration speaks for this unit's incidents.
            if ((await incident.Summarize(http.RequestAborted)).BusinessUnitId != businessUnitId)
            {
                throw new ResourceNotFoundException("Incident", command.IncidentId);
            }
            var action = new ResponderAction(principal.Id, command.Verb is ChatVerb.Update ? null : command.Text);
            var view = command.Verb switch
            {
                ChatVerb.Acknowledge => await incident.Acknowledge(action, http.RequestAborted),
                ChatVerb.Resolve => await incident.Resolve(action, http.RequestAborted),
                ChatVerb.Update => await incident.AddNote(command.Text!, action, http.RequestAborted),
                _ => await incident.AssignRole(command.Role!.Value, assignee!, action, http.RequestAborted),
            };
            return Results.Ok(new { status = "ok", message = $"{Done(command.Verb)} by {principal.Id}.", incident_id = view.Id, incident_status = view.Status.ToString().ToLowerInvariant() });
        });
        AccessTicket.Detach();
        await audit.RecordHttpAsync(http, businessUnitId, principal, operation, command.IncidentId, status);
        return result;
    }

    private static string? Mapped(ImmutableArray<ChatUser> users, string chatUserId) => users.FirstOrDefault(u => u.ChatUserId == chatUserId)?.ResponderId;

    /// <summary>The gRPC method the command stands for, and its request as the access rule reads it.</summary>
    private static (Google.Protobuf.Reflection.MethodDescriptor Method, IMessage Request) Equivalent(ChatCommand command, string? assignee)
    {
        var incidents = V1.Incidents.Descriptor;
        return command.Verb switch
        {
            ChatVerb.Acknowledge => (incidents.FindMethodByName("AcknowledgeIncident"), new V1.AcknowledgeIncidentRequest { Id = command.IncidentId }),
            ChatVerb.Resolve => (incidents.FindMethodByName("ResolveIncident"), new V1.ResolveIncidentRequest { Id = command.IncidentId }),
            ChatVerb.Update => (incidents.FindMethodByName("AddNote"), new V1.AddNoteRequest { Id = command.IncidentId, Text = command.Text }),
            _ => (incidents.FindMethodByName("AssignRole"), new V1.AssignRoleRequest { Id = command.IncidentId, AssigneeId = assignee }),
        };
    }

    /// <summary>The grain's refusals as the gRPC call would report them, in HTTP: what the caller can act on, and nothing applied.</summary>
    private static async Task<(StatusCode Status, IResult Result)> RunAsync(Func<Task<IResult>> act)
    {
        try
        {
            return (StatusCode.OK, await act());
        }
        catch (InvalidRequestException e)
        {
            return (StatusCode.InvalidArgument, Invalid(e.Message, e.Violations));
        }
        catch (ResourceNotFoundException e)
        {
            return (StatusCode.NotFound, Answer(StatusCodes.Status404NotFound, "not found", $"{e.Message} Check the incident id; nothing was applied."));
        }
        catch (PermissionDeniedException e)
        {
            return (StatusCode.PermissionDenied, HttpRefusals.Forbidden(e.Message));
        }
        catch (IllegalTransitionException e)
        {
            return (StatusCode.FailedPrecondition, Answer(StatusCodes.Status409Conflict, "conflict", e.Message));
        }
    }

    private static string Done(ChatVerb verb) => verb switch
    {
        ChatVerb.Acknowledge => "Acknowledged",
        ChatVerb.Resolve => "Resolved",
        ChatVerb.Update => "Update posted",
        _ => "Role assigned",
    };

    private static IResult Invalid(string message, ImmutableArray<FieldViolation> violations) =>
        Results.Json(new { status = "invalid command", message, errors = violations.Select(v => new { field = v.Field, description = v.Description }) },
            statusCode: StatusCodes.Status400BadRequest);

    private static IResult Answer(int statusCode, string status, string message) => Results.Json(new { status, message }, statusCode: statusCode);
}
