using IncidentActors.Errors;
using IncidentActors.Incidents;

namespace IncidentActors.Services;

/// <summary>
/// A service's change freezes, enforced: while one runs, a change goes ahead only when someone who may command the
/// service's unit let that very change through, with a reason; the override ends with the last freeze it overrode.
/// </summary>
internal static class ChangeFreezes
{
    public const int MaxReasonLength = 500;

    public static ChangeFreezeOverride? Admit(ServiceState s, string serviceId, string changeReference, DateTimeOffset now)
    {
        if (!s.ChangeFreezes.Exists(f => f.Until > now))
        {
            return null;
        }
        return s.FreezeOverrides.Find(o => o.ChangeReference == changeReference && o.Until > now)
            ?? throw new IllegalTransitionException($"Service '{serviceId}' is under a change freeze until {Until(s, now):u} after a major incident; " +
                $"change '{changeReference}' needs an override (ServiceCatalog/OverrideChangeFreeze) by a commander of its business unit.");
    }

    /// <summary>Records the override, replacing an earlier one of the same change, and drops those whose freezes ended.</summary>
    public static ChangeFreezeOverride Override(ServiceState s, string serviceId, string changeReference, string reason, string approvedBy, DateTimeOffset now)
    {
        IncidentInput.Check(v =>
        {
            AlertValidator.Identifier(v, "change_reference", changeReference, required: true);
            AlertValidator.Text(v, "reason", reason, MaxReasonLength, required: true);
        });
        if (!s.ChangeFreezes.Exists(f => f.Until > now))
        {
            throw new IllegalTransitionException($"Service '{serviceId}' is under no change freeze; change '{changeReference}' needs no override.");
        }
        var granted = new ChangeFreezeOverride(changeReference, reason, approvedBy, now, Until(s, now));
        s.FreezeOverrides.RemoveAll(o => o.Until <= now || o.ChangeReference == changeReference);
        s.FreezeOverrides.Add(granted);
        return granted;
    }

    private static DateTimeOffset Until(ServiceState s, DateTimeOffset now) => s.ChangeFreezes.Where(f => f.Until > now).Max(f => f.Until);
}
