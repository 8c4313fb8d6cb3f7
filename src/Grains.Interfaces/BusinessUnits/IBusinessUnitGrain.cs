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

    /// <summary>
    /// Places a legal hold on every incident of the unit, replacing one already placed; what it holds back is archived
    /// or deleted, if due, when the incident next checks after the hold is released.
    /// </summary>
    [Alias("PlaceLegalHold")]
    Task<Audit.LegalHold> PlaceLegalHold(string reason, string placedBy, CancellationToken cancellationToken = default);

    /// <summary>Releases the unit's legal hold; false when none was placed.</summary>
    [Alias("ReleaseLegalHold")]
    Task<bool> ReleaseLegalHold(CancellationToken cancellationToken = default);

    /// <summary>The unit's retention policy and legal hold as they stand now.</summary>
    [Alias("GetRetention"), ReadOnly]
    Task<UnitRetention> GetRetention(CancellationToken cancellationToken = default);
}
