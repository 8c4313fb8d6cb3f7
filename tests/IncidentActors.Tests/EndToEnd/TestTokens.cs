using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace IncidentActors.Tests.EndToEnd;

/// <summary>The tests' own OpenID Connect issuer: a key the test silos trust, and tokens for any person.</summary>
internal static class TestTokens
{
    public const string Issuer = "https://issuer.incidentactors.test";
    public const string Audience = "incidentactors";
    public const string Admin = "test-admin";

    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    /// <summary>What a silo needs to trust these tokens, with <see cref="Admin"/> as its first org admin.</summary>
    public static IReadOnlyDictionary<string, string?> SiloSettings { get; } = new Dictionary<string, string?>
    {
        ["IncidentActors:Auth:Issuer"] = Issuer,
        ["IncidentActors:Auth:Audience"] = Audience,
        ["IncidentActors:Auth:SigningKeys:0"] = "base64:" + Convert.ToBase64String(Key),
        ["IncidentActors:Auth:OrgAdmins:0"] = Admin,
    };

    public static string For(string subject, IEnumerable<string>? groups = null, string issuer = Issuer, byte[]? key = null,
        DateTime? expires = null, string audience = Audience)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object> { ["sub"] = subject };
        if (groups?.ToArray() is { Length: > 0 } named)
        {
            claims["groups"] = named;
        }
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = (expires ?? now.AddHours(1)).AddHours(-2),
            NotBefore = (expires ?? now.AddHours(1)).AddHours(-2),
            Expires = expires ?? now.AddHours(1),
            Claims = claims,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key ?? Key), SecurityAlgorithms.HmacSha256),
        });
    }
}
