using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using IncidentActors.Access;
using IncidentActors.Errors;
using IncidentActors.GrpcFrontend.Access;
using V1 = IncidentActors.Api.V1;

namespace IncidentActors.GrpcFrontend.Services;

internal sealed class AccessService(IGrainFactory grains, IntegrationKeys keys, TimeProvider clock) : V1.Access.AccessBase
{
    public override Task<V1.Principal> WhoAmI(V1.WhoAmIRequest request, ServerCallContext context)
    {
        var principal = AccessInterceptor.Caller(context);
        return Task.FromResult(new V1.Principal
        {
            Id = principal.Id,
            Kind = principal.Kind == PrincipalKind.Person ? V1.PrincipalKind.Person : V1.PrincipalKind.Integration,
            Grants = { principal.Grants.Select(ToWire) },
            Groups = { principal.Groups },
        });
    }

    public override async Task<V1.PrincipalGrants> GrantRole(V1.RoleGrantRequest request, ServerCallContext context) =>
        ToWire(await Grants(request.PrincipalId).Grant(ToDomain(request.Grant), context.CancellationToken));

    public override async Task<V1.PrincipalGrants> RevokeRole(V1.RoleGrantRequest request, ServerCallContext context) =>
        ToWire(await Grants(request.PrincipalId).Revoke(ToDomain(request.Grant), context.CancellationToken));

    public override async Task<V1.PrincipalGrants> GetGrants(V1.GetGrantsRequest request, ServerCallContext context) =>
        ToWire(await Grants(request.PrincipalId).Get(context.CancellationToken));

    public override async Task<V1.ListUnitGrantsResponse> ListUnitGrants(V1.ListUnitGrantsRequest request, ServerCallContext context)
    {
        if (request.UnusedForDays < 0)
        {
            throw new InvalidRequestException("unused_for_days", "must not be negative.");
        }
        var unit = RequestIds.Require("business_unit_id", request.BusinessUnitId);
        var principals = await grains.GetGrain<IUnitAccessGrain>(unit).Principals(context.CancellationToken);
        var held = await Task.WhenAll(principals.Select(id => grains.GetGrain<IAccessGrantsGrain>(id).Get(context.CancellationToken)));
        var unusedSince = clock.GetUtcNow().AddDays(-request.UnusedForDays);
        return new V1.ListUnitGrantsResponse
        {
            Principals =
            {
                held.Where(p => request.UnusedForDays == 0 || p.LastUsedAt is not { } used || used < unusedSince)
                    .Select(p => ToWire(p with { Grants = [.. p.Grants.Where(g => g.BusinessUnitId == unit)] })),
            },
        };
    }

    public override async Task<V1.IssuedIntegrationKey> IssueIntegrationKey(V1.IssueIntegrationKeyRequest request, ServerCallContext context)
    {
        var issued = await grains.GetGrain<IIntegrationAccessGrain>(0).Issue(
            new IntegrationKeyDefinition(request.Name, request.BusinessUnitId, [.. request.ServiceIds]), context.CancellationToken);
        return new V1.IssuedIntegrationKey { Key = ToWire(issued.Key), Secret = issued.Secret };
    }

    public override async Task<V1.IssuedIntegrationKey> RotateIntegrationKey(V1.RotateIntegrationKeyRequest request, ServerCallContext context)
    {
        var issued = await Key(request.KeyId).Rotate(TimeSpan.FromSeconds(request.OverlapSeconds), context.CancellationToken);
        if (request.OverlapSeconds == 0)
        {
            keys.Forget(request.KeyId);
        }
        return new V1.IssuedIntegrationKey { Key = ToWire(issued.Key), Secret = issued.Secret };
    }

    public override async Task<V1.IntegrationKey> RevokeIntegrationKey(V1.RevokeIntegrationKeyRequest request, ServerCallContext context)
    {
        var revoked = await Key(request.KeyId).Revoke(context.CancellationToken);
        keys.Forget(request.KeyId);
        return ToWire(revoked);
    }

    public override async Task<V1.ListIntegrationKeysResponse> ListIntegrationKeys(V1.ListIntegrationKeysRequest request, ServerCallContext context)
    {
        var ids = await grains.GetGrain<IUnitAccessGrain>(RequestIds.Require("business_unit_id", request.BusinessUnitId)).IntegrationKeys(context.CancellationToken);
        var views = await Task.WhenAll(ids.Select(id => Key(id).Get(context.CancellationToken)));
        return new V1.ListIntegrationKeysResponse { Keys = { views.Select(ToWire) } };
    }

    private IAccessGrantsGrain Grants(string principalId) => grains.GetGrain<IAccessGrantsGrain>(RequestIds.Require("principal_id", principalId));

    private IIntegrationKeyGrain Key(string keyId) => grains.GetGrain<IIntegrationKeyGrain>(RequestIds.Require("key_id", keyId));

    private static RoleGrant ToDomain(V1.RoleGrant? grant) => grant is null
        ? throw new InvalidRequestException("grant", "is required.")
        : new RoleGrant(grant.Role switch
        {
            V1.Role.OrgAdmin => Role.OrgAdmin,
            V1.Role.UnitAdmin => Role.UnitAdmin,
            V1.Role.Commander => Role.Commander,
            V1.Role.Responder => Role.Responder,
            V1.Role.Observer => Role.Observer,
            V1.Role.Auditor => Role.Auditor,
            V1.Role.Integration => Role.Integration,
            V1.Role.Vendor => Role.Vendor,
            _ => throw new InvalidRequestException("grant.role", "is required."),
        }, WireMapping.Optional(grant.BusinessUnitId));

    private static V1.RoleGrant ToWire(RoleGrant grant) => new() { Role = (V1.Role)(int)grant.Role, BusinessUnitId = grant.BusinessUnitId ?? "" };

    private static V1.PrincipalGrants ToWire(PrincipalGrants grants) => new()
    {
        PrincipalId = grants.PrincipalId,
        Grants = { grants.Grants.Select(ToWire) },
        LastUsedAt = grants.LastUsedAt is { } used ? Timestamp.FromDateTimeOffset(used) : null,
    };

    private static V1.IntegrationKey ToWire(IntegrationKeyView key) => new()
    {
        Id = key.Id,
        Name = key.Name,
        BusinessUnitId = key.BusinessUnitId,
        ServiceIds = { key.ServiceIds },
        CreatedAt = Timestamp.FromDateTimeOffset(key.CreatedAt),
        LastUsedAt = key.LastUsedAt is { } used ? Timestamp.FromDateTimeOffset(used) : null,
        Revoked = key.Revoked,
        PreviousSecretExpiresAt = key.PreviousSecretExpiresAt is { } expires ? Timestamp.FromDateTimeOffset(expires) : null,
    };
}
