using System.Collections.Immutable;

namespace IncidentActors.Services;

/// <summary>
/// How a service groups its alerts, in the manner of Alertmanager's group_by / group_wait /
/// group_interval. Alerts whose <see cref="By"/> fields are equal form one group.
/// </summary>
/// <param name="By">Fields that form the group: "component", "category", "environment" or a custom detail key. Empty: each dedup key is its own group.</param>
/// <param name="Window">A new dedup key of a group whose incident opened at most this long ago joins that incident.</param>
/// <param name="Wait">
/// A new group on a service with upstream dependencies waits this long before it opens an incident,
/// so that an upstream failure's incident can claim it as a symptom. Zero opens at once.
/// </param>
/// <param name="IncidentPerAlert">
/// False (the default): an Alertmanager group (its groupKey) is one incident, counting the group's alerts.
/// True: each Alertmanager alert (its fingerprint) is a dedup key of its own, grouped only by <see cref="By"/>.
/// </param>
[GenerateSerializer, Immutable, Alias("IncidentActors.Services.AlertGrouping")]
public sealed record AlertGrouping(
    [property: Id(0)] ImmutableArray<string> By,
    [property: Id(1)] TimeSpan Window,
    [property: Id(2)] TimeSpan Wait,
    [property: Id(3)] bool IncidentPerAlert = false)
{
    public static readonly AlertGrouping None = new([], TimeSpan.Zero, TimeSpan.Zero);
}
