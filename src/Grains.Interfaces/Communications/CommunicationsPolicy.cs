using System.Collections.Immutable;
using IncidentActors.BusinessUnits;

namespace IncidentActors.Communications;

/// <summary>
/// A unit's rules for incident communications: who approves external updates (legal, PR), who may publish them
/// (spokespersons), and how often the communications lead owes an update by severity.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Communications.CommunicationsPolicy")]
public sealed record CommunicationsPolicy(
    [property: Id(0)] Designees Approvers,
    [property: Id(1)] Designees Spokespersons,
    [property: Id(2)] ImmutableArray<UpdateInterval> Intervals,
    [property: Id(10)] ImmutableArray<ReadConfirmation> ReadConfirmations = default)
{
    public static readonly CommunicationsPolicy None = new(Designees.Nobody, Designees.Nobody, []);
}

/// <summary>People named by their id, and groups from people's tokens.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Communications.Designees")]
public sealed record Designees(
    [property: Id(0)] ImmutableArray<string> People,
    [property: Id(1)] ImmutableArray<string> Groups)
{
    public static readonly Designees Nobody = new([], []);

    public bool Include(string personId, ImmutableArray<string> groups) =>
        (!People.IsDefault && People.Contains(personId)) || (!Groups.IsDefault && !groups.IsDefault && groups.Any(Groups.Contains));
}

/// <summary>An update is owed every <see cref="Every"/> while an incident of this severity is open.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Communications.UpdateInterval")]
public sealed record UpdateInterval(
    [property: Id(0)] IncidentSeverity Severity,
    [property: Id(1)] TimeSpan Every);

/// <summary>
/// Updates for <see cref="Audience"/> about incidents of <see cref="MinimumSeverity"/> or worse need each recipient to
/// confirm reading them: unconfirmed after <see cref="Within"/>, they are paged again as a reminder, and
/// <see cref="EscalateAfter"/> after that the update's owner is told who has still not confirmed.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Communications.ReadConfirmation")]
public sealed record ReadConfirmation(
    [property: Id(0)] UpdateAudience Audience,
    [property: Id(1)] IncidentSeverity MinimumSeverity,
    [property: Id(2)] TimeSpan Within,
    [property: Id(3)] TimeSpan EscalateAfter);
