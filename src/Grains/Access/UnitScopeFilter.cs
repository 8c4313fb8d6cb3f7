using IncidentActors.Audit;
using IncidentActors.Errors;

namespace IncidentActors.Access;

/// <summary>
/// Checks an API call where the data lives: the first grain it reaches, if owned by a business unit, admits it only
/// when the caller holds one of the call's roles in that unit, however the call got there. Calls a grain then makes
/// on its own behalf (a parent summarising a child of another unit, correlation across dependencies) are the
/// system's, not the caller's, and are not checked again. A restricted incident is, to a caller who may not see it, not there.
/// A refusal here is written to the audit log of the unit refusing, which the door could not know.
/// </summary>
internal sealed class UnitScopeFilter(IGrainFactory grains, TimeProvider clock) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (AccessTicket.Current is { } ticket && !FromGrain(context) && context.TargetContext.GrainInstance is IUnitScoped scoped
            && await scoped.ScopeAsync() is { } scope)
        {
            var target = context.TargetId.Key.ToString()!;
            // Hidden rather than refused: whoever may not see a restricted incident does not learn that it exists.
            if (!ticket.Principal.MaySee(scope.BusinessUnitId, scope.RestrictedTo))
            {
                await AuditRefusalAsync(ticket, scope.BusinessUnitId, target, "NotFound");
                throw new ResourceNotFoundException("Incident", target);
            }
            if (!ticket.Admits(scope.BusinessUnitId))
            {
                await AuditRefusalAsync(ticket, scope.BusinessUnitId, target, "PermissionDenied");
                throw new PermissionDeniedException($"{ticket.Principal.Id} holds none of the roles this needs in business unit {scope.BusinessUnitId}.");
            }
        }
        if (context.TargetContext.GrainInstance is IUnitScoped)
        {
            // Checked where the data lives; what this grain calls next it calls on its own behalf, and need not carry
            // (serialize into every message) the caller's ticket.
            AccessTicket.Detach();
        }
        await context.Invoke();
    }

    private Task AuditRefusalAsync(AccessTicket ticket, string businessUnitId, string target, string outcome)
    {
        var at = clock.GetUtcNow();
        AccessTicket.Detach();
        return grains.GetGrain<IAuditLogGrain>(IAuditLogGrain.Key(businessUnitId, DateOnly.FromDateTime(at.UtcDateTime)))
            .Append(new AuditEntry(at, ticket.Principal.Id, ticket.Operation, target, outcome, ticket.Address));
    }

    private static bool FromGrain(IIncomingGrainCallContext context) =>
        context.SourceId is { } source && !GrainTypePrefix.IsClient(source);
}
