using System.Collections.Immutable;
using IncidentActors.Access;
using IncidentActors.Audit;
using IncidentActors.Errors;
using IncidentActors.Incidents;
using IncidentActors.Placement;
using IncidentActors.Storage;
using Orleans.Placement;

namespace IncidentActors.BusinessUnits;

[HomeRegionPlacement, Immovable]
internal sealed class BusinessUnitGrain(
    [PersistentState("businessUnit", StorageNames.Incidents)] IPersistentState<BusinessUnitState> state,
    TimeProvider clock,
    HomeRegions homes)
    : Grain, IBusinessUnitGrain, IUnitScoped
{
    private string BusinessUnitId => this.GetPrimaryKeyString();

    public ValueTask<GrainScope?> ScopeAsync() => ValueTask.FromResult<GrainScope?>(new(BusinessUnitId));

    public override Task OnActivateAsync(CancellationToken cancellationToken) => homes.MoveHomeIfAwayAsync(this);

    public async Task<BusinessUnitDefinition> Define(BusinessUnitDefinition definition, CancellationToken cancellationToken = default)
    {
        definition = definition with
        {
            RegulatoryTags = definition.RegulatoryTags.IsDefault ? [] : definition.RegulatoryTags,
            TimeLimits = definition.TimeLimits.IsDefault ? [] : definition.TimeLimits,
        };
        BusinessUnitValidator.Validate(BusinessUnitId, definition);
        // Placement learns the home first: a crash in between leaves a home for a unit that keeps its old definition, never the reverse.
        await GrainFactory.GetGrain<IHomeDirectoryGrain>(IHomeDirectoryGrain.Global).SetRegion(BusinessUnitId, definition.HomeRegion, cancellationToken);
        state.State.Definition = definition;
        await state.WriteStateAsync(cancellationToken);
        homes.Learn(BusinessUnitId, definition.HomeRegion);
        // Placed before its home was known, or the home moved.
        await homes.MoveHomeIfAwayAsync(this);
        return definition;
    }

    public Task<BusinessUnitDefinition> Get(CancellationToken cancellationToken = default) =>
        Task.FromResult(state.State.Definition ?? throw new ResourceNotFoundException("Business unit", BusinessUnitId));

    public Task<BusinessUnitDefinition> GetPolicy(CancellationToken cancellationToken = default) =>
        Task.FromResult(state.State.Definition ?? BusinessUnitDefaults.For(BusinessUnitId));

    public async Task<ClassificationRules> PublishClassificationRules(ImmutableArray<ClassificationRule> rules, string publishedBy,
        CancellationToken cancellationToken = default)
    {
        rules = rules.IsDefault ? [] : rules;
        AlertClassifier.Validate(rules, publishedBy);
        var versions = state.State.ClassificationVersions;
        var current = versions.Count > 0 ? versions[^1] : ClassificationRules.Empty;
        var published = new ClassificationRules(current.Version + 1, rules, clock.GetUtcNow(), publishedBy);
        versions.Add(published);
        await state.WriteStateAsync(cancellationToken);
        return published;
    }

    public Task<ClassificationRules> GetClassificationRules(int? version = null, CancellationToken cancellationToken = default)
    {
        var versions = state.State.ClassificationVersions;
        if (version is null)
        {
            return Task.FromResult(versions.Count > 0 ? versions[^1] : ClassificationRules.Empty);
        }
        return Task.FromResult(version == 0 ? ClassificationRules.Empty
            : versions.Find(v => v.Version == version) ?? throw new ResourceNotFoundException("Classification rules version", $"{BusinessUnitId}/{version}"));
    }

    public async Task<LegalHold> PlaceLegalHold(string reason, string placedBy, CancellationToken cancellationToken = default)
    {
        var hold = IncidentRetention.NewHold(reason, placedBy, clock.GetUtcNow());
        state.State.LegalHold = hold;
        await state.WriteStateAsync(cancellationToken);
        return hold;
    }

    public async Task<bool> ReleaseLegalHold(CancellationToken cancellationToken = default)
    {
        if (state.State.LegalHold is null)
        {
            return false;
        }
        state.State.LegalHold = null;
        await state.WriteStateAsync(cancellationToken);
        return true;
    }

    public Task<UnitRetention> GetRetention(CancellationToken cancellationToken = default) =>
        Task.FromResult(new UnitRetention(state.State.Definition?.Retention ?? RetentionPolicy.KeepEverything, state.State.LegalHold));
}
