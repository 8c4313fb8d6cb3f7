namespace IncidentActors.Cli.Api;

/// <summary>The tool's exit codes, so scripts can tell a typo from a missing grant from a missing incident.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Anything else: the cluster unreachable, an illegal transition, a server failure.</summary>
    public const int Failed = 1;

    /// <summary>Bad arguments: refused by the tool itself or by the server (INVALID_ARGUMENT).</summary>
    public const int Usage = 2;

    /// <summary>No token, a token the server does not accept (UNAUTHENTICATED), or a missing role (PERMISSION_DENIED).</summary>
    public const int Auth = 3;

    /// <summary>The id names nothing the caller may see (NOT_FOUND).</summary>
    public const int NotFound = 4;
}
