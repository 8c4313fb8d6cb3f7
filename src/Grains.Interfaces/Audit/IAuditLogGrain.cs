namespace IncidentActors.Audit;

/// <summary>
/// The append-only audit log of one business unit (or <see cref="OrgWide"/>) for one UTC day, keyed
/// "&lt;unit&gt;/&lt;yyyy-MM-dd&gt;". Entries are kept in pages of their own, so an append stores one page, not the day.
/// </summary>
[Alias("IncidentActors.Audit.IAuditLogGrain")]
public interface IAuditLogGrain : IGrainWithStringKey
{
    public const string OrgWide = "*";

    public static string Key(string? businessUnitId, DateOnly day) => $"{businessUnitId ?? OrgWide}/{day:yyyy-MM-dd}";

    /// <summary>Stored before this returns.</summary>
    [Alias("Append")]
    Task Append(AuditEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Entries in the order appended, from <paramref name="offset"/>.</summary>
    [Alias("Read")]
    Task<AuditPage> Read(int offset, int limit, CancellationToken cancellationToken = default);
}
