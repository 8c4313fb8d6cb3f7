using Microsoft.AspNetCore.Http;

namespace IncidentActors.GrpcFrontend.Access;

/// <summary>The answers of HTTP endpoints' doors, the same shape on each: a status word and what to do about it.</summary>
internal static class HttpRefusals
{
    public static IResult Unauthenticated(string message) =>
        Results.Json(new { status = "unauthenticated", message }, statusCode: StatusCodes.Status401Unauthorized);

    public static IResult Forbidden(string message) =>
        Results.Json(new { status = "forbidden", message }, statusCode: StatusCodes.Status403Forbidden);
}
