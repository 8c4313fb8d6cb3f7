using System.Collections.Immutable;

namespace IncidentActors.Incidents;

/// <summary>What an incident answers to its callers, read off its state.</summary>
internal static class IncidentViews
{
    public static IncidentView View(IncidentContext incident) => View(incident.IncidentId, incident.State);

    /// <summary>Also for a state that is not the grain's own: an archived incident read back.</summary>
    public static IncidentView View(string incidentId, IncidentState s) =>
        new(incidentId, s.ServiceId, s.BusinessUnitId, s.DedupKey, s.Title, s.Source, s.Component,
            s.Severity, s.Status, s.CustomDetails.ToImmutableSortedDictionary(StringComparer.Ordinal), s.OpenedAt,
            s.AcknowledgedAt, s.AcknowledgedBy, s.ResolvedAt, s.ResolvedBy, s.AlertCount, s.LastAlertAt, s.Version,
            [.. s.Timeline], Escalation(s), [.. s.Pages], s.PendingHandover,
            Lifecycle(s), s.Impact, [.. s.RegulatoryTags], [.. s.Stakeholders], IncidentContext.EffectiveSeverityOf(s), [.. s.Roles], [.. s.Clocks], s.Major,
            s.CentralCommand, s.ResolutionNotes, s.Restoration ?? s.Major?.Restoration, s.ClosureReview, [.. s.LinkedItems],
            [.. s.TemporaryFixes], [.. s.Vendors], s.Environment, s.Owner, s.Category, s.Classification, [.. s.Symptoms],
            [.. s.RestrictedTo], s.LegalHold, s.Drill, MilestoneRules.Of(s), IncidentContext.PublicStatusOf(s), s.PendingCommandHandover, s.WarRoom, [.. s.RegulatoryClocks]);

    /// <summary>Only what an invited vendor needs: no timeline, people or internal notes.</summary>
    public static VendorIncidentView ForVendor(IncidentContext incident, VendorEngagement engagement)
    {
        var s = incident.State;
        return new VendorIncidentView(incident.IncidentId, s.Title, s.ServiceId, s.Status, incident.EffectiveSeverity, incident.CurrentState,
            s.OpenedAt, s.ResolvedAt, engagement);
    }

    private static EscalationView? Escalation(IncidentState s) =>
        s.Policy is null
            ? null
            : new EscalationView(s.Policy.Id, s.Step is null ? 0 : s.Step.Level + 1, (s.Step?.Round ?? 0) + 1, s.NextEscalationAt, s.EscalationExhausted);

    private static LifecycleView Lifecycle(IncidentState s)
    {
        var model = IncidentContext.ModelOf(s);
        var current = IncidentContext.CurrentStateOf(s);
        return new LifecycleView(model.Name, current, [.. model.Transitions.Where(t => t.From == current).Select(t => t.To)]);
    }
}
