using System.Collections.Immutable;
using IncidentActors.BusinessUnits;
using IncidentActors.Communications;
using IncidentActors.Errors;
using IncidentActors.Services;

namespace IncidentActors.Incidents;

/// <summary>
/// Reporting clocks of an incident's regulatory tags (README, "Regulatory reporting clocks"). Tagging takes on the tag's deadlines
/// as clocks; each starts when its trigger happens, nags its owners at half and nine tenths of its window through a
/// durable deadline, and when it runs out without a delivered report pages the owners and the commander. A report
/// needs one of the unit's approvers: an approved text, or a published regulators' update. Once it reached the
/// regulator's endpoint the clock stops.
/// </summary>
internal static class RegulatoryClocks
{
    public const int MaxReportLength = 64 * 1024;

    /// <summary>Takes on the tag's deadlines as clocks, as the tag is now; they start on the next store once triggered.</summary>
    public static void TakeOn(IncidentState state, RegulatoryTag tag)
    {
        foreach (var deadline in tag.Deadlines.IsDefault ? [] : tag.Deadlines)
        {
            state.RegulatoryClocks.Add(new RegulatoryClock(state.RegulatoryClocks.Count + 1, tag.Tag, deadline.Name, deadline.StartsOn, deadline.Within,
                deadline.BusinessDays, tag.TimeZone ?? "UTC", deadline.Owners.IsDefault ? [] : deadline.Owners));
        }
    }

    /// <summary>
    /// Starts every clock whose trigger has happened (a tag, a major declaration by whatever path) and arms its first
    /// point; called before each write, as every deadline is armed before the write that expects it.
    /// </summary>
    public static async Task StartTriggeredAsync(IncidentContext incident, CancellationToken cancellationToken)
    {
        var s = incident.State;
        if (!s.RegulatoryClocks.Exists(c => c.StartedAt is null))
        {
            return;
        }
        var now = incident.Now;
        foreach (var clock in s.RegulatoryClocks.Where(c => c.StartedAt is null).ToList())
        {
            if (RegulatoryClockRules.TriggeredAt(clock, s, now) is not { } start)
            {
                continue;
            }
            var started = clock with { StartedAt = start, Due = RegulatoryClockRules.Due(start, clock.Within, clock.BusinessDays, clock.TimeZone) };
            await incident.ArmAsync(new RegulatoryClockDeadline(clock.Number), RegulatoryClockRules.NextPoint(started), cancellationToken);
            Replace(s, started);
            incident.Append(now, "clock", TimelineEntryKind.RegulatoryClockStarted,
                $"Regulatory clock {clock.Number} ({clock.Tag} {clock.Name}, {RegulatoryClockRules.Window(clock)}) started at {start:u}: due {started.Due:u}; owners {string.Join(", ", clock.Owners)}");
        }
    }

    /// <summary>
    /// The clock's deadline fired. Returns whether the incident changed, and when to arm it again once stored: the fired
    /// one stays in its shard until this call returns, so a crash before the store fires it again, under the same page keys.
    /// </summary>
    public static async Task<(bool Changed, DateTimeOffset? ArmAt)> OnDeadlineAsync(IncidentContext incident, RegulatoryClockDeadline deadline,
        CancellationToken cancellationToken)
    {
        var s = incident.State;
        if (!incident.Exists || s.RegulatoryClocks.Find(c => c.Number == deadline.Number) is not { } clock)
        {
            return (false, null);
        }
        var now = incident.Now;
        var (wake, nags) = RegulatoryClockRules.OnFire(clock, now);
        var what = $"Regulatory clock {clock.Number} ({clock.Tag} {clock.Name})";
        switch (wake)
        {
            case ClockWake.Rearm:
                return (false, RegulatoryClockRules.NextPoint(clock));
            case ClockWake.Nag:
                await incident.PageAsync(clock.Owners, person => $"{incident.IncidentId}/regulatory/{clock.Number}/nag{nags}/{person}",
                    $"{clock.Tag} {clock.Name} report due {clock.Due:u}", now, cancellationToken);
                var nagged = clock with { Nags = nags };
                Replace(s, nagged);
                incident.Append(now, "clock", TimelineEntryKind.RegulatoryClockNagged,
                    $"{what}: report due {clock.Due:u}, not yet submitted; paged {string.Join(", ", clock.Owners)}");
                return (true, RegulatoryClockRules.NextPoint(nagged));
            case ClockWake.Miss:
                ImmutableArray<string> paged = [.. clock.Owners.Concat(Commander(s) is { } commander ? [commander] : []).Distinct(StringComparer.Ordinal)];
                await incident.PageAsync(paged, person => $"{incident.IncidentId}/regulatory/{clock.Number}/missed/{person}",
                    $"{clock.Tag} {clock.Name} report deadline missed", now, cancellationToken);
                Replace(s, clock with { MissedAt = now });
                incident.Append(now, "clock", TimelineEntryKind.RegulatoryDeadlineMissed,
                    $"{what}: deadline {clock.Due:u} passed without a report delivered to the regulator; paged {string.Join(", ", paged)}");
                return (true, null);
            default:
                return (false, null);
        }
    }

    /// <summary>One of the unit's approvers approves a text for a started clock; approving the same text again changes nothing.</summary>
    public static (RegulatoryClock Clock, bool Changed) Approve(IncidentContext incident, int number, string text, ResponderAction action,
        ImmutableArray<string> groups, CommunicationsPolicy policy)
    {
        IncidentInput.Check(v => AlertValidator.Text(v, "text", text, MaxReportLength, required: true));
        var clock = Open(incident, number);
        if (!policy.Approvers.Include(action.ResponderId, groups))
        {
            throw new PermissionDeniedException($"{action.ResponderId} is not among business unit {incident.State.BusinessUnitId}'s approvers, who approve reports to regulators.");
        }
        var sha = RegulatoryClockRules.Sha256(text);
        if (clock.Approval?.Sha256 == sha)
        {
            return (clock, false);
        }
        var now = incident.Now;
        var approved = clock with { Approval = new ReportApproval(sha, action.ResponderId, now) };
        Replace(incident.State, approved);
        incident.Append(now, action.ResponderId, TimelineEntryKind.RegulatoryReportApproved,
            ResponderActions.WithNote($"Report for regulatory clock {number} ({clock.Tag} {clock.Name}) approved, SHA-256 {sha}", action.Note));
        return (approved, true);
    }

    /// <summary>
    /// What an owner's submission sends, checked before anything is sent: the text and who approved it. Refused unless
    /// the text is the one approved for the clock, or a published regulators' update.
    /// </summary>
    public static (RegulatoryClock Clock, string Text, string ApprovedBy) PrepareSubmission(IncidentContext incident, int number, string? text, int? updateNumber,
        ResponderAction action)
    {
        IncidentInput.Check(v =>
        {
            if ((text is null) == (updateNumber is null))
            {
                v.Add(new("text", "give either the report's text or the number of a published regulators' update (update_number)."));
            }
            AlertValidator.Text(v, "text", text, MaxReportLength, required: false);
        });
        var clock = Open(incident, number, reportedAlready: true);
        if (!clock.Owners.Contains(action.ResponderId))
        {
            throw new PermissionDeniedException($"{action.ResponderId} is not an owner of regulatory clock {number}; its owners are {string.Join(", ", clock.Owners)}.");
        }
        var (report, approvedBy) = updateNumber is { } n ? PublishedUpdate(incident, n) : (text!, ApprovedText(clock, text!));
        if (clock.Reported && !Delivered(clock, report))
        {
            throw new IllegalTransitionException($"A different report for regulatory clock {number} was delivered at {clock.Submission!.SubmittedAt:u}.");
        }
        return (clock, report, approvedBy);
    }

    private static (string Text, string ApprovedBy) PublishedUpdate(IncidentContext incident, int number)
    {
        var update = incident.State.Updates.Find(u => u.Number == number) ?? throw new ResourceNotFoundException("Update", $"{incident.IncidentId}/{number}");
        if (update.Audience != UpdateAudience.Regulators || update.Status != UpdateStatus.Published)
        {
            throw new IllegalTransitionException($"Update {number} is not a published update for regulators; submit the text approved for the clock instead.");
        }
        return (RegulatoryClockRules.ReportText(update), update.ApprovedBy!);
    }

    private static string ApprovedText(RegulatoryClock clock, string text) =>
        clock.Approval is { } approval && approval.Sha256 == RegulatoryClockRules.Sha256(text) ? approval.ApprovedBy
            : throw new IllegalTransitionException(
                $"This text of the report for regulatory clock {clock.Number} is not approved: one of the unit's approvers approves it first (ApproveRegulatoryReport).");

    /// <summary>Whether this very report reached the regulator already, so that a retried submission sends nothing again.</summary>
    public static bool Delivered(RegulatoryClock clock, string text) =>
        clock.Reported && clock.Submission!.Sha256 == RegulatoryClockRules.Sha256(text);

    /// <summary>The tag's regulator endpoint as the unit defines it now; without one nothing can be delivered.</summary>
    public static RegulatorEndpoint Endpoint(BusinessUnitDefinition unit, RegulatoryClock clock) =>
        unit.RegulatoryTags.FirstOrDefault(t => t.Tag == clock.Tag)?.Regulator
        ?? throw new IllegalTransitionException($"Regulatory tag '{clock.Tag}' of business unit '{unit.Id}' names no regulator endpoint to deliver reports to.");

    /// <summary>Keeps the evidence; a delivered report stops the clock's nags and deadline.</summary>
    public static RegulatoryClock RecordSubmission(IncidentContext incident, RegulatoryClock clock, RegulatorySubmission submission, ResponderAction action)
    {
        var submitted = clock with { Submission = submission };
        Replace(incident.State, submitted);
        if (submitted.Reported)
        {
            incident.DisarmAfterStore(new RegulatoryClockDeadline(clock.Number));
        }
        var outcome = submission.Delivery.Delivered
            ? $"delivered{(submission.Delivery.Reference is { } reference ? $", regulator's reference {reference}" : "")}"
            : $"not delivered ({submission.Delivery.Error}); submit again";
        var late = clock.Due is { } due && submission.SubmittedAt > due ? " after its deadline" : "";
        incident.Append(submission.SubmittedAt, action.ResponderId, TimelineEntryKind.RegulatoryReportSubmitted, ResponderActions.WithNote(
            $"Report for regulatory clock {clock.Number} ({clock.Tag} {clock.Name}) submitted{late}, approved by {submission.ApprovedBy}, SHA-256 {submission.Sha256}: {outcome}",
            action.Note));
        return submitted;
    }

    /// <summary>An owner or approver records the regulator's acknowledgement of the delivered report; the same reference again changes nothing.</summary>
    public static (RegulatoryClock Clock, bool Changed) Acknowledge(IncidentContext incident, int number, string reference, ResponderAction action,
        ImmutableArray<string> groups, CommunicationsPolicy policy)
    {
        IncidentInput.Check(v => AlertValidator.Identifier(v, "reference", reference, required: true));
        var clock = Find(incident, number);
        if (!clock.Owners.Contains(action.ResponderId) && !policy.Approvers.Include(action.ResponderId, groups))
        {
            throw new PermissionDeniedException($"{action.ResponderId} is neither an owner of regulatory clock {number} nor one of the unit's approvers.");
        }
        if (!clock.Reported)
        {
            throw new IllegalTransitionException($"No report for regulatory clock {number} reached the regulator yet; there is nothing to acknowledge.");
        }
        if (clock.Submission!.Acknowledgement?.Reference == reference)
        {
            return (clock, false);
        }
        var now = incident.Now;
        var acknowledged = clock with { Submission = clock.Submission with { Acknowledgement = new RegulatorAcknowledgement(reference, action.ResponderId, now) } };
        Replace(incident.State, acknowledged);
        incident.Append(now, action.ResponderId, TimelineEntryKind.RegulatoryReportAcknowledged,
            ResponderActions.WithNote($"Regulator acknowledged the report for regulatory clock {number} ({clock.Tag} {clock.Name}) under reference {reference}", action.Note));
        return (acknowledged, true);
    }

    private static string? Commander(IncidentState s) => s.Roles.Find(r => r.Role == IncidentRole.Commander)?.ResponderId;

    /// <summary>A started clock whose report is still owed (or, when <paramref name="reportedAlready"/>, may have been delivered).</summary>
    private static RegulatoryClock Open(IncidentContext incident, int number, bool reportedAlready = false)
    {
        var clock = Find(incident, number);
        if (clock.StartedAt is null)
        {
            throw new IllegalTransitionException($"Regulatory clock {number} ({clock.Tag} {clock.Name}) has not started: it starts when the incident is declared major.");
        }
        if (clock.Reported && !reportedAlready)
        {
            throw new IllegalTransitionException($"The report for regulatory clock {number} was delivered at {clock.Submission!.SubmittedAt:u}.");
        }
        return clock;
    }

    private static RegulatoryClock Find(IncidentContext incident, int number)
    {
        incident.EnsureExists();
        if (number < 1)
        {
            throw new InvalidRequestException("clock", "must be 1 or more.");
        }
        return incident.State.RegulatoryClocks.Find(c => c.Number == number) ?? throw new ResourceNotFoundException("Regulatory clock", $"{incident.IncidentId}/{number}");
    }

    private static void Replace(IncidentState state, RegulatoryClock clock) => state.RegulatoryClocks[clock.Number - 1] = clock;
}
