using System.Collections.Immutable;
using IncidentActors.Errors;
using IncidentActors.Services;

namespace IncidentActors.Incidents;

/// <summary>
/// Linked items: child incidents and external records (problem records, change requests, follow-up
/// tasks). An incident does not close while one is open. Whether a child is open is asked of the
/// child when closing, never remembered: it may have been resolved or reopened since it was linked.
/// </summary>
internal sealed partial class IncidentGrain
{
    public async Task<IncidentView> LinkItem(LinkedItemKind kind, string reference, string? title, ResponderAction action,
        CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        var violations = ImmutableArray.CreateBuilder<FieldViolation>();
        ValidateLinkedItem(violations, kind, reference);
        AlertValidator.Text(violations, "title", title, AlertValidator.MaxSummaryLength, required: false);
        if (kind == LinkedItemKind.ChildIncident && reference == IncidentId)
        {
            violations.Add(new("reference", "an incident cannot be its own child."));
        }
        if (violations.Count > 0)
        {
            throw new InvalidRequestException(violations.ToImmutable());
        }
        EnsureExists();
        if (FindLinkedItem(kind, reference) is not null)
        {
            return View();
        }
        title = string.IsNullOrWhiteSpace(title) ? null : title;
        if (kind == LinkedItemKind.ChildIncident)
        {
            // An unknown incident is refused with NotFound here.
            title ??= (await GrainFactory.GetGrain<IIncidentGrain>(reference).Summarize(cancellationToken)).Title;
        }
        var now = clock.GetUtcNow();
        var item = new LinkedItem(kind, reference, title ?? reference, action.ResponderId, now, null, null);
        _state.State.LinkedItems.Add(item);
        Append(now, action.ResponderId, TimelineEntryKind.ItemLinked,
            ResponderActions.WithNote($"Linked {Describe(item)}{(item.Title == reference ? "" : $" ({item.Title})")}", action.Note));
        await StoreAsync(cancellationToken);
        return View();
    }

    public async Task<IncidentView> UnlinkItem(LinkedItemKind kind, string reference, ResponderAction action, CancellationToken cancellationToken = default)
    {
        ValidateLinkedItemRequest(kind, reference, action);
        EnsureExists();
        if (FindLinkedItem(kind, reference) is not { } item)
        {
            return View();
        }
        _state.State.LinkedItems.Remove(item);
        Append(clock.GetUtcNow(), action.ResponderId, TimelineEntryKind.ItemUnlinked, ResponderActions.WithNote($"Unlinked {Describe(item)}", action.Note));
        await StoreAsync(cancellationToken);
        return View();
    }

    public async Task<IncidentView> CompleteLinkedItem(LinkedItemKind kind, string reference, ResponderAction action, CancellationToken cancellationToken = default)
    {
        ValidateLinkedItemRequest(kind, reference, action);
        EnsureExists();
        var item = FindLinkedItem(kind, reference) ?? throw new ResourceNotFoundException($"Linked {KindName(kind)}", reference);
        if (kind == LinkedItemKind.ChildIncident)
        {
            throw new IllegalTransitionException($"A child incident is done when it is resolved itself; resolve incident '{reference}' instead.");
        }
        if (item.DoneAt is not null)
        {
            return View();
        }
        var now = clock.GetUtcNow();
        var items = _state.State.LinkedItems;
        items[items.IndexOf(item)] = item with { DoneBy = action.ResponderId, DoneAt = now };
        Append(now, action.ResponderId, TimelineEntryKind.LinkedItemDone, ResponderActions.WithNote($"Done: {Describe(item)}", action.Note));
        await StoreAsync(cancellationToken);
        return View();
    }

    public Task<IncidentSummary> Summarize(CancellationToken cancellationToken = default)
    {
        EnsureExists();
        return Task.FromResult(Summary());
    }

    /// <summary>Every linked item still open, each child as it is now.</summary>
    private async Task<List<string>> OpenLinkedItemsAsync(CancellationToken cancellationToken)
    {
        var items = _state.State.LinkedItems;
        var children = await Task.WhenAll(items.Where(i => i.Kind == LinkedItemKind.ChildIncident)
            .Select(i => GrainFactory.GetGrain<IIncidentGrain>(i.Reference).Summarize(cancellationToken)));
        return
        [
            .. children.Where(c => c.Status != IncidentStatus.Resolved).Select(c => $"child incident '{c.Id}' ({c.Status.ToString().ToLowerInvariant()})"),
            .. items.Where(i => i.Kind != LinkedItemKind.ChildIncident && i.DoneAt is null).Select(Describe),
        ];
    }

    private LinkedItem? FindLinkedItem(LinkedItemKind kind, string reference) =>
        _state.State.LinkedItems.Find(i => i.Kind == kind && i.Reference == reference);

    private static void ValidateLinkedItemRequest(LinkedItemKind kind, string reference, ResponderAction action)
    {
        ResponderActions.Validate(action);
        var violations = ImmutableArray.CreateBuilder<FieldViolation>();
        ValidateLinkedItem(violations, kind, reference);
        if (violations.Count > 0)
        {
            throw new InvalidRequestException(violations.ToImmutable());
        }
    }

    private static void ValidateLinkedItem(ImmutableArray<FieldViolation>.Builder violations, LinkedItemKind kind, string reference)
    {
        if (!Enum.IsDefined(kind))
        {
            violations.Add(new("kind", "must be child incident, problem record, change request or follow-up task."));
        }
        AlertValidator.Identifier(violations, "reference", reference, required: true);
    }

    private static string Describe(LinkedItem item) => $"{KindName(item.Kind)} '{item.Reference}'";

    private static string KindName(LinkedItemKind kind) => kind switch
    {
        LinkedItemKind.ChildIncident => "child incident",
        LinkedItemKind.ProblemRecord => "problem record",
        LinkedItemKind.ChangeRequest => "change request",
        _ => "follow-up task",
    };
}
