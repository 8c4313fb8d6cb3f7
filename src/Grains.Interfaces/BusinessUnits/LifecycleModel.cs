using System.Collections.Immutable;

namespace IncidentActors.BusinessUnits;

/// <summary>
/// A business unit's incident lifecycle: its states (the first is where every incident starts)
/// and the transitions it allows between them.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.BusinessUnits.LifecycleModel")]
public sealed record LifecycleModel(
    [property: Id(0)] string Name,
    [property: Id(1)] ImmutableArray<LifecycleState> States,
    [property: Id(2)] ImmutableArray<LifecycleTransition> Transitions)
{
    public LifecycleState Initial => States[0];

    public LifecycleState? State(string name) => States.FirstOrDefault(s => s.Name == name);

    public bool Allows(string from, string to) => Transitions.Any(t => t.From == from && t.To == to);

    /// <summary>The first state of <paramref name="phase"/> that <paramref name="from"/> may move to, if any.</summary>
    public LifecycleState? NextIn(string from, LifecyclePhase phase) =>
        States.FirstOrDefault(s => s.Phase == phase && Allows(from, s.Name));
}
