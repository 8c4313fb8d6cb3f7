using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text.Encodings.Web;
using IncidentActors.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentActors.GrpcFrontend.Access;

/// <summary>
/// Authenticates "authorization: Bearer iak.…" integration keys. A key checked in the last few seconds is taken from
/// memory, so that alert intake does not ask the key's grain on every alert; revoking through this frontend evicts it
/// at once, through another within <see cref="CacheFor"/>.
/// </summary>
internal sealed class IntegrationKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IntegrationKeys keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "IntegrationKey";
    public const string Prefix = "Bearer iak.";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return AuthenticateResult.NoResult();
        }
        var key = await keys.AuthenticateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        return key is null
            ? AuthenticateResult.Fail("Unknown, revoked or expired integration key.")
            : AuthenticateResult.Success(new AuthenticationTicket(IntegrationKeys.ToClaims(key), SchemeName));
    }
}

/// <summary>Integration keys as the frontend checks them, with a short memory of keys found valid.</summary>
internal sealed class IntegrationKeys(IGrainFactory grains, TimeProvider clock)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    public const string KeyIdClaim = "iak";
    public const string UnitClaim = "iak_unit";
    public const string ServiceClaim = "iak_service";

    private readonly ConcurrentDictionary<string, (IntegrationKeyView Key, DateTimeOffset Until)> _valid = new(StringComparer.Ordinal);

    public async Task<IntegrationKeyView?> AuthenticateAsync(string secret, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_valid.TryGetValue(secret, out var known) && known.Until > now)
        {
            return known.Key;
        }
        var key = await grains.GetGrain<IIntegrationAccessGrain>(0).Authenticate(secret, cancellationToken);
        if (key is null)
        {
            _valid.TryRemove(secret, out _);
            return null;
        }
        if (_valid.Count > 10_000)
        {
            _valid.Clear();
        }
        _valid[secret] = (key, now + CacheFor);
        return key;
    }

    public void Forget(string keyId)
    {
        foreach (var (secret, entry) in _valid)
        {
            if (entry.Key.Id == keyId)
            {
                _valid.TryRemove(secret, out _);
            }
        }
    }

    public static Principal ToPrincipal(IntegrationKeyView key) =>
        new(key.Id, PrincipalKind.Integration, [new RoleGrant(Role.Integration, key.BusinessUnitId)], [], key.ServiceIds);

    public static ClaimsPrincipal ToClaims(IntegrationKeyView key) => new(new ClaimsIdentity(
        [
            new Claim(KeyIdClaim, key.Id),
            new Claim(UnitClaim, key.BusinessUnitId),
            .. key.ServiceIds.Select(service => new Claim(ServiceClaim, service)),
        ], IntegrationKeyAuthentication.SchemeName));
}
