using System.Collections.Immutable;

namespace IncidentActors.Audit;

/// <summary>About <see cref="Capacity"/> entries of a day's log, keyed "&lt;log key&gt;/&lt;page&gt;"; written only by its log.</summary>
[Alias("IncidentActors.Audit.IAuditPageGrain")]
public interface IAuditPageGrain : IGrainWithStringKey
{
    public const int Capacity = 500;

    /// <summary>Appends the entry and answers how many the page holds now.</summary>
    [Alias("Append")]
    Task<int> Append(AuditEntry entry, CancellationToken cancellationToken = default);

    [Alias("Entries")]
    Task<ImmutableArray<AuditEntry>> Entries(CancellationToken cancellationToken = default);
}
