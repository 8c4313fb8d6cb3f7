using Orleans.Concurrency;

namespace IncidentActors.StatusPages;

/// <summary>One status page, keyed by its id: its definition, and its content built from the unit's status board.</summary>
[Alias("IncidentActors.StatusPages.IStatusPageGrain")]
public interface IStatusPageGrain : IGrainWithStringKey
{
    /// <summary>Defines the page or replaces its definition; the key must equal the definition's id.</summary>
    [Alias("Define")]
    Task<StatusPage> Define(StatusPageDefinition definition, string definedBy, CancellationToken cancellationToken = default);

    /// <summary>NotFound for a page never defined.</summary>
    [Alias("Get")]
    Task<StatusPage> Get(CancellationToken cancellationToken = default);

    /// <summary>
    /// What the page shows now, filtered for its visibility; the same <see cref="StatusPageContent.Version"/> means the
    /// same content. NotFound for a page never defined. Interleaved: every reader of the page asks, and it only reads.
    /// </summary>
    [Alias("GetContent"), AlwaysInterleave]
    Task<StatusPageContent> GetContent(CancellationToken cancellationToken = default);
}
