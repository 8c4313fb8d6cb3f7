namespace IncidentActors.Storage;

/// <summary>
/// Coalesces the state writes of a reentrant grain. Changes made while a write is in flight are
/// stored together by the one write that follows it, and every caller returns only once a write
/// that holds its change has completed: durable before acknowledged, at one storage round trip
/// per batch instead of one per call.
/// </summary>
internal sealed class GroupCommit(Func<Task> write)
{
    private bool _writing;
    private TaskCompletionSource? _waitingForNextWrite;

    public async Task CommitAsync()
    {
        if (_writing)
        {
            _waitingForNextWrite ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await _waitingForNextWrite.Task;
            return;
        }

        _writing = true;
        try
        {
            await write();
        }
        finally
        {
            _writing = false;
            StartNextWriteIfWaiting();
        }
    }

    private void StartNextWriteIfWaiting()
    {
        if (_waitingForNextWrite is not { } waiters)
        {
            return;
        }
        _waitingForNextWrite = null;
        _ = CommitForWaitersAsync(waiters);
    }

    private async Task CommitForWaitersAsync(TaskCompletionSource waiters)
    {
        try
        {
            await CommitAsync();
            waiters.SetResult();
        }
        catch (Exception e)
        {
            waiters.SetException(e);
        }
    }
}
