using System.Collections.Immutable;
using IncidentActors.Access;
using IncidentActors.Errors;
using IncidentActors.Incidents;
using IncidentActors.Storage;

namespace IncidentActors.Communications;

/// <summary>A unit's communication templates, every published version kept: an update names the version it was filled from.</summary>
internal sealed class CommunicationTemplatesGrain(
    [PersistentState("communicationTemplates", StorageNames.Incidents)] IPersistentState<CommunicationTemplatesState> state,
    TimeProvider clock) : Grain, ICommunicationTemplatesGrain, IUnitScoped
{
    private string BusinessUnitId => this.GetPrimaryKeyString();

    public ValueTask<GrainScope?> ScopeAsync() => ValueTask.FromResult<GrainScope?>(new(BusinessUnitId));

    public async Task<CommunicationTemplates> Publish(ImmutableArray<CommunicationTemplate> templates, string publishedBy, CancellationToken cancellationToken = default)
    {
        templates = templates.IsDefault ? [] : templates;
        UpdateTemplates.Validate(templates, publishedBy);
        var versions = state.State.Versions;
        var published = new CommunicationTemplates((versions.Count > 0 ? versions[^1].Version : 0) + 1, templates, clock.GetUtcNow(), publishedBy);
        versions.Add(published);
        await state.WriteStateAsync(cancellationToken);
        return published;
    }

    public Task<CommunicationTemplates> Get(int? version = null, CancellationToken cancellationToken = default)
    {
        var versions = state.State.Versions;
        return Task.FromResult(version switch
        {
            null => versions.Count > 0 ? versions[^1] : CommunicationTemplates.Empty,
            0 => CommunicationTemplates.Empty,
            _ => versions.Find(v => v.Version == version) ?? throw new ResourceNotFoundException("Communication templates version", $"{BusinessUnitId}/{version}"),
        });
    }
}

[GenerateSerializer, Alias("IncidentActors.Communications.CommunicationTemplatesState")]
public sealed class CommunicationTemplatesState
{
    /// <summary>Published versions, oldest first; the last is in force.</summary>
    [Id(0)] public List<CommunicationTemplates> Versions { get; set; } = [];
}
