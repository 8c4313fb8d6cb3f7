using Grpc.Core;
using IncidentActors.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentActors.GrpcFrontend.Access;

/// <summary>
/// The doors for HTTP endpoints that libraries map (the metrics scrape, the OpenAPI document, the Orleans Dashboard), which
/// the gRPC access table cannot reach. The token was checked by the authentication every request passes; a door decides
/// on the principal it names.
/// </summary>
public static class OperatorAccess
{
    /// <summary>In a branch ahead of the endpoint: answers 401 to an unknown caller and 403 to one without the role.</summary>
    public static IApplicationBuilder UseOperatorAccess(this IApplicationBuilder branch) => branch.UseDoor(Refusal);

    /// <summary>
    /// Requests under <paramref name="path"/> pass the door; with <paramref name="openOnLoopback"/> (in Development), callers on
    /// this machine need none, so that a browser there reaches it without a token.
    /// </summary>
    public static IApplicationBuilder UseDoorAt(this IApplicationBuilder app, PathString path, Func<Principal?, IResult?> refusal, bool openOnLoopback) =>
        app.UseWhen(http => http.Request.Path.StartsWithSegments(path)
                && !(openOnLoopback && http.Connection.RemoteIpAddress is { } address && System.Net.IPAddress.IsLoopback(address)),
            branch => branch.UseDoor(refusal));

    /// <summary>In a branch ahead of endpoints: the refusal for the caller, audited, or on to the endpoint when there is none.</summary>
    public static IApplicationBuilder UseDoor(this IApplicationBuilder branch, Func<Principal?, IResult?> refusal) =>
        branch.Use(async (http, next) =>
        {
            var principal = await http.RequestServices.GetRequiredService<PrincipalResolver>().ResolveAsync(http.User, http.RequestAborted);
            if (refusal(principal) is { } refused)
            {
                await http.RequestServices.GetRequiredService<AuditTrail>().RecordRefusalAsync(http, principal, "",
                    principal is null ? StatusCode.Unauthenticated : StatusCode.PermissionDenied);
                await refused.ExecuteAsync(http);
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

    /// <summary>Describing the API, as reflection does: any authenticated caller.</summary>
    public static IResult? DocumentRefusal(Principal? principal) =>
        principal is null ? HttpRefusals.Unauthenticated("Send a person's token or an integration key as 'Authorization: Bearer <token>'.") : null;

    /// <summary>The Orleans Dashboard shows every grain of the cluster: organisation-wide org admins only.</summary>
    public static IResult? DashboardRefusal(Principal? principal) =>
        principal is null
            ? HttpRefusals.Unauthenticated("Send an org admin's token as 'Authorization: Bearer <token>'.")
            : principal.Holds(AccessTable.OrgAdmin, null)
                ? null
                : HttpRefusals.Forbidden($"{principal.Id} may not open the Orleans Dashboard: that needs an organisation-wide org admin grant.");
}
