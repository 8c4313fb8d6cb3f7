using IncidentActors.Access;
using Microsoft.AspNetCore.Http;

namespace IncidentActors.GrpcFrontend.Access;

/// <summary>The door for alert webhooks: an integration key (or an admin's token) that reaches the service.</summary>
internal static class WebhookAccess
{
    /// <summary>The ticket to attach, or the refusal to answer: 401 for an unknown caller, 403 for one that may not send here.</summary>
    public static async Task<(AccessTicket? Ticket, IResult? Refusal)> AdmitAsync(HttpContext http, PrincipalResolver principals, string serviceId)
    {
        var principal = await principals.ResolveAsync(http.User, http.RequestAborted);
        return principal is null
            ? (null, HttpRefusals.Unauthenticated("Send an integration key as 'Authorization: Bearer <key>' (Alertmanager: http_config.authorization.credentials)."))
            : Admit(principal, serviceId);
    }

    public static (AccessTicket? Ticket, IResult? Refusal) Admit(Principal principal, string serviceId) =>
        principal.HoldsAnywhere(AccessTable.Intake) && principal.Reaches(serviceId)
            ? (new AccessTicket(principal, AccessTable.Intake), null)
            : (null, HttpRefusals.Forbidden($"{principal.Id} may not send alerts to {serviceId}."));
}
