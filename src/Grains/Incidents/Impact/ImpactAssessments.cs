using IncidentActors.BusinessUnits;
using IncidentActors.Errors;

namespace IncidentActors.Incidents;

/// <summary>A responder's assessment of impact and urgency, which the unit's severity matrix turns into a severity.</summary>
internal static class ImpactAssessments
{
    public static void Validate(BusinessImpact impact, Urgency urgency) => IncidentInput.Check(v =>
    {
        if (!Enum.IsDefined(impact))
        {
            v.Add(new("impact", "must be extensive, significant, moderate or minor."));
        }
        if (!Enum.IsDefined(urgency))
        {
            v.Add(new("urgency", "must be critical, high, medium or low."));
        }
    });

    /// <summary>Central command, while it holds the incident, decides its severity instead.</summary>
    public static void EnsureLocal(string incidentId, IncidentState state)
    {
        if (state.CentralCommand is { } central)
        {
            throw new IllegalTransitionException($"The severity of incident '{incidentId}' is decided by central command of enterprise-wide event '{central.EventId}'.");
        }
    }

    /// <summary>Records the assessment, which replaces a severity central command decided before handing back.</summary>
    public static ImpactAssessment Assess(IncidentState state, BusinessUnitDefinition unit, BusinessImpact impact, Urgency urgency, string by, string? note, DateTimeOffset now)
    {
        state.CentralSeverity = null;
        state.Impact = new ImpactAssessment(impact, urgency, unit.Severity.Classify(impact, urgency), by, now, note);
        return state.Impact;
    }

    /// <summary>
    /// The unit's severity matrix turns the assessment into a severity; the new severity's duty clocks apply from
    /// opening, and an assessment to SEV1 declares a major incident.
    /// </summary>
    public static async Task<bool> AssessAsync(IncidentContext incident, BusinessImpact impact, Urgency urgency, ResponderAction action, CancellationToken cancellationToken)
    {
        Validate(impact, urgency);
        incident.EnsureExists();
        EnsureLocal(incident.IncidentId, incident.State);
        var unit = await incident.BusinessUnitPolicyAsync(cancellationToken);
        var now = incident.Now;
        var severity = Assess(incident.State, unit, impact, urgency, action.ResponderId, action.Note, now).Severity;
        await DutyClocks.SetAsync(incident, now, cancellationToken);
        incident.Append(now, action.ResponderId, TimelineEntryKind.ImpactAssessed, ResponderActions.WithNote(
            $"Assessed impact {impact}, urgency {urgency}: {SeverityName(severity)} by the severity matrix of business unit '{unit.Id}'", action.Note));
        if (MajorIncidents.DeclaredByAssessment(incident.State, severity))
        {
            await MajorIncidents.ActivateAsync(incident, unit, MajorIncidentCriterion.Sev1, null, action.ResponderId, null, now, cancellationToken);
        }
        return true;
    }

    public static string SeverityName(IncidentSeverity severity) => $"SEV{(int)severity}";
}
