using Azure;
using Azure.Data.Tables;

namespace IncidentActors.AzureStorage;

/// <summary>
/// Adds and replaces table entities, committing concurrent writes to one partition together as one entity group
/// transaction. A partition has at most one request in flight; what arrives meanwhile waits for the next one, so an
/// idle partition writes at once and a busy one writes in batches as large as the load makes them. Each caller
/// returns when the transaction holding its entity has committed, with its entity's new ETag, or fails alone with its
/// own entity's error: a transaction rejected for one entity is submitted again without it.
/// </summary>
internal sealed class EntityGroupWriter(TableClient table)
{
    /// <summary>Azure's limit of operations per entity group transaction.</summary>
    internal const int MaxActions = 100;

    /// <summary>Azure allows 4 MiB per transaction request; this leaves room for the batch's framing and headers.</summary>
    internal const int MaxBatchBytes = 3 * 1024 * 1024;

    private readonly Dictionary<string, List<PendingWrite>> _waiting = new(StringComparer.Ordinal);

    /// <summary>Adds the entity when <paramref name="ifMatch"/> is null, else replaces the version it names.</summary>
    /// <param name="encodedBytes">About how many bytes the entity takes on the wire, to keep a transaction within Azure's limit.</param>
    public Task<ETag> WriteAsync(TableEntity entity, ETag? ifMatch, int encodedBytes)
    {
        var write = new PendingWrite(entity, ifMatch, encodedBytes);
        bool first;
        lock (_waiting)
        {
            first = !_waiting.TryGetValue(entity.PartitionKey, out var queue);
            if (first)
            {
                _waiting[entity.PartitionKey] = queue = [];
            }
            queue!.Add(write);
        }
        if (first)
        {
            // Off the caller's scheduler: the partition's writes outlive the grain activation that started them.
            _ = Task.Run(() => DrainAsync(entity.PartitionKey));
        }
        return write.Committed.Task;
    }

    private async Task DrainAsync(string partitionKey)
    {
        while (TakeBatch(partitionKey) is { Count: > 0 } batch)
        {
            var retry = await CommitAsync(batch);
            if (retry.Count > 0)
            {
                lock (_waiting)
                {
                    _waiting[partitionKey].InsertRange(0, retry);
                }
            }
        }
    }

    /// <summary>The oldest writes that fit one transaction, at most one per entity; empty (and the partition idle) when none wait.</summary>
    private List<PendingWrite> TakeBatch(string partitionKey)
    {
        lock (_waiting)
        {
            var queue = _waiting[partitionKey];
            if (queue.Count == 0)
            {
                _waiting.Remove(partitionKey);
                return [];
            }
            var batch = new List<PendingWrite>();
            var rowKeys = new HashSet<string>(StringComparer.Ordinal);
            var bytes = 0;
            foreach (var write in queue)
            {
                if (batch.Count == MaxActions || (batch.Count > 0 && bytes + write.EncodedBytes > MaxBatchBytes))
                {
                    break;
                }
                // A transaction may touch an entity once; a second write of it waits for the next one.
                if (rowKeys.Add(write.Entity.RowKey))
                {
                    batch.Add(write);
                    bytes += write.EncodedBytes;
                }
            }
            queue.RemoveAll(batch.Contains);
            return batch;
        }
    }

    /// <summary>Commits the batch and completes its writes; returns the writes that were not applied and must go again.</summary>
    private async Task<List<PendingWrite>> CommitAsync(List<PendingWrite> batch)
    {
        if (batch.Count == 1)
        {
            await CommitAloneAsync(batch[0]);
            return [];
        }
        try
        {
            var responses = await table.SubmitTransactionAsync(batch.Select(w => w.Action));
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Complete(responses.Value[i]);
            }
            return [];
        }
        catch (TableTransactionFailedException e) when (e.FailedTransactionActionIndex is int failed && failed < batch.Count)
        {
            // Nothing of the transaction was applied; only the entity that failed it is answered.
            batch[failed].Committed.TrySetException(e);
            batch.RemoveAt(failed);
            return batch;
        }
        catch (Exception e)
        {
            // Whether an ambiguous failure (a timeout) applied the transaction is unknown, for every write in it alike.
            foreach (var write in batch)
            {
                write.Committed.TrySetException(e);
            }
            return [];
        }
    }

    private async Task CommitAloneAsync(PendingWrite write)
    {
        try
        {
            var response = write.IfMatch is { } etag
                ? await table.UpdateEntityAsync(write.Entity, etag, TableUpdateMode.Replace)
                : await table.AddEntityAsync(write.Entity);
            write.Complete(response);
        }
        catch (Exception e)
        {
            write.Committed.TrySetException(e);
        }
    }

    private sealed class PendingWrite(TableEntity entity, ETag? ifMatch, int encodedBytes)
    {
        public TableEntity Entity { get; } = entity;
        public ETag? IfMatch { get; } = ifMatch;
        public int EncodedBytes { get; } = encodedBytes;
        public TaskCompletionSource<ETag> Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TableTransactionAction Action => IfMatch is { } etag
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, Entity, etag)
            : new TableTransactionAction(TableTransactionActionType.Add, Entity);

        public void Complete(Response response)
        {
            if (response.Headers.ETag is { } etag)
            {
                Committed.TrySetResult(etag);
            }
            else
            {
                Committed.TrySetException(new InvalidOperationException("Azure Tables returned no ETag for a written entity."));
            }
        }
    }
}
