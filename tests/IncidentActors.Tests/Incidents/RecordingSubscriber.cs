using System.Collections.Concurrent;
using IncidentActors.Incidents;
using IncidentActors.Incidents.Events;

namespace IncidentActors.Tests.Incidents;

/// <summary>
/// An event consumer beside the production ones, shared by every silo of an in-process cluster: it records what it was
/// given, checks each delivery against storage, and can hold the deliveries of one service's incidents, then drop them.
/// </summary>
internal sealed class RecordingSubscriber : IIncidentEventSubscriber
{
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<IncidentEvent> Delivered { get; } = new();

    /// <summary>Called with each batch before it counts as delivered, e.g. to compare it with what is stored.</summary>
    public Func<IReadOnlyList<IncidentEvent>, Task>? Inspect { get; set; }

    public string? HeldService { get; private set; }

    public TaskCompletionSource Held { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Hold(string serviceId)
    {
        _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        Held = new(TaskCreationOptions.RunContinuationsAsynchronously);
        HeldService = serviceId;
    }

    public void Release()
    {
        HeldService = null;
        _release.TrySetResult();
    }

    public IReadOnlyList<IncidentEvent> Of(string incidentId) => [.. Delivered.Where(e => e.IncidentId == incidentId)];

    public async Task OnEventsAsync(IReadOnlyList<IncidentEvent> events, CancellationToken cancellationToken)
    {
        if (HeldService is not null && events[0].ServiceId == HeldService)
        {
            Held.TrySetResult();
            await _release.Task;
            // Stands for the delivery that a silo killed meanwhile never made: an in-process silo's tasks outlive it.
            throw new InvalidOperationException("A held delivery is dropped.");
        }
        if (Inspect is { } inspect)
        {
            await inspect(events);
        }
        foreach (var e in events)
        {
            Delivered.Enqueue(e);
        }
    }
}
