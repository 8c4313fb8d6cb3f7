using System.Collections.Immutable;
using Orleans.Concurrency;

namespace IncidentActors.Communications;

/// <summary>A business unit's communication templates, keyed by the unit's id, versioned like its classification rules.</summary>
[Alias("IncidentActors.Communications.ICommunicationTemplatesGrain")]
public interface ICommunicationTemplatesGrain : IGrainWithStringKey
{
    /// <summary>Publishes a new version; refused whole (naming the template field) when a template does not parse.</summary>
    [Alias("Publish")]
    Task<CommunicationTemplates> Publish(ImmutableArray<CommunicationTemplate> templates, string publishedBy, CancellationToken cancellationToken = default);

    /// <summary>The version in force (null), or an earlier one; version 0 is the empty set every unit starts with.</summary>
    [Alias("Get"), ReadOnly]
    Task<CommunicationTemplates> Get(int? version = null, CancellationToken cancellationToken = default);
}
