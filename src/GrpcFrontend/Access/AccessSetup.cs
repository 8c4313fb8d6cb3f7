using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace IncidentActors.GrpcFrontend.Access;

public static class AccessSetup
{
    private const string Scheme = "IncidentActors";

    /// <summary>People's bearer tokens (an OpenID Connect issuer, or the development issuer) and integration keys.</summary>
    public static IServiceCollection AddIncidentAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section))
            .Validate(o => o.Development.SigningKey is not { Length: > 0 } key || IsStrongSecret(key),
                $"{AuthOptions.Section}:Development:SigningKey must be base64 of at least 32 bytes.")
            .Validate(o => o.SigningKeys.All(k => TryParseKey(k) is not null),
                $"{AuthOptions.Section}:SigningKeys must each be a PEM public key (RSA or EC) or 'base64:' and an HMAC secret of at least 32 bytes.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DevelopmentIssuer>();
        services.AddSingleton<IntegrationKeys>();
        services.AddSingleton<PrincipalResolver>();
        services.AddSingleton<AuditTrail>();
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "a person's token or an integration key", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith(IntegrationKeyAuthentication.Prefix, StringComparison.Ordinal)
                    ? IntegrationKeyAuthentication.SchemeName
                    : JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer()
            .AddScheme<AuthenticationSchemeOptions, IntegrationKeyAuthentication>(IntegrationKeyAuthentication.SchemeName, null);
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>, DevelopmentIssuer>((jwt, options, development) => ConfigureBearer(jwt, options.Value, development));
        return services;
    }

    /// <summary>Authentication for every endpoint, and the development token endpoint when enabled.</summary>
    public static IApplicationBuilder UseIncidentAccess(this IApplicationBuilder app) => app.UseAuthentication();

    public static IEndpointRouteBuilder MapDevelopmentTokens(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetRequiredService<DevelopmentIssuer>().Enabled)
        {
            endpoints.MapPost("/dev/token", (HttpContext context, DevelopmentIssuer issuer, string? sub, string? groups) =>
                context.Connection.RemoteIpAddress is { } address && System.Net.IPAddress.IsLoopback(address)
                    ? Results.Text(issuer.Issue(string.IsNullOrWhiteSpace(sub) ? "admin" : sub,
                        (groups ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
                    : Results.NotFound());
        }
        return endpoints;
    }

    private static void ConfigureBearer(JwtBearerOptions jwt, AuthOptions options, DevelopmentIssuer development)
    {
        jwt.MapInboundClaims = false;
        jwt.Events = new JwtBearerEvents { OnMessageReceived = StatusPages.StatusPageSignIn.TokenFromCookie };
        jwt.Authority = options.Authority;
        jwt.Audience = options.Audience;
        var issuers = new List<string>();
        var keys = options.SigningKeys.Select(k => TryParseKey(k)!).ToList();
        if (options.Issuer is { Length: > 0 } issuer)
        {
            issuers.Add(issuer);
        }
        if (development.Enabled)
        {
            issuers.Add(DevelopmentIssuerOptions.Issuer);
            keys.Add(development.Key);
        }
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuers = issuers,
            ValidAudience = options.Audience,
            IssuerSigningKeys = keys,
            NameClaimType = options.SubjectClaim,
            ClockSkew = TimeSpan.FromMinutes(1),
        };
    }

    private static SecurityKey? TryParseKey(string key)
    {
        const string Symmetric = "base64:";
        if (key.StartsWith(Symmetric, StringComparison.Ordinal))
        {
            return IsStrongSecret(key[Symmetric.Length..]) ? new SymmetricSecurityKey(Convert.FromBase64String(key[Symmetric.Length..])) : null;
        }
        try
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(key);
            return new RsaSecurityKey(rsa);
        }
        catch (ArgumentException)
        {
            try
            {
                var ec = ECDsa.Create();
                ec.ImportFromPem(key);
                return new ECDsaSecurityKey(ec);
            }
            catch (ArgumentException)
            {
                return null;
            }
        }
    }

    private static bool IsStrongSecret(string base64)
    {
        var bytes = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, bytes, out var length) && length >= 32;
    }
}
