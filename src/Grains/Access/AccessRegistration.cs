namespace IncidentActors.Access;

public static class AccessRegistration
{
    /// <summary>Grains owned by a business unit check the caller of every API call that reaches them.</summary>
    public static ISiloBuilder AddUnitScopeChecks(this ISiloBuilder orleans) => orleans.AddIncomingGrainCallFilter<UnitScopeFilter>();
}
