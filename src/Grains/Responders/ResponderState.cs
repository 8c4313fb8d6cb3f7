namespace IncidentActors.Responders;

[GenerateSerializer, Alias("IncidentActors.Responders.ResponderState")]
public sealed class ResponderState
{
    [Id(0)] public ResponderDefinition? Definition { get; set; }

    /// <summary>Where the notification log was kept before it was bucketed, oldest first; moved into the buckets on activation.</summary>
    [Id(1)] public List<NotificationRecord> Notifications { get; set; } = [];
}

/// <summary>One bucket of a responder's notification log (see <see cref="ResponderGrain"/>).</summary>
[GenerateSerializer, Alias("IncidentActors.Responders.NotificationLogBucket")]
public sealed class NotificationLogBucket
{
    /// <summary>By idempotency key.</summary>
    [Id(0)] public Dictionary<string, LoggedNotification> Notifications { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>A page in the log with its place in it: buckets hold pages by key, so the log's order is kept with each page.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Responders.LoggedNotification")]
public sealed record LoggedNotification([property: Id(0)] long Sequence, [property: Id(1)] NotificationRecord Record);
