using Orleans.Concurrency;

namespace IncidentActors.Access;

/// <summary>The roles one principal (the key: a person's responder id) holds, and when it last used them.</summary>
[Alias("IncidentActors.Access.IAccessGrantsGrain")]
public interface IAccessGrantsGrain : IGrainWithStringKey
{
    /// <summary>Grants the role; one held already changes nothing. The unit's listing learns of it before this returns.</summary>
    [Alias("Grant")]
    Task<PrincipalGrants> Grant(RoleGrant grant, CancellationToken cancellationToken = default);

    [Alias("Revoke")]
    Task<PrincipalGrants> Revoke(RoleGrant grant, CancellationToken cancellationToken = default);

    /// <summary>Interleaved: every authenticated call of the principal reads it.</summary>
    [Alias("Get"), AlwaysInterleave]
    Task<PrincipalGrants> Get(CancellationToken cancellationToken = default);

    /// <summary>Records that the principal called at <paramref name="at"/>, for access reviews; stored at most hourly.</summary>
    [Alias("RecordUse")]
    Task RecordUse(DateTimeOffset at, CancellationToken cancellationToken = default);
}
