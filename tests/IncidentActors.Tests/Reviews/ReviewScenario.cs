using System.Collections.Immutable;
using IncidentActors.Access;
using IncidentActors.Alerts;
using IncidentActors.BusinessUnits;
using IncidentActors.Incidents;
using IncidentActors.Responders;
using IncidentActors.Reviews;
using IncidentActors.Services;
using IncidentActors.Testing;
using Microsoft.Extensions.Time.Testing;

namespace IncidentActors.Tests.Reviews;

/// <summary>Units with a review policy, incidents resolved on their services, reviews taken to published, pages read back.</summary>
internal sealed class ReviewScenario(IGrainFactory grains, FakeTimeProvider clock)
{
    /// <summary>Resolves every incident, so owns every review.</summary>
    public const string Owner = "olive";

    /// <summary>SEV2 and worse need a review, due 48 h after resolution; <paramref name="leads"/> are granted unit admin.</summary>
    public async Task<string> UnitAsync(TrackerWebhook? tracker = null, params string[] leads)
    {
        var unit = AzuriteFixture.UniqueName("unit");
        await grains.GetGrain<IUnitReviewsGrain>(unit).SetPolicy(new ReviewPolicy(IncidentSeverity.Sev2, false, false, 0, false, 48, [],
            ["change", "technical"], Tracker: tracker));
        foreach (var lead in leads)
        {
            await grains.GetGrain<IAccessGrantsGrain>(lead).Grant(new RoleGrant(Role.UnitAdmin, unit));
        }
        return unit;
    }

    public async Task<string> ServiceAsync(string unit)
    {
        var serviceId = AzuriteFixture.UniqueName("svc");
        await grains.GetGrain<IServiceGrain>(serviceId).Register(new ServiceDefinition(serviceId, serviceId, "sre", unit));
        return serviceId;
    }

    /// <summary>A new incident of the service (critical: a SEV1, whose review is required), resolved by <see cref="Owner"/>.</summary>
    public async Task<IIncidentGrain> ResolvedAsync(string serviceId, AlertSeverity severity = AlertSeverity.Critical)
    {
        var opened = await grains.GetGrain<IServiceGrain>(serviceId).Ingest(new AlertEvent(serviceId, AlertAction.Trigger, AzuriteFixture.UniqueName("key"),
            "Ledger replication lag", "probe", severity, null, ImmutableSortedDictionary<string, string>.Empty, "grpc"));
        var incident = grains.GetGrain<IIncidentGrain>(opened.IncidentId!);
        await incident.Resolve(new ResponderAction(Owner, null));
        return incident;
    }

    /// <summary>The incident's review once its setup deadline, due at resolution, has fired.</summary>
    public async Task<(IPostIncidentReviewGrain Review, ReviewView View)> ReviewOfAsync(IIncidentGrain incident)
    {
        var review = grains.GetGrain<IPostIncidentReviewGrain>(incident.GetPrimaryKeyString());
        var view = await Eventually.Get(() =>
        {
            clock.Advance(TimeSpan.Zero);
            return review.Get();
        }, _ => true, what: "the review to be set up");
        return (review, view);
    }

    public async Task<ReviewView> PublishAsync(IPostIncidentReviewGrain review, string factorCategory)
    {
        await review.UpdateContent(ReviewContent.Empty with
        {
            Summary = "The replica fell behind after a config change",
            Factors = [new ContributingFactor(factorCategory, "Replica config changes are not validated before rollout")],
        }, Owner);
        await review.Submit(Owner);
        return await review.Publish(Owner);
    }

    /// <summary>The pages a person got whose idempotency keys start with <paramref name="prefix"/>, oldest first.</summary>
    public async Task<ImmutableArray<NotificationRecord>> PagesAsync(string person, string prefix) =>
        [.. (await grains.GetGrain<IResponderGrain>(person).Notifications(ResponderGrain.MaxNotifications))
            .Where(n => n.Page.IdempotencyKey.StartsWith(prefix, StringComparison.Ordinal)).Reverse()];

    /// <summary>Waits, letting deadlines due by now fire, until the person has <paramref name="count"/> such pages.</summary>
    public Task<ImmutableArray<NotificationRecord>> PagedAsync(string person, string prefix, int count) => Eventually.Get(() =>
    {
        clock.Advance(TimeSpan.Zero);
        return PagesAsync(person, prefix);
    }, pages => pages.Length >= count, what: $"{person} to get {count} pages '{prefix}…'");

    public static async Task<int> EntriesAsync(IIncidentGrain incident, TimelineEntryKind kind) =>
        (await incident.Get()).Timeline.Count(e => e.Kind == kind);
}
