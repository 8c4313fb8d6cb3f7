using IncidentActors.Errors;

namespace IncidentActors.Incidents;

/// <summary>
/// The incident's side of its runbook executions, which run outside its calls: each entry they report goes into the
/// timeline once, and an opened breaker pages whoever carries the incident (commander, else who acknowledged it, else
/// who its current step paged) under keys that make a repeated report page nobody twice.
/// </summary>
internal static class RunbookEntries
{
    private static readonly HashSet<TimelineEntryKind> Kinds =
    [
        TimelineEntryKind.RunbookStarted, TimelineEntryKind.RunbookStepDone, TimelineEntryKind.RunbookStepFailed, TimelineEntryKind.RunbookStepApproved,
        TimelineEntryKind.RunbookBreakerOpened, TimelineEntryKind.RunbookBreakerReset, TimelineEntryKind.RunbookRolledBack, TimelineEntryKind.RunbookFinished,
    ];

    public static async Task<bool> RecordAsync(IncidentContext incident, RunbookEntry entry, CancellationToken cancellationToken)
    {
        incident.EnsureExists();
        if (!Kinds.Contains(entry.Kind))
        {
            throw new InvalidRequestException("kind", $"{entry.Kind} is not what a runbook records on an incident.");
        }
        var s = incident.State;
        if (s.AppliedRunbookEntries.Contains(entry.Key))
        {
            return false;
        }
        var message = entry.Message;
        if (entry.PageCarriers)
        {
            var told = DutyClockRules.Carriers(s);
            await incident.PageAsync(told, person => $"{incident.IncidentId}/runbook/{entry.Key}/{person}", entry.Message, incident.Now, cancellationToken);
            message += $"; paged {(told.Count == 0 ? "nobody (no one carries the incident)" : string.Join(", ", told))}";
        }
        s.AppliedRunbookEntries.Add(entry.Key);
        incident.Append(entry.At, entry.Actor, entry.Kind, message);
        return true;
    }
}
