using IncidentActors.Access;
using IncidentActors.Errors;
using IncidentActors.Metrics;
using IncidentActors.Services;
using IncidentActors.Storage;

namespace IncidentActors.StatusPages;

/// <summary>
/// A status page: its definition, and its content built from the unit's board on demand. The content is kept until the
/// board or the definition changes; maintenance windows are read from the services, in the background of readers, at most
/// every <see cref="MaintenanceRefresh"/>, so a window scheduled or ended (and a running one's time passing) shows within that time.
/// </summary>
internal sealed class StatusPageGrain(
    [PersistentState("statusPage", StorageNames.Incidents)] IPersistentState<StatusPageState> state,
    TimeProvider clock) : Grain, IStatusPageGrain, IUnitScoped
{
    public static readonly TimeSpan MaintenanceRefresh = TimeSpan.FromSeconds(30);

    private StatusPageContent? _content;
    private long _contentBoardVersion = -1;
    private DateTimeOffset _refreshAt;
    private Task? _refreshing;
    private IReadOnlyList<StatusComponent> _components = [];
    private IReadOnlyList<(string, MaintenanceWindow)> _windows = [];

    public ValueTask<GrainScope?> ScopeAsync() =>
        ValueTask.FromResult(state.State.Page is { } page ? new GrainScope(page.Definition.BusinessUnitId) : null);

    public async Task<StatusPage> Define(StatusPageDefinition definition, string definedBy, CancellationToken cancellationToken = default)
    {
        definition = definition with { Components = definition.Components.IsDefault ? [] : definition.Components };
        StatusPageValidator.Validate(definition);
        if (definition.Id != this.GetPrimaryKeyString())
        {
            throw new InvalidRequestException("id", $"is {definition.Id}, but the page addressed is {this.GetPrimaryKeyString()}.");
        }
        definition = definition with
        {
            Components = [.. definition.Components.Select(c => string.IsNullOrWhiteSpace(c.DisplayName) ? c with { DisplayName = c.ServiceId } : c)],
        };
        var previous = state.State.Page;
        state.State.Page = new StatusPage(definition, (previous?.Version ?? 0) + 1, clock.GetUtcNow(), definedBy);
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch
        {
            state.State.Page = previous;
            throw;
        }
        _content = null;
        _refreshAt = default;
        _refreshing = null;
        return state.State.Page;
    }

    public Task<StatusPage> Get(CancellationToken cancellationToken = default) => Task.FromResult(Page);

    public async Task<StatusPageContent> GetContent(CancellationToken cancellationToken = default)
    {
        var page = Page;
        if (clock.GetUtcNow() >= _refreshAt && _refreshing is not { IsCompleted: false })
        {
            // One reading of the services at a time, whoever asks meanwhile; it makes the content be built again.
            _ = _refreshing?.Exception;
            _refreshing = RefreshAsync(page.Definition);
        }
        var board = await GrainFactory.GetGrain<IStatusBoardGrain>(page.Definition.BusinessUnitId).Get(cancellationToken);
        if (_content is { } content && content.Page == page && _contentBoardVersion == board.Version)
        {
            return content;
        }
        if (_content?.Page != page && _refreshing is not null)
        {
            // Nothing of this definition to serve yet; otherwise readers keep what they had until the reading is in.
            await _refreshing;
        }
        _content = StatusPageContents.Build(page, board, _components, _windows, clock.GetUtcNow());
        _contentBoardVersion = board.Version;
        return _content;
    }

    private async Task RefreshAsync(StatusPageDefinition definition)
    {
        (_components, _windows) = await ReadServicesAsync(definition, CancellationToken.None);
        _refreshAt = clock.GetUtcNow() + MaintenanceRefresh;
        _contentBoardVersion = -1;
    }

    private StatusPage Page => state.State.Page ?? throw new ResourceNotFoundException("Status page", this.GetPrimaryKeyString());

    /// <summary>The page's components (the unit's services when it names none) and their running or coming maintenance windows.</summary>
    private async Task<(IReadOnlyList<StatusComponent>, IReadOnlyList<(string, MaintenanceWindow)>)> ReadServicesAsync(
        StatusPageDefinition definition, CancellationToken cancellationToken)
    {
        IReadOnlyList<StatusComponent> components = definition.Components.IsEmpty
            ? [.. (await GrainFactory.GetGrain<IUnitMetricsGrain>(definition.BusinessUnitId).Services(cancellationToken)).Keys.Select(s => new StatusComponent(s, s))]
            : definition.Components;
        var views = await Task.WhenAll(components.Select(async c =>
        {
            try
            {
                var view = await GrainFactory.GetGrain<IServiceGrain>(c.ServiceId).Get(cancellationToken);
                // A service moved to another unit is not this page's to show.
                return view.Definition.BusinessUnitId == definition.BusinessUnitId ? view.MaintenanceWindows.Select(w => (c.ServiceId, w)) : [];
            }
            catch (ResourceNotFoundException)
            {
                return [];
            }
        }));
        return (components, [.. views.SelectMany(v => v)]);
    }
}

[GenerateSerializer, Alias("IncidentActors.StatusPages.StatusPageState")]
public sealed class StatusPageState
{
    [Id(0)] public StatusPage? Page { get; set; }
}
