using System.Collections.Immutable;
using IncidentActors.Storage;

namespace IncidentActors.Audit;

internal sealed class AuditLogGrain(
    [PersistentState("auditLog", StorageNames.Incidents)] IPersistentState<AuditLogState> state) : Grain, IAuditLogGrain
{
    /// <summary>The page stores the entry first; the log then counts it, and begins a new page once this one is full.</summary>
    public async Task Append(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        var s = state.State;
        s.Pages = Math.Max(s.Pages, 1);
        var held = await Page(s.Pages - 1).Append(entry, cancellationToken);
        s.Total++;
        if (held >= IAuditPageGrain.Capacity)
        {
            s.Pages++;
        }
        await state.WriteStateAsync(cancellationToken);
    }

    public async Task<AuditPage> Read(int offset, int limit, CancellationToken cancellationToken = default)
    {
        var entries = ImmutableArray.CreateBuilder<AuditEntry>();
        var skip = Math.Max(offset, 0);
        for (var number = 0; number < state.State.Pages && entries.Count < limit; number++)
        {
            var page = await Page(number).Entries(cancellationToken);
            entries.AddRange(page.Skip(skip).Take(limit - entries.Count));
            skip = Math.Max(skip - page.Length, 0);
        }
        return new AuditPage(entries.ToImmutable(), state.State.Total);
    }

    private IAuditPageGrain Page(int number) => GrainFactory.GetGrain<IAuditPageGrain>($"{this.GetPrimaryKeyString()}/{number}");
}
