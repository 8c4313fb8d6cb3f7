using IncidentActors.Communications;
using IncidentActors.Incidents;

namespace IncidentActors.Subscribers;

[GenerateSerializer, Alias("IncidentActors.Subscribers.SubscribersState")]
public sealed class SubscribersState
{
    /// <summary>By id, each email channel's secret left out: it is in <see cref="ProtectedSecrets"/>.</summary>
    [Id(0)] public Dictionary<string, Subscriber> Subscribers { get; set; } = [];

    /// <summary>Email channels' secrets by subscriber id, encrypted like responders' webhook secrets.</summary>
    [Id(1)] public Dictionary<string, string> ProtectedSecrets { get; set; } = [];

    /// <summary>The unit's incidents with a published update, by id.</summary>
    [Id(2)] public Dictionary<string, TrackedIncident> Incidents { get; set; } = [];

    /// <summary>Every subscriber's notices, oldest first; the pending ones are the outbox.</summary>
    [Id(3)] public List<SubscriberNotice> Notices { get; set; } = [];
}

/// <summary>What the unit's subscribers were told of one incident, and what they may still be told.</summary>
[GenerateSerializer, Alias("IncidentActors.Subscribers.TrackedIncident")]
public sealed class TrackedIncident
{
    [Id(0)] public IncidentSummary? Summary { get; set; }

    /// <summary>The incident's last event applied.</summary>
    [Id(1)] public long Sequence { get; set; }

    /// <summary>The latest update (or edit) published for each audience.</summary>
    [Id(2)] public Dictionary<UpdateAudience, UpdatePublished> Published { get; set; } = [];

    /// <summary>The public status each subscriber was last told.</summary>
    [Id(3)] public Dictionary<string, PublicStatus> Told { get; set; } = [];
}
