using IncidentActors.Errors;

namespace IncidentActors.GrpcFrontend.Services;

internal static class RequestIds
{
    /// <summary>As long as the domain lets an id be; a grain key also becomes a storage key, which is bounded.</summary>
    public const int MaxLength = 255;

    /// <summary>A grain key must be a usable id before a grain can be addressed; the grain checks everything else.</summary>
    public static string Require(string field, string value) =>
        Problem(value) is { } problem ? throw new InvalidRequestException(field, problem) : value;

    /// <summary>Why a value cannot be an id, or null.</summary>
    public static string? Problem(string? value) => value switch
    {
        null or "" => "is required.",
        { Length: > MaxLength } => $"is {value.Length} characters; at most {MaxLength}.",
        _ when value.Any(char.IsControl) || value.Trim().Length != value.Length => "must not contain control characters or leading/trailing blanks.",
        _ => null,
    };
}
