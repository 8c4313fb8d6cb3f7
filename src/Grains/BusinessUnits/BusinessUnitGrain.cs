using System.Collections.Immutable;
using IncidentActors.Access;
using IncidentActors.Audit;
using IncidentActors.Errors;
using IncidentActors.Incidents;
using IncidentActors.Placement;
using IncidentActors.Responders;
using IncidentActors.Storage;
using Orleans.Placement;

namespace IncidentActors.BusinessUnits;

[HomeRegionPlacement, Immovable]
internal sealed class BusinessUnitGrain(
    [PersistentState("businessUnit", StorageNames.Incidents)] IPersistentState<BusinessUnitState> state,
    TimeProvider clock,
    HomeRegions homes,
    WebhookDestinations destinations,
    WebhookSecrets secrets)
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
        definition = definition with { RegulatoryTags = [.. definition.RegulatoryTags.Select((t, i) => WithProtectedRegulator(t, i))] };
        // Placement learns the home first: a crash in between leaves a home for a unit that keeps its old definition, never the reverse.
        await GrainFactory.GetGrain<IHomeDirectoryGrain>(IHomeDirectoryGrain.Global).SetRegion(BusinessUnitId, definition.HomeRegion, cancellationToken);
        state.State.Definition = definition;
        await state.WriteStateAsync(cancellationToken);
        homes.Learn(BusinessUnitId, definition.HomeRegion);
        // Placed before its home was known, or the home moved.
        await homes.MoveHomeIfAwayAsync(this);
        return definition;
    }

    /// <summary>
    /// The regulator endpoint's URL checked as page webhooks' are, and its secret stored encrypted; a blank secret keeps
    /// the one stored for the same tag and URL.
    /// </summary>
    private RegulatoryTag WithProtectedRegulator(RegulatoryTag tag, int index)
    {
        if (tag.Regulator is not { } given)
        {
            return tag;
        }
        var stored = state.State.Definition?.RegulatoryTags.FirstOrDefault(t => t.Tag == tag.Tag)?.Regulator;
        var field = $"regulatory_tags[{index}].regulator";
        if (given.Url.Length > WebhookContactValidator.MaxUrlLength || !Uri.TryCreate(given.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new InvalidRequestException($"{field}.url", $"must be an absolute http(s) URL of at most {WebhookContactValidator.MaxUrlLength} characters.");
        }
        if (!destinations.IsAllowListed(uri.Host) && (uri.Scheme == "http" || WebhookDestinations.IsInternalOnItsFace(uri)))
        {
            throw new InvalidRequestException($"{field}.url",
                $"must be https to a public host (others only when listed in {WebhookDeliveryOptions.Section}:AllowedInternalHosts).");
        }
        return given switch
        {
            { Secret.Length: 0 } when stored?.Url == given.Url => tag with { Regulator = stored },
            { Secret.Length: < WebhookContactValidator.MinSecretLength or > WebhookContactValidator.MaxSecretLength } => throw new InvalidRequestException(
                $"{field}.secret", $"must be {WebhookContactValidator.MinSecretLength} to {WebhookContactValidator.MaxSecretLength} characters."),
            _ => tag with { Regulator = given with { Secret = secrets.Protect(given.Secret) } },
        };
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
