namespace IncidentActors.GrpcFrontend.Access;

/// <summary>How callers authenticate. Section <c>IncidentActors:Auth</c>.</summary>
public sealed class AuthOptions
{
    public const string Section = "IncidentActors:Auth";

    /// <summary>An OpenID Connect authority whose discovery document gives issuer and signing keys (Entra ID, Keycloak, …).</summary>
    public string? Authority { get; set; }

    /// <summary>The issuer of people's tokens when no authority is given (with <see cref="SigningKeys"/>).</summary>
    public string? Issuer { get; set; }

    public string Audience { get; set; } = "incidentactors";

    /// <summary>Keys that sign people's tokens: PEM public keys (RSA or EC), or "base64:" followed by an HMAC secret.</summary>
    public List<string> SigningKeys { get; set; } = [];

    /// <summary>The claim holding the person's id, which is their responder id.</summary>
    public string SubjectClaim { get; set; } = "sub";

    /// <summary>The claim listing the person's groups, which restricted incidents may name.</summary>
    public string GroupsClaim { get; set; } = "groups";

    /// <summary>People who are org admins whatever their grants say: how a new deployment gets its first admin.</summary>
    public List<string> OrgAdmins { get; set; } = [];

    /// <summary>How often an open watch stream checks its caller's grants and groups again, as changes arrive.</summary>
    public TimeSpan StreamGrantsRefresh { get; set; } = TimeSpan.FromSeconds(30);

    public DevelopmentIssuerOptions Development { get; set; } = new();
}

/// <summary>
/// A token issuer for development: <c>POST /dev/token?sub=&lt;id&gt;</c> on the HTTP port, answered to loopback
/// callers only. Off unless enabled.
/// </summary>
public sealed class DevelopmentIssuerOptions
{
    public const string Issuer = "incidentactors-dev";

    public bool Enabled { get; set; }

    /// <summary>Base64 HMAC secret, at least 32 bytes; a random one per process when empty (tokens then end with it).</summary>
    public string? SigningKey { get; set; }

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(12);
}
