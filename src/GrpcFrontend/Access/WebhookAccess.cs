using Grpc.Core;
using IncidentActors.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentActors.GrpcFrontend.Access;

/// <summary>The door for alert webhooks: an integration key (or an admin's token) that reaches the service. Refusals are audited.</summary>
internal static class WebhookAccess
{
    /// <summary>The ticket to attach, or the refusal to answer: 401 for an unknown caller, 403 for one that may not send here.</summary>
    public static async Task<(AccessTicket? Ticket, IResult? Refusal)> AdmitAsync(HttpContext http, PrincipalResolver principals, string serviceId)
    {
        var principal = await principals.ResolveAsync(http.User, http.RequestAborted);
        if (principal is null)
        {
            await Audit(http).RecordRefusalAsync(http, null, serviceId, StatusCode.Unauthenticated);
            return (null, HttpRefusals.Unauthenticated("Send an integration key as 'Authorization: Bearer <key>' (Alertmanager: http_config.authorization.credentials)."));
        }
        return await AdmitAsync(http, principal, serviceId);
    }

    public static async Task<(AccessTicket? Ticket, IResult? Refusal)> AdmitAsync(HttpContext http, Principal principal, string serviceId)
    {
        if (principal.HoldsAnywhere(AccessTable.Intake) && principal.Reaches(serviceId))
        {
            return (new AccessTicket(principal, AccessTable.Intake), null);
        }
        await Audit(http).RecordRefusalAsync(http, principal, serviceId, StatusCode.PermissionDenied);
        return (null, HttpRefusals.Forbidden($"{principal.Id} may not send alerts to {serviceId}."));
    }

    /// <summary>A routing key that is no integration key of one service: a failed authentication, audited as one.</summary>
    public static Task RefuseUnknownKeyAsync(HttpContext http) => Audit(http).RecordRefusalAsync(http, null, "", StatusCode.Unauthenticated);

    private static AuditTrail Audit(HttpContext http) => http.RequestServices.GetRequiredService<AuditTrail>();
}
