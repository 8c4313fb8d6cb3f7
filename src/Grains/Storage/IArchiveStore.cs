namespace IncidentActors.Storage;

/// <summary>
/// Cold storage for what retention moves out of hot state: whole documents by name, written once and read rarely.
/// Names are paths such as "&lt;unit&gt;/&lt;incident&gt;"; the store keeps each cluster's documents apart.
/// </summary>
public interface IArchiveStore
{
    /// <summary>Writes the document, replacing one of the same name (a retried archiving writes the same again).</summary>
    Task WriteAsync(string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>The document, or null when none of that name is stored.</summary>
    Task<byte[]?> ReadAsync(string name, CancellationToken cancellationToken);

    /// <summary>Deletes the document; nothing when none is stored.</summary>
    Task DeleteAsync(string name, CancellationToken cancellationToken);
}
