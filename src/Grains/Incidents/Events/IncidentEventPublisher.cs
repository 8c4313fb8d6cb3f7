using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IncidentActors.Incidents.Events;

/// <summary>Hands an incident's stored events to every registered subscriber; the incident knows none of them.</summary>
internal sealed class IncidentEventPublisher(IEnumerable<IIncidentEventSubscriber> subscribers)
{
    private readonly IIncidentEventSubscriber[] _subscribers = [.. subscribers];

    /// <summary>Completes when every subscriber took the events; fails if any did not, and then all get them again.</summary>
    public Task PublishAsync(IReadOnlyList<IncidentEvent> events, CancellationToken cancellationToken) =>
        Task.WhenAll(_subscribers.Select(s => s.OnEventsAsync(events, cancellationToken)));
}

public static class IncidentEventRegistration
{
    internal static IServiceCollection AddIncidentEventSubscriber<T>(this IServiceCollection services) where T : class, IIncidentEventSubscriber
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IIncidentEventSubscriber, T>());
        return services;
    }

    /// <summary>
    /// The consumers of incident events that every silo runs: listings, the watch feed, rotation tracking, acknowledgement
    /// records, event proposals, response-time meters, review scheduling, metrics, subscriber notices, war rooms, status boards, runbook triggers.
    /// </summary>
    public static IServiceCollection AddIncidentEvents(this IServiceCollection services)
    {
        services.TryAddSingleton<IncidentEventPublisher>();
        services.AddIncidentEventSubscriber<IncidentListings>();
        services.AddIncidentEventSubscriber<IncidentFeedPublisher>();
        services.AddIncidentEventSubscriber<OnCall.RotationTracking>();
        services.AddIncidentEventSubscriber<Responders.AcknowledgementRecords>();
        services.AddIncidentEventSubscriber<Command.MajorIncidentProposals>();
        services.AddIncidentEventSubscriber<Metrics.IncidentResponseMetrics>();
        services.AddIncidentEventSubscriber<Reviews.ReviewScheduling>();
        services.AddIncidentEventSubscriber<Metrics.IncidentMetricsProjection>();
        services.AddIncidentEventSubscriber<Subscribers.SubscriberNotices>();
        services.AddIncidentEventSubscriber<Chat.WarRoomProvisioning>();
        services.AddIncidentEventSubscriber<StatusPages.StatusBoardProjection>();
        services.AddIncidentEventSubscriber<Runbooks.RunbookTriggers>();
        return services;
    }
}
