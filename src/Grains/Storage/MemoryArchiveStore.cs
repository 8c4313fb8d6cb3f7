using System.Collections.Concurrent;

namespace IncidentActors.Storage;

/// <summary>The archive of the in-memory storage mode: gone with the process, like the hot state it takes from.</summary>
public sealed class MemoryArchiveStore : IArchiveStore
{
    private readonly ConcurrentDictionary<string, byte[]> _documents = new(StringComparer.Ordinal);

    public Task WriteAsync(string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        _documents[name] = content.ToArray();
        return Task.CompletedTask;
    }

    public Task<byte[]?> ReadAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(_documents.TryGetValue(name, out var content) ? content.ToArray() : null);

    public Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        _documents.TryRemove(name, out _);
        return Task.CompletedTask;
    }
}
