using Grpc.Core;
using IncidentActors.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentActors.GrpcFrontend.Access;

/// <summary>
/// The door for operators' HTTP endpoints, the metrics scrape: people holding an organisation-wide org admin or auditor
/// grant. The token was checked by the authentication every request passes; this decides on the principal it names.
/// </summary>
public static class OperatorAccess
{
    /// <summary>In a branch ahead of the endpoint: answers 401 to an unknown caller and 403 to one without the role.</summary>
    public static IApplicationBuilder UseOperatorAccess(this IApplicationBuilder branch) =>
        branch.Use(async (http, next) =>
        {
            var principal = await http.RequestServices.GetRequiredService<PrincipalResolver>().ResolveAsync(http.User, http.RequestAborted);
            if (Refusal(principal) is { } refusal)
            {
                await http.RequestServices.GetRequiredService<AuditTrail>().RecordRefusalAsync(http, principal, "",
                    principal is null ? StatusCode.Unauthenticated : StatusCode.PermissionDenied);
                await refusal.ExecuteAsync(http);
                return;
            }
            await next(http);
        });

    /// <summary>Null when the caller may go on.</summary>
    internal static IResult? Refusal(Principal? principal) =>
        principal is null
            ? HttpRefusals.Unauthenticated("Send a person's token as 'Authorization: Bearer <token>' (Prometheus: authorization.credentials_file).")
            : principal.Holds(AccessTable.Audit, null)
                ? null
                : HttpRefusals.Forbidden($"{principal.Id} may not read metrics: that needs an organisation-wide org admin or auditor grant.");
}
