using System.Collections.Immutable;
using IncidentActors.BusinessUnits;
using IncidentActors.Communications;
using IncidentActors.Reviews;

namespace IncidentActors.Incidents;

/// <summary>
/// Read-confirmation loops: an update the unit's policy marks critical (by audience and severity) arms the incident's
/// <c>read-confirmation</c> deadline. Recipients who have not confirmed within the rule's limit are paged again, marked as a
/// reminder; still unconfirmed after the second limit, the update's owner (its communications lead, else commander) is
/// paged with their names — or the unit's leads when the owner is among them. Confirming ends the loop for that person;
/// resolving the incident ends it for everyone. Each reminder and escalation is a timeline entry.
/// </summary>
internal static class ReadConfirmations
{
    /// <summary>The first of the unit's rules for this audience that the incident's severity reaches; null when none asks.</summary>
    public static ReadConfirmation? For(CommunicationsPolicy policy, UpdateAudience audience, IncidentSeverity severity) =>
        policy.ReadConfirmations.IsDefault ? null : policy.ReadConfirmations.FirstOrDefault(c => c.Audience == audience && severity <= c.MinimumSeverity);

    /// <summary>When the loop's next step falls due across the incident's updates; null when nothing is owed.</summary>
    public static DateTimeOffset? NextDue(IncidentState state) =>
        state.Status == IncidentStatus.Resolved ? null
        : state.Updates.Where(u => u is { Status: UpdateStatus.Published, Confirmation: not null, PublishedAt: not null, Recipients.IsDefault: false })
            .SelectMany(u => u.Recipients.Where(r => r.ReadAt is null && r.EscalatedAt is null)
                .Select(r => (DateTimeOffset?)(u.PublishedAt!.Value + u.Confirmation!.Within + (r.RemindedAt is null ? TimeSpan.Zero : u.Confirmation.EscalateAfter))))
            .Min();

    /// <summary>Armed before the write that published the update, as commands arm.</summary>
    public static async Task ArmAsync(IncidentContext incident, CancellationToken cancellationToken)
    {
        if (NextDue(incident.State) is { } due)
        {
            await incident.ArmAsync(ReadConfirmationDeadline.Instance, due, cancellationToken);
        }
    }

    /// <summary>Reminds and escalates what is due; returns whether the incident changed and when to arm again once stored.</summary>
    public static async Task<(bool Changed, DateTimeOffset? ArmAt)> OnDeadlineAsync(IncidentContext incident, CancellationToken cancellationToken)
    {
        if (!incident.Exists)
        {
            return (false, null);
        }
        var s = incident.State;
        var now = incident.Now;
        var changed = false;
        for (var i = 0; i < s.Updates.Count && s.Status != IncidentStatus.Resolved; i++)
        {
            if (s.Updates[i] is not { Status: UpdateStatus.Published, Confirmation: { } rule, PublishedAt: { } at, Recipients.IsDefault: false } update)
            {
                continue;
            }
            var remind = update.Recipients.Where(r => r is { ReadAt: null, RemindedAt: null } && now >= at + rule.Within).Select(r => r.PersonId).ToList();
            var escalate = update.Recipients.Where(r => r is { ReadAt: null, RemindedAt: not null, EscalatedAt: null } && now >= at + rule.Within + rule.EscalateAfter)
                .Select(r => r.PersonId).ToList();
            if (remind.Count > 0)
            {
                await incident.PageAsync(remind, person => $"{incident.IncidentId}/update/{update.Number}/{person}/reminder",
                    $"Reminder: confirm reading update {update.Number}: {update.Subject}", now, cancellationToken, reminder: true);
                incident.Append(now, "clock", TimelineEntryKind.UpdateReadReminded,
                    $"Update {update.Number} not confirmed within {rule.Within.TotalMinutes:0.#} min; reminded {string.Join(", ", remind)}.");
            }
            if (escalate.Count > 0)
            {
                var owner = CommunicationRules.Owner(s);
                ImmutableArray<string> told = owner is not null && !escalate.Contains(owner)
                    ? [owner]
                    : await UnitLeads.FindAsync(incident.Grains, s.BusinessUnitId, cancellationToken);
                await incident.PageAsync(told, person => $"{incident.IncidentId}/update/{update.Number}/unconfirmed/{person}",
                    $"Update {update.Number} still not confirmed by {string.Join(", ", escalate)}", now, cancellationToken, reminder: true);
                incident.Append(now, "clock", TimelineEntryKind.UpdateReadEscalated,
                    $"Update {update.Number} still not confirmed by {string.Join(", ", escalate)}; paged {(told.IsEmpty ? "nobody" : string.Join(", ", told))}.");
            }
            if (remind.Count + escalate.Count > 0)
            {
                s.Updates[i] = update with
                {
                    Recipients = [.. update.Recipients.Select(r => remind.Contains(r.PersonId) ? r with { RemindedAt = now }
                        : escalate.Contains(r.PersonId) ? r with { EscalatedAt = now } : r)],
                };
                changed = true;
            }
        }
        return (changed, NextDue(s));
    }
}
