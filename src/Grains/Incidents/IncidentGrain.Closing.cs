using System.Collections.Immutable;
using IncidentActors.BusinessUnits;
using IncidentActors.Errors;
using IncidentActors.Services;

namespace IncidentActors.Incidents;

/// <summary>
/// Closing rules: an incident closes only with its resolution written down, its restoration
/// verified, a high-risk one reviewed by a second person, a major one stood down, and no linked item open.
/// </summary>
internal sealed partial class IncidentGrain
{
    public async Task<IncidentView> RecordResolution(string actionsTaken, string toolsUsed, string configurationChanges, ResponderAction action,
        CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        var violations = ImmutableArray.CreateBuilder<FieldViolation>();
        AlertValidator.Text(violations, "actions_taken", actionsTaken, MaxDetailLength, required: true);
        AlertValidator.Text(violations, "tools_used", toolsUsed, MaxDetailLength, required: true);
        // "none" is an answer; an empty field is not.
        AlertValidator.Text(violations, "configuration_changes", configurationChanges, MaxDetailLength, required: true);
        if (violations.Count > 0)
        {
            throw new InvalidRequestException(violations.ToImmutable());
        }
        EnsureExists();
        var now = clock.GetUtcNow();
        _state.State.ResolutionNotes = new ResolutionNotes(actionsTaken, toolsUsed, configurationChanges, action.ResponderId, now);
        // A review covers the notes it read: new notes need a new review.
        _state.State.ClosureReview = null;
        Append(now, action.ResponderId, TimelineEntryKind.ResolutionRecorded,
            $"Resolution recorded. Actions: {actionsTaken} Tools: {toolsUsed} Configuration changes: {configurationChanges}");
        await StoreAsync(cancellationToken);
        return View();
    }

    public async Task<IncidentView> ReviewClosure(ResponderAction action, CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        EnsureExists();
        var notes = _state.State.ResolutionNotes
            ?? throw new IllegalTransitionException($"Incident '{IncidentId}' has no resolution notes to review yet.");
        if (notes.RecordedBy == action.ResponderId)
        {
            throw new IllegalTransitionException($"{action.ResponderId} wrote the resolution notes of incident '{IncidentId}'; a second person must review them.");
        }
        var now = clock.GetUtcNow();
        _state.State.ClosureReview = new ClosureReview(action.ResponderId, now, action.Note);
        Append(now, action.ResponderId, TimelineEntryKind.ClosureReviewed, ResponderActions.WithNote("Reviewed the resolution for closing", action.Note));
        await StoreAsync(cancellationToken);
        return View();
    }

    /// <summary>High risk: SEV1 or SEV2, a major incident, or one under a regulatory tag.</summary>
    private bool HighRisk => EffectiveSeverity <= IncidentSeverity.Sev2 || _state.State.Major is not null || _state.State.RegulatoryTags.Count > 0;

    private async Task EnsureMayCloseAsync(CancellationToken cancellationToken)
    {
        var s = _state.State;
        var missing = new List<string>();
        if (s.ResolutionNotes is null)
        {
            missing.Add("the resolution is not recorded (actions taken, tools used, configuration changes)");
        }
        if (s.Restoration is null && s.Major?.Restoration is null)
        {
            missing.Add("restoration is not verified (a health check or user confirmation)");
        }
        if (HighRisk && s.ClosureReview is null)
        {
            missing.Add("it is high-risk and needs a second person's review of the resolution");
        }
        if (s.Major is { DeescalatedAt: null })
        {
            missing.Add("the major incident is not de-escalated");
        }
        if (await OpenLinkedItemsAsync(cancellationToken) is { Count: > 0 } open)
        {
            missing.Add($"linked items are open: {string.Join(", ", open)}");
        }
        if (missing.Count > 0)
        {
            throw new IllegalTransitionException($"Incident '{IncidentId}' cannot close yet: {string.Join("; ", missing)}.");
        }
    }
}
