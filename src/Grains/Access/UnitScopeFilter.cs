using IncidentActors.Errors;

namespace IncidentActors.Access;

/// <summary>
/// Checks an API call where the data lives: the first grain it reaches, if owned by a business unit, admits it only
/// when the caller holds one of the call's roles in that unit, however the call got there. Calls a grain then makes
/// on its own behalf (a parent summarising a child of another unit, correlation across dependencies) are the
/// system's, not the caller's, and are not checked again.
/// </summary>
internal sealed class UnitScopeFilter : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (AccessTicket.Current is { } ticket && !FromGrain(context) && context.TargetContext.GrainInstance is IUnitScoped scoped
            && await scoped.OwningBusinessUnitAsync() is { } unit && !ticket.Admits(unit))
        {
            throw new PermissionDeniedException($"{ticket.Principal.Id} holds none of the roles this needs in business unit {unit}.");
        }
        await context.Invoke();
    }

    private static bool FromGrain(IIncomingGrainCallContext context) =>
        context.SourceId is { } source && !GrainTypePrefix.IsClient(source);
}
