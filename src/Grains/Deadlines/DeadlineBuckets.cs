using Orleans.Storage;

namespace IncidentActors.Deadlines;

/// <summary>
/// A shard's deadlines, stored as <see cref="Count"/> records instead of one, so that arming or removing a deadline
/// rewrites only the record that holds it. A single record grows with every deadline armed in the shard, and
/// rewriting it on each arm makes the bytes stored grow with the square of what is armed. The records of one grain
/// share a storage partition, so the buckets changed together still go out as one transaction.
/// </summary>
internal sealed class DeadlineBuckets(IGrainStorage storage, GrainId shard)
{
    /// <summary>Fixed: a deadline's bucket is stored by number, so changing the count would hide stored deadlines.</summary>
    public const int Count = 64;

    /// <summary>Where a shard kept all its deadlines before they were bucketed; folded into the buckets when found.</summary>
    public const string WholeShardStateName = "deadlines";

    private readonly GrainState<DeadlineShardState>[] _buckets =
        [.. Enumerable.Range(0, Count).Select(_ => new GrainState<DeadlineShardState>(new DeadlineShardState()))];

    private readonly HashSet<int> _unstored = [];

    public static string BucketName(int bucket) => $"deadlines-{bucket:D2}";

    public int Total => _buckets.Sum(b => DeadlinesIn(b).Count);

    public bool HasUnstoredChanges => _unstored.Count > 0;

    public IEnumerable<KeyValuePair<string, DeadlineEntry>> All => _buckets.SelectMany(DeadlinesIn);

    public DeadlineEntry this[string key] => Of(key)[key];

    public bool TryGetValue(string key, out DeadlineEntry deadline) => Of(key).TryGetValue(key, out deadline!);

    public void Set(string key, DeadlineEntry deadline)
    {
        Of(key)[key] = deadline;
        _unstored.Add(BucketOf(key));
    }

    public bool Remove(string key)
    {
        if (!Of(key).Remove(key))
        {
            return false;
        }
        _unstored.Add(BucketOf(key));
        return true;
    }

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(_buckets.Select((bucket, i) => storage.ReadStateAsync(BucketName(i), shard, bucket, cancellationToken)));
        var whole = new GrainState<DeadlineShardState>(new DeadlineShardState());
        await storage.ReadStateAsync(WholeShardStateName, shard, whole, cancellationToken);
        if (!whole.RecordExists)
        {
            return;
        }
        foreach (var (key, deadline) in DeadlinesIn(whole))
        {
            // A bucket holding the key was written after the whole-shard record, so it holds the newer arming.
            if (!TryGetValue(key, out _))
            {
                Set(key, deadline);
            }
        }
        // Cleared only once the buckets hold its deadlines: a crash in between folds them in again, and a deadline
        // fired twice is one its owner no longer holds.
        await StoreChangesAsync();
        await storage.ClearStateAsync(WholeShardStateName, shard, whole, cancellationToken);
    }

    /// <summary>Writes every bucket changed since the last write, together; on failure they stay to be written.</summary>
    public async Task StoreChangesAsync()
    {
        var changed = _unstored.ToArray();
        _unstored.Clear();
        try
        {
            await Task.WhenAll(changed.Select(i => storage.WriteStateAsync(BucketName(i), shard, _buckets[i])));
        }
        catch
        {
            _unstored.UnionWith(changed);
            throw;
        }
    }

    private Dictionary<string, DeadlineEntry> Of(string key) => DeadlinesIn(_buckets[BucketOf(key)]);

    private static Dictionary<string, DeadlineEntry> DeadlinesIn(GrainState<DeadlineShardState> bucket) => bucket.State!.Deadlines;

    /// <summary>FNV-1a over the key's characters: the same on every runtime and version, as a stored bucket number needs.</summary>
    private static int BucketOf(string key)
    {
        var hash = 2166136261u;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return (int)(hash % Count);
    }
}
