using IncidentActors.Errors;
using IncidentActors.Services;

namespace IncidentActors.Incidents;

/// <summary>
/// Temporary fixes: each expiry is a durable deadline, so it fires after a silo failure as escalations do. A fix still
/// temporary when it expires raises an open follow-up task, which blocks closing like any linked item.
/// </summary>
internal static class TemporaryFixes
{
    public static void ValidateRecord(string description, DateTimeOffset expiresAt, DateTimeOffset now) => IncidentInput.Check(v =>
    {
        AlertValidator.Text(v, "description", description, IncidentInput.MaxDetailLength, required: true);
        if (expiresAt == default)
        {
            v.Add(new("expires_at", "is required."));
        }
        else if (expiresAt <= now)
        {
            v.Add(new("expires_at", $"must be in the future; {expiresAt:u} is not after now, {now:u}."));
        }
    });

    public static void ValidatePermanent(int number, string permanentFix) => IncidentInput.Check(v =>
    {
        if (number < 1)
        {
            v.Add(new("number", "must be 1 or more."));
        }
        AlertValidator.Text(v, "permanent_fix", permanentFix, IncidentInput.MaxDetailLength, required: true);
    });

    /// <summary>The fix a retried request recorded already, still temporary.</summary>
    public static bool Recorded(IReadOnlyList<TemporaryFix> fixes, string description, DateTimeOffset expiresAt) =>
        fixes.Any(f => f.Description == description && f.ExpiresAt == expiresAt && f.MadePermanentAt is null && f.ExpiredAt is null);

    /// <summary>Acts once: a fix already expired or made permanent, or a stale or early deadline, does not expire.</summary>
    public static bool Expires(TemporaryFix fix, DateTimeOffset due, DateTimeOffset now) =>
        fix.ExpiresAt == due && now >= due && fix.MadePermanentAt is null && fix.ExpiredAt is null;

    /// <summary>Its expiry is armed before the incident stores the fix, so that a fix is never stored without one.</summary>
    public static async Task<bool> RecordAsync(IncidentContext incident, string description, DateTimeOffset expiresAt, ResponderAction action,
        CancellationToken cancellationToken)
    {
        var now = incident.Now;
        ValidateRecord(description, expiresAt, now);
        incident.EnsureExists();
        var fixes = incident.State.TemporaryFixes;
        // A retried request finds the fix it recorded.
        if (Recorded(fixes, description, expiresAt))
        {
            return false;
        }
        var fix = new TemporaryFix(fixes.Count + 1, description, expiresAt, action.ResponderId, now, null, null, null, null);
        await incident.ArmAsync(new TemporaryFixDeadline(fix.Number), expiresAt, cancellationToken);
        fixes.Add(fix);
        incident.Append(now, action.ResponderId, TimelineEntryKind.TemporaryFixRecorded,
            ResponderActions.WithNote($"Temporary fix {fix.Number}, until {expiresAt:u}: {description}", action.Note));
        return true;
    }

    /// <summary>
    /// Makes the fix permanent: a fix still running no longer expires, and an expired one's open follow-up task, which
    /// asked for exactly this, is done.
    /// </summary>
    public static bool MakePermanent(IncidentContext incident, int number, string permanentFix, ResponderAction action)
    {
        ValidatePermanent(number, permanentFix);
        incident.EnsureExists();
        var s = incident.State;
        var fix = s.TemporaryFixes.Find(f => f.Number == number) ?? throw new ResourceNotFoundException("Temporary fix", $"{incident.IncidentId}/{number}");
        if (fix.MadePermanentAt is not null)
        {
            return false;
        }
        var now = incident.Now;
        var by = action.ResponderId;
        s.TemporaryFixes[s.TemporaryFixes.IndexOf(fix)] = fix with { PermanentFix = permanentFix, MadePermanentBy = by, MadePermanentAt = now };
        var message = $"Temporary fix {fix.Number} made permanent: {permanentFix}";
        if (fix.ExpiredAt is null)
        {
            incident.DisarmAfterStore(new TemporaryFixDeadline(fix.Number));
        }
        else if (LinkedItems.Find(s, LinkedItemKind.FollowUpTask, FollowUpReference(fix.Number)) is { DoneAt: null } followUp)
        {
            LinkedItems.Complete(s, followUp, by, now);
            message += $"; follow-up task '{followUp.Reference}' is done";
        }
        incident.Append(now, by, TimelineEntryKind.TemporaryFixMadePermanent, ResponderActions.WithNote(message, action.Note));
        return true;
    }

    /// <summary>The fix expired still temporary: an open follow-up task now blocks closing. Acts once.</summary>
    public static bool OnDeadline(IncidentContext incident, TemporaryFixDeadline deadline, DateTimeOffset due)
    {
        var s = incident.State;
        var now = incident.Now;
        if (!incident.Exists || s.TemporaryFixes.Find(f => f.Number == deadline.Number) is not { } fix || !Expires(fix, due, now))
        {
            return false;
        }
        s.TemporaryFixes[s.TemporaryFixes.IndexOf(fix)] = fix with { ExpiredAt = now };
        var reference = FollowUpReference(fix.Number);
        if (LinkedItems.Find(s, LinkedItemKind.FollowUpTask, reference) is null)
        {
            s.LinkedItems.Add(new LinkedItem(LinkedItemKind.FollowUpTask, reference, $"Replace temporary fix {fix.Number} with a permanent one: {fix.Description}",
                "clock", now, null, null));
        }
        incident.Append(now, "clock", TimelineEntryKind.TemporaryFixExpired,
            $"Temporary fix {fix.Number} expired without a permanent fix ({fix.Description}); follow-up task '{reference}' must be done before closing.");
        return true;
    }

    public static string FollowUpReference(int number) => $"temporary-fix-{number}";
}
