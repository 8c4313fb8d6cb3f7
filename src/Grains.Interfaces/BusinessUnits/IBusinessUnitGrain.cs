using Orleans.Concurrency;

namespace IncidentActors.BusinessUnits;

/// <summary>A business unit, keyed by its id: home region and local policy.</summary>
[Alias("IncidentActors.BusinessUnits.IBusinessUnitGrain")]
public interface IBusinessUnitGrain : IGrainWithStringKey
{
    /// <summary>Defines the unit or replaces its definition. The key must equal the definition's id.</summary>
    [Alias("Define")]
    Task<BusinessUnitDefinition> Define(BusinessUnitDefinition definition, CancellationToken cancellationToken = default);

    /// <summary>The unit's definition; NotFound for a unit nobody defined.</summary>
    [Alias("Get"), ReadOnly]
    Task<BusinessUnitDefinition> Get(CancellationToken cancellationToken = default);

    /// <summary>The policy incidents of the unit follow: its definition, or the shared defaults for a unit nobody defined yet.</summary>
    [Alias("GetPolicy"), ReadOnly]
    Task<BusinessUnitDefinition> GetPolicy(CancellationToken cancellationToken = default);

    /// <summary>Publishes a new version of the unit's classification rules; incidents opened from now on are classified by it.</summary>
    [Alias("PublishClassificationRules")]
    Task<ClassificationRules> PublishClassificationRules(System.Collections.Immutable.ImmutableArray<ClassificationRule> rules, string publishedBy,
        CancellationToken cancellationToken = default);

    /// <summary>The rules in force (version null) or an earlier version; version 0 is the empty set every unit starts with.</summary>
    [Alias("GetClassificationRules"), ReadOnly]
    Task<ClassificationRules> GetClassificationRules(int? version = null, CancellationToken cancellationToken = default);
}
