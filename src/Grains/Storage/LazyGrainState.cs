using Orleans.Storage;

namespace IncidentActors.Storage;

/// <summary>
/// A grain's persisted state, read on first use instead of on activation, so that a grain whose caller knows it was
/// never stored starts without a storage read. A state started as new is stored with an insert, which storage refuses
/// if a stored version exists after all: a wrong "new" fails that one write (the grain then reads on its next
/// activation) and never overwrites what is stored.
/// </summary>
internal sealed class LazyGrainState<T>(string stateName, GrainId grainId, IGrainStorage storage) where T : new()
{
    private GrainState<T> _stored = new(new T());
    private Task? _loading;

    public T State => _stored.State!;

    public bool RecordExists => _stored.RecordExists;

    /// <summary>Reads the stored state unless it is read or known to be new; concurrent callers share one read.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        _loading ??= storage.ReadStateAsync(stateName, grainId, _stored, cancellationToken);
        try
        {
            await _loading;
        }
        catch
        {
            _loading = null;
            throw;
        }
    }

    /// <summary>A fresh read of what storage holds, leaving the state in memory as it is; null when nothing is stored.</summary>
    public async Task<T?> ReadStoredAsync(CancellationToken cancellationToken)
    {
        var stored = new GrainState<T>(new T());
        await storage.ReadStateAsync(stateName, grainId, stored, cancellationToken);
        return stored.RecordExists ? stored.State : default;
    }

    /// <summary>Starts from a fresh state without reading, when the caller knows none was ever stored; no effect once loaded.</summary>
    public void StartNew() => _loading ??= Task.CompletedTask;

    /// <summary>Drops what is in memory, changes not stored included; the next <see cref="LoadAsync"/> reads storage again.</summary>
    public void Forget()
    {
        _stored = new(new T());
        _loading = null;
    }

    /// <summary>Replaces the state in memory, keeping the stored record's version for the next write.</summary>
    public void Replace(T state) => _stored.State = state;

    public Task WriteStateAsync(CancellationToken cancellationToken) =>
        _loading is { IsCompletedSuccessfully: true }
            ? storage.WriteStateAsync(stateName, grainId, _stored, cancellationToken)
            : throw new InvalidOperationException($"State '{stateName}' of {grainId} is written before it was loaded.");
}
