using Google.Rpc;
using Grpc.Core;
using Spectre.Console.Cli;

namespace IncidentActors.Cli.Api;

/// <summary>Turns whatever ended a command into one line on standard error and an exit code; never a stack trace.</summary>
internal static class Failures
{
    private const string StatusDetailsTrailer = "grpc-status-details-bin";

    public static int Report(Exception exception, TextWriter error)
    {
        var (code, message) = Describe(exception);
        error.WriteLine($"incidentactors: {message}");
        return code;
    }

    private static (int Code, string Message) Describe(Exception exception) => exception switch
    {
        RpcException rpc => (ExitCodeOf(rpc.StatusCode), $"{StatusName(rpc.StatusCode)}: {rpc.Status.Detail}{Violations(rpc)}"),
        CliFailure failure => (failure.ExitCode, failure.Message),
        CommandAppException usage => (ExitCodes.Usage, usage.Message),
        HttpRequestException http => (ExitCodes.Failed, http.Message),
        _ when exception.InnerException is { } inner => Describe(inner),
        _ => (ExitCodes.Failed, exception.Message),
    };

    private static int ExitCodeOf(StatusCode status) => status switch
    {
        StatusCode.InvalidArgument => ExitCodes.Usage,
        StatusCode.Unauthenticated or StatusCode.PermissionDenied => ExitCodes.Auth,
        StatusCode.NotFound => ExitCodes.NotFound,
        _ => ExitCodes.Failed,
    };

    /// <summary>INVALID_ARGUMENT, as the status is spelled in gRPC's documentation and in grpcurl's output.</summary>
    private static string StatusName(StatusCode status) => CliOutput.SnakeCase(status.ToString()).ToUpperInvariant();

    /// <summary>The fields a google.rpc.BadRequest detail names, e.g. " (summary: is required; source: is required)".</summary>
    private static string Violations(RpcException rpc)
    {
        if (rpc.Trailers.GetValueBytes(StatusDetailsTrailer) is not { } bytes)
        {
            return "";
        }
        var violations = Google.Rpc.Status.Parser.ParseFrom(bytes).Details
            .Where(d => d.Is(BadRequest.Descriptor))
            .SelectMany(d => d.Unpack<BadRequest>().FieldViolations)
            .Select(v => $"{v.Field}: {v.Description}")
            .ToList();
        return violations.Count == 0 ? "" : $" ({string.Join("; ", violations)})";
    }
}
