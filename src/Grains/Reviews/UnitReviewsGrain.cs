using System.Collections.Immutable;
using IncidentActors.Access;
using IncidentActors.Responders;
using IncidentActors.Storage;

namespace IncidentActors.Reviews;

/// <summary>
/// A unit's review policy and index. Not unit-scoped: the door checks the unit a request names, and the caller's
/// ticket reaches here, so that searches and counts leave out restricted incidents the caller may not see.
/// </summary>
internal sealed class UnitReviewsGrain(
    [PersistentState("unitReviews", StorageNames.Incidents)] IPersistentState<UnitReviewsState> state,
    WebhookDestinations destinations,
    WebhookSecrets secrets) : Grain, IUnitReviewsGrain
{
    public async Task<ReviewPolicy> SetPolicy(ReviewPolicy policy, CancellationToken cancellationToken = default)
    {
        policy = policy with
        {
            RequiredTeams = policy.RequiredTeams.IsDefault ? [] : policy.RequiredTeams,
            FactorCategories = policy.FactorCategories.IsDefault ? [] : policy.FactorCategories,
        };
        ReviewValidator.Policy(policy, destinations);
        var s = state.State;
        if (s.Taxonomies.Count == 0 || !s.Taxonomies[^1].SequenceEqual(policy.FactorCategories))
        {
            s.Taxonomies.Add([.. policy.FactorCategories]);
        }
        policy = policy with { TaxonomyVersion = s.Taxonomies.Count, Tracker = Tracker(policy.Tracker, s.Policy?.Tracker) };
        s.Policy = policy;
        await state.WriteStateAsync(cancellationToken);
        return policy;
    }

    public Task<ReviewPolicy?> GetPolicy(CancellationToken cancellationToken = default) => Task.FromResult(state.State.Policy);

    public Task<ImmutableArray<string>> GetTaxonomy(int version, CancellationToken cancellationToken = default)
    {
        var taxonomies = state.State.Taxonomies;
        return Task.FromResult<ImmutableArray<string>>(version >= 1 && version <= taxonomies.Count ? [.. taxonomies[version - 1]] : []);
    }

    public async Task Index(ReviewSummary summary, CancellationToken cancellationToken = default)
    {
        if (state.State.Reviews.GetValueOrDefault(summary.IncidentId) == summary)
        {
            return;
        }
        state.State.Reviews[summary.IncidentId] = summary;
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch
        {
            // Searches must not show what is not stored; the review indexes it again on its effects deadline.
            await state.ReadStateAsync(cancellationToken);
            throw;
        }
    }

    public Task Restrict(string incidentId, ImmutableArray<string> restrictedTo, CancellationToken cancellationToken = default) =>
        state.State.Reviews.GetValueOrDefault(incidentId) is { } summary ? Index(summary with { RestrictedTo = restrictedTo }, cancellationToken) : Task.CompletedTask;

    public Task<ImmutableArray<string>> Similar(string incidentId, string serviceId, string category, DateTimeOffset openedAt, TimeSpan window,
        CancellationToken cancellationToken = default) =>
        Task.FromResult<ImmutableArray<string>>([.. state.State.Reviews.Values
            .Where(r => r.IncidentId != incidentId && r.ServiceId == serviceId && r.Category == category && r.OpenedAt < openedAt && r.OpenedAt >= openedAt - window)
            .OrderByDescending(r => r.OpenedAt).Select(r => r.IncidentId)]);

    public Task<ImmutableArray<ReopenedItem>> EffectiveItemsSharing(string incidentId, string serviceId, ImmutableArray<string> factorCategories,
        CancellationToken cancellationToken = default) =>
        Task.FromResult<ImmutableArray<ReopenedItem>>([.. state.State.Reviews.Values
            .Where(r => r.IncidentId != incidentId && r.ServiceId == serviceId && r.FactorCategories.Intersect(factorCategories).Any())
            .SelectMany(r => r.EffectiveItems.Select(n => new ReopenedItem(r.IncidentId, n)))]);

    public Task<ImmutableArray<ReviewSummary>> Search(ReviewQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult<ImmutableArray<ReviewSummary>>([.. Visible()
            .Where(r => r.Status == ReviewStatus.Published
                && (query.ServiceId is null || r.ServiceId == query.ServiceId)
                && (query.IncidentCategory is null || r.Category == query.IncidentCategory)
                && (query.FactorCategory is null || r.FactorCategories.Contains(query.FactorCategory))
                && (query.Text is null || r.Text.Contains(query.Text, StringComparison.OrdinalIgnoreCase) || r.Title.Contains(query.Text, StringComparison.OrdinalIgnoreCase)))
            .OrderByDescending(r => r.PublishedAt)]);

    public Task<ReviewTimeliness> GetTimeliness(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var required = Visible().Where(r => r.Required).ToList();
        return Task.FromResult(new ReviewTimeliness(this.GetPrimaryKeyString(),
            Due: required.Count(r => r.PublishedAt is null && now <= r.DueAt),
            PublishedOnTime: required.Count(r => r.PublishedAt <= r.DueAt),
            PublishedLate: required.Count(r => r.PublishedAt > r.DueAt),
            Overdue: required.Count(r => r.PublishedAt is null && now > r.DueAt)));
    }

    /// <summary>What the calling principal may see; everything for the system's own calls.</summary>
    private IEnumerable<ReviewSummary> Visible()
    {
        var unit = this.GetPrimaryKeyString();
        var caller = AccessTicket.Current?.Principal;
        return state.State.Reviews.Values.Where(r => caller is null || caller.MaySee(unit, r.RestrictedTo));
    }

    /// <summary>Stored encrypted; a blank secret keeps the one stored for the same URL.</summary>
    private TrackerWebhook? Tracker(TrackerWebhook? given, TrackerWebhook? stored) => given switch
    {
        null => null,
        { Secret.Length: 0 } when stored?.Url == given.Url => stored,
        { Secret.Length: < WebhookContactValidator.MinSecretLength } => throw new Errors.InvalidRequestException("policy.tracker.secret",
            $"must be {WebhookContactValidator.MinSecretLength} to {WebhookContactValidator.MaxSecretLength} characters."),
        _ => given with { Secret = secrets.Protect(given.Secret) },
    };
}
