using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Security.Claims;
using IncidentActors.Access;
using Microsoft.Extensions.Options;

namespace IncidentActors.GrpcFrontend.Access;

/// <summary>Turns an authenticated request's claims into the principal its calls act as, with the grants it holds now.</summary>
internal sealed class PrincipalResolver(IGrainFactory grains, IOptions<AuthOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan RecordUseEvery = TimeSpan.FromMinutes(10);

    private readonly AuthOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _useRecorded = new(StringComparer.Ordinal);

    /// <summary>Null for a caller that did not authenticate.</summary>
    public async Task<Principal?> ResolveAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return null;
        }
        if (user.FindFirst(IntegrationKeys.KeyIdClaim)?.Value is { } keyId)
        {
            return new Principal(keyId, PrincipalKind.Integration, [new RoleGrant(Role.Integration, user.FindFirst(IntegrationKeys.UnitClaim)!.Value)],
                [], [.. user.FindAll(IntegrationKeys.ServiceClaim).Select(c => c.Value)]);
        }
        if (user.FindFirst(_options.SubjectClaim)?.Value is not { Length: > 0 } id)
        {
            return null;
        }
        return await ResolvePersonAsync(id, [.. user.FindAll(_options.GroupsClaim).Select(c => c.Value).Distinct()], cancellationToken);
    }

    /// <summary>
    /// A person with the grants they hold now: one a token names, or one an integration vouches for (a chat tool's mapped
    /// user), who then acts with exactly that person's rights.
    /// </summary>
    public async Task<Principal> ResolvePersonAsync(string id, ImmutableArray<string> groups, CancellationToken cancellationToken)
    {
        var grantsGrain = grains.GetGrain<IAccessGrantsGrain>(id);
        var held = await grantsGrain.Get(cancellationToken);
        var grants = _options.OrgAdmins.Contains(id, StringComparer.Ordinal) ? held.Grants.Add(new RoleGrant(Role.OrgAdmin, null)) : held.Grants;
        await RecordUseAsync(grantsGrain, id, cancellationToken);
        return new Principal(id, PrincipalKind.Person, grants, groups, []);
    }

    private async Task RecordUseAsync(IAccessGrantsGrain grantsGrain, string id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_useRecorded.TryGetValue(id, out var last) && now - last < RecordUseEvery)
        {
            return;
        }
        _useRecorded[id] = now;
        await grantsGrain.RecordUse(now, cancellationToken);
    }
}
