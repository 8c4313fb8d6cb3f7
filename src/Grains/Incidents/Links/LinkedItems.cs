using System.Collections.Immutable;
using IncidentActors.Errors;
using IncidentActors.Services;

namespace IncidentActors.Incidents;

/// <summary>
/// Linked items: child incidents and external records (problem records, change requests, follow-up tasks). An incident
/// does not close while one is open. Whether a child is open is asked of the child when closing, never remembered: it
/// may have been resolved or reopened since it was linked.
/// </summary>
internal static class LinkedItems
{
    public static void ValidateLink(string incidentId, LinkedItemKind kind, string reference, string? title) => IncidentInput.Check(v =>
    {
        Validate(v, kind, reference);
        AlertValidator.Text(v, "title", title, AlertValidator.MaxSummaryLength, required: false);
        if (kind == LinkedItemKind.ChildIncident && reference == incidentId)
        {
            v.Add(new("reference", "an incident cannot be its own child."));
        }
    });

    public static void Validate(LinkedItemKind kind, string reference) => IncidentInput.Check(v => Validate(v, kind, reference));

    public static LinkedItem? Find(IncidentState state, LinkedItemKind kind, string reference) =>
        state.LinkedItems.Find(i => i.Kind == kind && i.Reference == reference);

    /// <summary>Links the item unless it is linked already (false); a child's title is its own unless one is given.</summary>
    public static async Task<bool> LinkAsync(IncidentContext incident, LinkedItemKind kind, string reference, string? title, ResponderAction action,
        CancellationToken cancellationToken)
    {
        ValidateLink(incident.IncidentId, kind, reference, title);
        incident.EnsureExists();
        if (Find(incident.State, kind, reference) is not null)
        {
            return false;
        }
        title = string.IsNullOrWhiteSpace(title) ? null : title;
        // A change under a running freeze is refused here unless overridden, and the override is named on the timeline.
        var freezeOverride = kind == LinkedItemKind.ChangeRequest
            ? await incident.Grains.GetGrain<IServiceGrain>(incident.State.ServiceId).AdmitChange(reference, cancellationToken)
            : null;
        if (kind == LinkedItemKind.ChildIncident)
        {
            // An unknown incident is refused with NotFound here.
            title ??= (await incident.Grains.GetGrain<IIncidentGrain>(reference).Summarize(cancellationToken)).Title;
        }
        var now = incident.Now;
        var item = new LinkedItem(kind, reference, title ?? reference, action.ResponderId, now, null, null);
        incident.State.LinkedItems.Add(item);
        incident.Append(now, action.ResponderId, TimelineEntryKind.ItemLinked,
            ResponderActions.WithNote($"Linked {Describe(item)}{(item.Title == reference ? "" : $" ({item.Title})")}" +
                (freezeOverride is null ? "" : $" under the change freeze, overridden by {freezeOverride.ApprovedBy}: {freezeOverride.Reason}"), action.Note));
        return true;
    }

    public static bool Unlink(IncidentContext incident, LinkedItemKind kind, string reference, ResponderAction action)
    {
        Validate(kind, reference);
        incident.EnsureExists();
        if (Find(incident.State, kind, reference) is not { } item)
        {
            return false;
        }
        incident.State.LinkedItems.Remove(item);
        incident.Append(incident.Now, action.ResponderId, TimelineEntryKind.ItemUnlinked, ResponderActions.WithNote($"Unlinked {Describe(item)}", action.Note));
        return true;
    }

    /// <summary>Marks a linked record done; a child incident is done only by being resolved.</summary>
    public static bool CompleteItem(IncidentContext incident, LinkedItemKind kind, string reference, ResponderAction action)
    {
        Validate(kind, reference);
        incident.EnsureExists();
        var item = Find(incident.State, kind, reference) ?? throw new ResourceNotFoundException($"Linked {KindName(kind)}", reference);
        if (kind == LinkedItemKind.ChildIncident)
        {
            throw new IllegalTransitionException($"A child incident is done when it is resolved itself; resolve incident '{reference}' instead.");
        }
        if (item.DoneAt is not null)
        {
            return false;
        }
        var now = incident.Now;
        Complete(incident.State, item, action.ResponderId, now);
        incident.Append(now, action.ResponderId, TimelineEntryKind.LinkedItemDone, ResponderActions.WithNote($"Done: {Describe(item)}", action.Note));
        return true;
    }

    /// <summary>Marks an item done in place.</summary>
    public static void Complete(IncidentState state, LinkedItem item, string by, DateTimeOffset now) =>
        state.LinkedItems[state.LinkedItems.IndexOf(item)] = item with { DoneBy = by, DoneAt = now };

    /// <summary>Every linked item still open, each child as it is now.</summary>
    public static async Task<List<string>> OpenAsync(IncidentContext incident, CancellationToken cancellationToken)
    {
        var items = incident.State.LinkedItems;
        var children = await Task.WhenAll(items.Where(i => i.Kind == LinkedItemKind.ChildIncident)
            .Select(i => incident.Grains.GetGrain<IIncidentGrain>(i.Reference).Summarize(cancellationToken)));
        return Open(items, children);
    }

    public static List<string> Open(IEnumerable<LinkedItem> items, IEnumerable<IncidentSummary> children) =>
    [
        .. children.Where(c => c.Status != IncidentStatus.Resolved).Select(c => $"child incident '{c.Id}' ({c.Status.ToString().ToLowerInvariant()})"),
        .. items.Where(i => i.Kind != LinkedItemKind.ChildIncident && i.DoneAt is null).Select(Describe),
    ];

    public static string Describe(LinkedItem item) => $"{KindName(item.Kind)} '{item.Reference}'";

    public static string KindName(LinkedItemKind kind) => kind switch
    {
        LinkedItemKind.ChildIncident => "child incident",
        LinkedItemKind.ProblemRecord => "problem record",
        LinkedItemKind.ChangeRequest => "change request",
        _ => "follow-up task",
    };

    private static void Validate(ImmutableArray<FieldViolation>.Builder violations, LinkedItemKind kind, string reference)
    {
        if (!Enum.IsDefined(kind))
        {
            violations.Add(new("kind", "must be child incident, problem record, change request or follow-up task."));
        }
        AlertValidator.Identifier(violations, "reference", reference, required: true);
    }
}
