using System.Collections.Immutable;

namespace IncidentActors.Access;

/// <summary>A grain whose data belongs to one business unit: calls from outside the silo are checked against it.</summary>
internal interface IUnitScoped
{
    /// <summary>The owning unit; null while the grain holds nothing yet (a service being registered, an unknown incident).</summary>
    ValueTask<GrainScope?> ScopeAsync();
}

/// <param name="RestrictedTo">The groups a restricted incident is limited to; empty for anything else.</param>
internal sealed record GrainScope(string BusinessUnitId, ImmutableArray<string> RestrictedTo = default);
