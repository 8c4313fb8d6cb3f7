namespace IncidentActors.Cli.Api;

/// <summary>A failure the tool detects itself (no token, no development issuer), with the exit code it ends with.</summary>
internal sealed class CliFailure(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
