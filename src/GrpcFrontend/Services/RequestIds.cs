using IncidentActors.Errors;

namespace IncidentActors.GrpcFrontend.Services;

internal static class RequestIds
{
    /// <summary>A grain key must be given before a grain can be addressed; the grain checks everything else.</summary>
    public static string Require(string field, string value) =>
        value.Length > 0 ? value : throw new InvalidRequestException(field, "is required.");
}
