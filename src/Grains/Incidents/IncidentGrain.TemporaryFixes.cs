using System.Collections.Immutable;
using IncidentActors.Errors;
using IncidentActors.Services;

namespace IncidentActors.Incidents;

/// <summary>
/// Temporary fixes: each expiry is a durable deadline, so it fires after a silo failure as
/// escalations do. A fix still temporary when it expires raises an open follow-up task, which
/// blocks closing like any linked item.
/// </summary>
internal sealed partial class IncidentGrain
{
    public async Task<IncidentView> RecordTemporaryFix(string description, DateTimeOffset expiresAt, ResponderAction action,
        CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        var now = clock.GetUtcNow();
        var violations = ImmutableArray.CreateBuilder<FieldViolation>();
        AlertValidator.Text(violations, "description", description, MaxDetailLength, required: true);
        if (expiresAt == default)
        {
            violations.Add(new("expires_at", "is required."));
        }
        else if (expiresAt <= now)
        {
            violations.Add(new("expires_at", $"must be in the future; {expiresAt:u} is not after now, {now:u}."));
        }
        if (violations.Count > 0)
        {
            throw new InvalidRequestException(violations.ToImmutable());
        }
        EnsureExists();
        var fixes = _state.State.TemporaryFixes;
        // A retried request finds the fix it recorded.
        if (fixes.Exists(f => f.Description == description && f.ExpiresAt == expiresAt && f.MadePermanentAt is null && f.ExpiredAt is null))
        {
            return View();
        }
        var fix = new TemporaryFix(fixes.Count + 1, description, expiresAt, action.ResponderId, now, null, null, null, null);
        await ArmAsync(new TemporaryFixDeadline(fix.Number), expiresAt, cancellationToken);
        fixes.Add(fix);
        Append(now, action.ResponderId, TimelineEntryKind.TemporaryFixRecorded,
            ResponderActions.WithNote($"Temporary fix {fix.Number}, until {expiresAt:u}: {description}", action.Note));
        await StoreAsync(cancellationToken);
        return View();
    }

    public async Task<IncidentView> MakeFixPermanent(int number, string permanentFix, ResponderAction action, CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        var violations = ImmutableArray.CreateBuilder<FieldViolation>();
        if (number < 1)
        {
            violations.Add(new("number", "must be 1 or more."));
        }
        AlertValidator.Text(violations, "permanent_fix", permanentFix, MaxDetailLength, required: true);
        if (violations.Count > 0)
        {
            throw new InvalidRequestException(violations.ToImmutable());
        }
        EnsureExists();
        var fixes = _state.State.TemporaryFixes;
        var fix = fixes.Find(f => f.Number == number) ?? throw new ResourceNotFoundException("Temporary fix", $"{IncidentId}/{number}");
        if (fix.MadePermanentAt is not null)
        {
            return View();
        }
        var now = clock.GetUtcNow();
        fixes[fixes.IndexOf(fix)] = fix with { PermanentFix = permanentFix, MadePermanentBy = action.ResponderId, MadePermanentAt = now };
        var message = $"Temporary fix {number} made permanent: {permanentFix}";
        if (fix.ExpiredAt is null)
        {
            DisarmAfterStore(new TemporaryFixDeadline(number));
        }
        else if (FindLinkedItem(LinkedItemKind.FollowUpTask, FollowUpReference(number)) is { DoneAt: null } followUp)
        {
            // The follow-up asked for exactly this.
            var items = _state.State.LinkedItems;
            items[items.IndexOf(followUp)] = followUp with { DoneBy = action.ResponderId, DoneAt = now };
            message += $"; follow-up task '{followUp.Reference}' is done";
        }
        Append(now, action.ResponderId, TimelineEntryKind.TemporaryFixMadePermanent, ResponderActions.WithNote(message, action.Note));
        await StoreAsync(cancellationToken);
        return View();
    }

    /// <summary>Acts once: a fix already expired or made permanent, or a stale or early deadline, changes nothing.</summary>
    private async Task OnTemporaryFixDeadlineAsync(TemporaryFixDeadline deadline, DateTimeOffset due, CancellationToken cancellationToken)
    {
        var s = _state.State;
        var now = clock.GetUtcNow();
        var fix = s.TemporaryFixes.Find(f => f.Number == deadline.Number);
        if (!_state.RecordExists || fix is null || fix.ExpiresAt != due || now < due || fix.MadePermanentAt is not null || fix.ExpiredAt is not null)
        {
            return;
        }
        s.TemporaryFixes[s.TemporaryFixes.IndexOf(fix)] = fix with { ExpiredAt = now };
        var reference = FollowUpReference(fix.Number);
        if (FindLinkedItem(LinkedItemKind.FollowUpTask, reference) is null)
        {
            s.LinkedItems.Add(new LinkedItem(LinkedItemKind.FollowUpTask, reference, $"Replace temporary fix {fix.Number} with a permanent one: {fix.Description}",
                "clock", now, null, null));
        }
        Append(now, "clock", TimelineEntryKind.TemporaryFixExpired,
            $"Temporary fix {fix.Number} expired without a permanent fix ({fix.Description}); follow-up task '{reference}' must be done before closing.");
        await StoreAsync(cancellationToken);
    }

    private static string FollowUpReference(int number) => $"temporary-fix-{number}";
}
