using IncidentActors.BusinessUnits;
using IncidentActors.Errors;
using IncidentActors.Services;

namespace IncidentActors.Incidents;

/// <summary>
/// Closing rules: an incident closes only with its resolution written down, its restoration verified, a high-risk one
/// reviewed by a second person, a major one stood down, and no linked item open.
/// </summary>
internal static class ClosingRules
{
    public static void ValidateResolution(string actionsTaken, string toolsUsed, string configurationChanges) => IncidentInput.Check(v =>
    {
        AlertValidator.Text(v, "actions_taken", actionsTaken, IncidentInput.MaxDetailLength, required: true);
        AlertValidator.Text(v, "tools_used", toolsUsed, IncidentInput.MaxDetailLength, required: true);
        // "none" is an answer; an empty field is not.
        AlertValidator.Text(v, "configuration_changes", configurationChanges, IncidentInput.MaxDetailLength, required: true);
    });

    public static bool RecordResolution(IncidentContext incident, string actionsTaken, string toolsUsed, string configurationChanges, ResponderAction action)
    {
        ValidateResolution(actionsTaken, toolsUsed, configurationChanges);
        incident.EnsureExists();
        var now = incident.Now;
        incident.State.ResolutionNotes = new ResolutionNotes(actionsTaken, toolsUsed, configurationChanges, action.ResponderId, now);
        // A review covers the notes it read: new notes need a new review.
        incident.State.ClosureReview = null;
        incident.Append(now, action.ResponderId, TimelineEntryKind.ResolutionRecorded,
            $"Resolution recorded. Actions: {actionsTaken} Tools: {toolsUsed} Configuration changes: {configurationChanges}");
        return true;
    }

    public static bool ReviewClosure(IncidentContext incident, ResponderAction action)
    {
        incident.EnsureExists();
        EnsureMayReview(incident.IncidentId, incident.State.ResolutionNotes, action.ResponderId);
        var now = incident.Now;
        incident.State.ClosureReview = new ClosureReview(action.ResponderId, now, action.Note);
        incident.Append(now, action.ResponderId, TimelineEntryKind.ClosureReviewed, ResponderActions.WithNote("Reviewed the resolution for closing", action.Note));
        return true;
    }

    /// <summary>A second person reviews the notes; whoever wrote them cannot.</summary>
    public static void EnsureMayReview(string incidentId, ResolutionNotes? notes, string reviewer)
    {
        if (notes is null)
        {
            throw new IllegalTransitionException($"Incident '{incidentId}' has no resolution notes to review yet.");
        }
        if (notes.RecordedBy == reviewer)
        {
            throw new IllegalTransitionException($"{reviewer} wrote the resolution notes of incident '{incidentId}'; a second person must review them.");
        }
    }

    /// <summary>High risk: SEV1 or SEV2, a major incident, or one under a regulatory tag.</summary>
    public static bool HighRisk(IncidentState state, IncidentSeverity severity) =>
        severity <= IncidentSeverity.Sev2 || state.Major is not null || state.RegulatoryTags.Count > 0;

    /// <summary>What keeps the incident from closing, as people read it; empty when it may close.</summary>
    public static List<string> Missing(IncidentState state, IncidentSeverity severity, IReadOnlyList<string> openLinkedItems)
    {
        var missing = new List<string>();
        if (state.ResolutionNotes is null)
        {
            missing.Add("the resolution is not recorded (actions taken, tools used, configuration changes)");
        }
        if (state.Restoration is null && state.Major?.Restoration is null)
        {
            missing.Add("restoration is not verified (a health check or user confirmation)");
        }
        if (HighRisk(state, severity) && state.ClosureReview is null)
        {
            missing.Add("it is high-risk and needs a second person's review of the resolution");
        }
        if (state.Major is { DeescalatedAt: null })
        {
            missing.Add("the major incident is not de-escalated");
        }
        if (openLinkedItems.Count > 0)
        {
            missing.Add($"linked items are open: {string.Join(", ", openLinkedItems)}");
        }
        return missing;
    }

    public static async Task EnsureMayCloseAsync(IncidentContext incident, CancellationToken cancellationToken)
    {
        var missing = Missing(incident.State, incident.EffectiveSeverity, await LinkedItems.OpenAsync(incident, cancellationToken));
        if (missing.Count > 0)
        {
            throw new IllegalTransitionException($"Incident '{incident.IncidentId}' cannot close yet: {string.Join("; ", missing)}.");
        }
    }
}
