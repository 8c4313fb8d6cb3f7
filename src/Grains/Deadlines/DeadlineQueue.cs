namespace IncidentActors.Deadlines;

/// <summary>
/// The deadlines of a shard waiting to be fired, by when: the earliest and everything due are
/// found in logarithmic time, so a shard holding thousands stays cheap to fire and re-arm.
/// </summary>
public sealed class DeadlineQueue
{
    private readonly SortedSet<(DateTimeOffset At, string Key)> _byTime = new();
    private readonly Dictionary<string, DateTimeOffset> _atByKey = new(StringComparer.Ordinal);

    public int Count => _atByKey.Count;

    public DateTimeOffset? Earliest => _byTime.Count == 0 ? null : _byTime.Min.At;

    /// <summary>Queues the key at <paramref name="at"/>, moving it if it was queued already.</summary>
    public void Schedule(string key, DateTimeOffset at)
    {
        Remove(key);
        _atByKey[key] = at;
        _byTime.Add((at, key));
    }

    public void Remove(string key)
    {
        if (_atByKey.Remove(key, out var at))
        {
            _byTime.Remove((at, key));
        }
    }

    /// <summary>Takes up to <paramref name="limit"/> keys due at or before <paramref name="now"/> out of the queue, earliest first.</summary>
    public List<string> TakeDue(DateTimeOffset now, int limit = int.MaxValue)
    {
        var due = new List<string>();
        while (due.Count < limit && _byTime.Count > 0 && _byTime.Min.At <= now)
        {
            var (_, key) = _byTime.Min;
            Remove(key);
            due.Add(key);
        }
        return due;
    }
}
