using Orleans.Storage;

namespace IncidentActors.Storage;

/// <summary>How a grain's state buckets are named in storage.</summary>
internal static class StateBuckets
{
    public static string Name(string stateName, int bucket) => $"{stateName}-{bucket:D2}";

    /// <summary>FNV-1a over the key's characters: the same on every runtime and version, as a stored bucket number needs.</summary>
    public static int Of(string key, int count)
    {
        var hash = 2166136261u;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return (int)(hash % count);
    }
}

/// <summary>
/// A grain's keyed items, stored as a fixed number of records instead of one, so that changing an item rewrites only
/// the record that holds it. A single record grows with everything the grain holds, and rewriting it on each change
/// makes the bytes stored grow with the square of what it holds. The records of one grain share a storage partition,
/// so the buckets changed together still go out as one transaction.
/// </summary>
/// <param name="stateName">The buckets' name; also where a grain kept all its items as one record before they were
/// bucketed, which <see cref="LoadAsync"/> folds into the buckets when found.</param>
/// <param name="count">Fixed for a grain type: an item's bucket is stored by number, so changing it would hide stored items.</param>
internal sealed class StateBuckets<TState, TItem>(IGrainStorage storage, GrainId grain, string stateName, int count, Func<TState, Dictionary<string, TItem>> itemsOf)
    where TState : class, new()
{
    private readonly GrainState<TState>[] _buckets = [.. Enumerable.Range(0, count).Select(_ => new GrainState<TState>(new TState()))];

    private readonly HashSet<int> _unstored = [];

    public int Total => _buckets.Sum(b => ItemsIn(b).Count);

    public bool HasUnstoredChanges => _unstored.Count > 0;

    public IEnumerable<KeyValuePair<string, TItem>> All => _buckets.SelectMany(ItemsIn);

    public IEnumerable<TItem> Values => _buckets.SelectMany(b => ItemsIn(b).Values);

    public TItem this[string key] => Of(key)[key];

    public bool TryGetValue(string key, out TItem item) => Of(key).TryGetValue(key, out item!);

    public void Set(string key, TItem item)
    {
        Of(key)[key] = item;
        _unstored.Add(StateBuckets.Of(key, count));
    }

    public bool Remove(string key)
    {
        if (!Of(key).Remove(key))
        {
            return false;
        }
        _unstored.Add(StateBuckets.Of(key, count));
        return true;
    }

    /// <summary>Reads the buckets, and folds in a single record the grain stored under the same name before it bucketed.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await LoadBucketsAsync(cancellationToken);
        var whole = new GrainState<TState>(new TState());
        await storage.ReadStateAsync(stateName, grain, whole, cancellationToken);
        if (!whole.RecordExists)
        {
            return;
        }
        await FoldInAsync(ItemsIn(whole));
        // Cleared only once the buckets hold its items: a crash in between folds them in again.
        await storage.ClearStateAsync(stateName, grain, whole, cancellationToken);
    }

    public Task LoadBucketsAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_buckets.Select((bucket, i) => storage.ReadStateAsync(StateBuckets.Name(stateName, i), grain, bucket, cancellationToken)));

    /// <summary>Stores items a grain kept elsewhere before it bucketed them; a key the buckets hold was written since, and stays.</summary>
    public async Task FoldInAsync(IEnumerable<KeyValuePair<string, TItem>> older)
    {
        foreach (var (key, item) in older)
        {
            if (!TryGetValue(key, out _))
            {
                Set(key, item);
            }
        }
        await StoreChangesAsync();
    }

    /// <summary>Writes every bucket changed since the last write, together; on failure they stay to be written.</summary>
    public async Task StoreChangesAsync()
    {
        var changed = _unstored.ToArray();
        _unstored.Clear();
        try
        {
            await Task.WhenAll(changed.Select(i => storage.WriteStateAsync(StateBuckets.Name(stateName, i), grain, _buckets[i])));
        }
        catch
        {
            _unstored.UnionWith(changed);
            throw;
        }
    }

    private Dictionary<string, TItem> Of(string key) => ItemsIn(_buckets[StateBuckets.Of(key, count)]);

    private Dictionary<string, TItem> ItemsIn(GrainState<TState> bucket) => itemsOf(bucket.State!);
}
