using System.Collections.Immutable;
using IncidentActors.Deadlines;
using Orleans.Concurrency;

namespace IncidentActors.OnCall;

/// <summary>
/// An on-call rotation, keyed by rotation id: who is on call when, and at each shift boundary the
/// handover of the open incidents commanded through it.
/// </summary>
[Alias("IncidentActors.OnCall.IOnCallRotationGrain")]
public interface IOnCallRotationGrain : IDeadlineOwner
{
    /// <summary>Creates the rotation, or changes it from the end of the shift on call now.</summary>
    [Alias("Define")]
    Task<RotationView> Define(RotationDefinition definition, CancellationToken cancellationToken = default);

    [Alias("Get")]
    Task<RotationView> Get(CancellationToken cancellationToken = default);

    /// <summary>Who is on call at this instant; null when nobody is. Answers even while handovers run.</summary>
    [Alias("OnCallAt"), AlwaysInterleave]
    Task<Shift?> OnCallAt(DateTimeOffset at, CancellationToken cancellationToken = default);

    [Alias("NextShifts"), AlwaysInterleave]
    Task<ImmutableArray<Shift>> NextShifts(DateTimeOffset from, int count, CancellationToken cancellationToken = default);

    /// <summary>An incident paged through this rotation: it is handed over at every shift boundary until it resolves.</summary>
    [Alias("Track")]
    Task Track(string incidentId, CancellationToken cancellationToken = default);

    [Alias("Untrack")]
    Task Untrack(string incidentId, CancellationToken cancellationToken = default);
}
