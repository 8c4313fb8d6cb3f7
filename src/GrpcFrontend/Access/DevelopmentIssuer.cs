using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace IncidentActors.GrpcFrontend.Access;

/// <summary>Signs development tokens; its key is also one the bearer handler accepts, while enabled.</summary>
internal sealed class DevelopmentIssuer(IOptions<AuthOptions> options, TimeProvider clock)
{
    private readonly DevelopmentIssuerOptions _options = options.Value.Development;
    private readonly string _audience = options.Value.Audience;

    public SymmetricSecurityKey Key { get; } = new(options.Value.Development.SigningKey is { Length: > 0 } configured
        ? Convert.FromBase64String(configured)
        : RandomNumberGenerator.GetBytes(32));

    public bool Enabled => _options.Enabled;

    public string Issue(string subject, IEnumerable<string> groups)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object> { ["sub"] = subject };
        if (groups.ToArray() is { Length: > 0 } named)
        {
            claims["groups"] = named;
        }
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = DevelopmentIssuerOptions.Issuer,
            Audience = _audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + _options.TokenLifetime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256),
        });
    }
}
