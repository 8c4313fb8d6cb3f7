using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace IncidentActors.AzureStorage;

/// <summary>
/// Grain storage on Azure Tables: one entity per grain state, optimistic concurrency on the entity's ETag. A state is
/// split over several binary properties when it exceeds one (64 KiB); a state too large for one entity lives in a blob
/// that the entity points to, so the entity's ETag still guards it. With shared partitions, concurrent writes of
/// states in one partition are committed together (see <see cref="EntityGroupWriter"/>).
/// </summary>
internal sealed partial class AzureTableGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>Azure's limit for one binary property.</summary>
    internal const int ChunkSize = 64 * 1024;

    /// <summary>
    /// Chunks kept inline: 704 KiB. Binary properties travel base64-encoded, and an update's whole
    /// request body must stay within the 1 MiB entity limit (Azurite checks exactly that): 704 KiB
    /// encode to about 939 KiB, leaving room for keys and property names.
    /// </summary>
    internal const int MaxChunks = 11;

    internal const int MaxInlineBytes = ChunkSize * MaxChunks;

    private const string ChunkPropertyPrefix = "Data";
    private const string BlobNameProperty = "BlobName";
    private const string GrainIdProperty = "GrainId";
    private const string StateNameProperty = "StateName";

    // A reader may lose a race with a writer that replaces the blob it is about to download; it then reads again.
    private const int MaxReadAttempts = 5;

    private static readonly string[] PointerOnly = [BlobNameProperty];

    private readonly string _name;
    private readonly string _serviceId;
    private readonly AzureTableGrainStorageOptions _options;
    private readonly IGrainStorageSerializer _serializer;
    private readonly TableClient[] _tables;
    private readonly EntityGroupWriter[] _writers;
    private readonly BlobContainerClient _container;
    private readonly ILogger<AzureTableGrainStorage> _logger;

    // The blob pointer of the version this provider last read or wrote, per grain state object (an activation's
    // lifetime). A write of that same version then needs no read to learn which blob it replaces.
    private readonly ConditionalWeakTable<object, StoredVersion> _knownVersions = new();

    public AzureTableGrainStorage(
        string name,
        string serviceId,
        AzureTableGrainStorageOptions options,
        IGrainStorageSerializer serializer,
        ILogger<AzureTableGrainStorage> logger)
    {
        _name = name;
        _serviceId = serviceId;
        _options = options;
        _serializer = serializer;
        _logger = logger;
        var account = options.Account ?? StorageAccount.FromConnectionString(options.ConnectionString);
        _tables = [.. TableNames(options).Select(account.Tables.GetTableClient)];
        _writers = [.. _tables.Select(table => new EntityGroupWriter(table))];
        _container = account.Blobs.GetBlobContainerClient(options.ContainerName);
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe($"{nameof(AzureTableGrainStorage)}-{_name}", ServiceLifecycleStage.ApplicationServices, InitializeAsync);

    internal async Task InitializeAsync(CancellationToken cancellationToken)
    {
        foreach (var table in _tables)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
        }
        await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        LogInitialized(_name, string.Join(", ", _tables.Select(table => table.Name)), _options.ContainerName);
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var (table, partitionKey, rowKey) = Locate(stateName, grainId);
        for (var attempt = 1; ; attempt++)
        {
            var response = await _tables[table].GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
            if (!response.HasValue)
            {
                grainState.ETag = null;
                grainState.RecordExists = false;
                return;
            }
            var entity = response.Value!;
            var data = await LoadAsync(entity, cancellationToken);
            if (data is null && attempt < MaxReadAttempts)
            {
                continue;
            }
            if (data is null)
            {
                throw new InvalidOperationException(
                    $"State '{stateName}' of grain {grainId} points to a blob that keeps disappearing while it is read.");
            }
            grainState.State = _serializer.Deserialize<T>(data);
            grainState.ETag = entity.ETag.ToString();
            grainState.RecordExists = true;
            _knownVersions.AddOrUpdate(grainState, new StoredVersion(grainState.ETag, entity.GetString(BlobNameProperty)));
            return;
        }
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var (table, partitionKey, rowKey) = Locate(stateName, grainId);

        // The pointer of the version being replaced: its blob is deleted once the replacement is committed. Reading it
        // under the same ETag that guards the update makes sure it is the blob of exactly the replaced version.
        string? oldBlobName = null;
        if (grainState.ETag is not null && _knownVersions.TryGetValue(grainState, out var known) && known.ETag == grainState.ETag)
        {
            // Should the stored version have moved on since, the If-Match below rejects the write all the same.
            oldBlobName = known.BlobName;
        }
        else if (grainState.ETag is not null)
        {
            var current = await ReadPointerAsync(table, partitionKey, rowKey, cancellationToken);
            if (current is null || current.ETag.ToString() != grainState.ETag)
            {
                throw Inconsistent("write", stateName, grainId, grainState.ETag, current?.ETag.ToString());
            }
            oldBlobName = current.GetString(BlobNameProperty);
        }

        var data = _serializer.Serialize(grainState.State);
        var entity = new TableEntity(partitionKey, rowKey)
        {
            [GrainIdProperty] = grainId.ToString(),
            [StateNameProperty] = stateName,
        };
        string? newBlobName = null;
        if (data.Length <= MaxInlineBytes)
        {
            AddChunks(entity, data.ToMemory());
        }
        else
        {
            // A fresh name per write: the committed version's blob is never overwritten, so a lost race harms nobody.
            newBlobName = NewBlobName(partitionKey, rowKey);
            await _container.GetBlobClient(newBlobName).UploadAsync(data, cancellationToken);
            entity[BlobNameProperty] = newBlobName;
        }

        try
        {
            var etag = await _writers[table].WriteAsync(
                entity, grainState.ETag is null ? null : new ETag(grainState.ETag), EncodedSize(data.Length, newBlobName));
            grainState.ETag = etag.ToString();
        }
        catch (RequestFailedException e) when (AzureStatus.IsLostRace(e))
        {
            // Only a definite rejection makes the new blob an orphan; after an ambiguous failure (a timeout) the entity
            // may already point to it.
            if (newBlobName is not null)
            {
                await DeleteBlobAsync(newBlobName);
            }
            throw Inconsistent("write", stateName, grainId, grainState.ETag, null, e);
        }

        grainState.RecordExists = true;
        _knownVersions.AddOrUpdate(grainState, new StoredVersion(grainState.ETag, newBlobName));
        if (oldBlobName is not null)
        {
            await DeleteBlobAsync(oldBlobName);
        }
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var (table, partitionKey, rowKey) = Locate(stateName, grainId);
        var current = await ReadPointerAsync(table, partitionKey, rowKey, cancellationToken);
        if (current is not null || grainState.ETag is not null)
        {
            if (current is null || current.ETag.ToString() != grainState.ETag)
            {
                throw Inconsistent("clear", stateName, grainId, grainState.ETag, current?.ETag.ToString());
            }
            try
            {
                var response = await _tables[table].DeleteEntityAsync(partitionKey, rowKey, current.ETag, cancellationToken);
                if (response.Status == AzureStatus.NotFound)
                {
                    throw Inconsistent("clear", stateName, grainId, grainState.ETag, null);
                }
            }
            catch (RequestFailedException e) when (AzureStatus.IsLostRace(e))
            {
                throw Inconsistent("clear", stateName, grainId, grainState.ETag, null, e);
            }
            if (current.GetString(BlobNameProperty) is { } blobName)
            {
                await DeleteBlobAsync(blobName);
            }
        }
        grainState.ETag = null;
        grainState.RecordExists = false;
        _knownVersions.Remove(grainState);
    }

    private static string[] TableNames(AzureTableGrainStorageOptions options) => options.Tables == 1
        ? [options.TableName]
        : [.. Enumerable.Range(0, options.Tables).Select(table => options.TableName + table.ToString(CultureInfo.InvariantCulture))];

    private (int Table, string PartitionKey, string RowKey) Locate(string stateName, GrainId grainId)
    {
        var grain = grainId.ToString();
        // A hash that no runtime or version changes, since it decides where states already stored are found.
        var hash = _options.SharedPartitions == 0 && _tables.Length == 1
            ? 0
            : BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(grain)));
        if (_options.SharedPartitions == 0)
        {
            // A partition per grain: Azure scales by partition, and no operation ever spans two grains.
            return ((int)(hash % (uint)_tables.Length), TableKeys.Join(_serviceId, grain), TableKeys.Part(stateName));
        }
        // A shared partition lies in one table, so that its concurrent writes still go out together.
        var partition = hash % (uint)_options.SharedPartitions;
        return ((int)(partition % (uint)_tables.Length),
            TableKeys.Join(_serviceId, partition.ToString(CultureInfo.InvariantCulture)), TableKeys.Join(grain, stateName));
    }

    /// <summary>Binary properties travel base64-encoded; keys, names and the blob pointer fit in the allowance.</summary>
    private static int EncodedSize(int dataLength, string? blobName) => (blobName is null ? (dataLength + 2) / 3 * 4 : 0) + 4096;

    private async Task<TableEntity?> ReadPointerAsync(int table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var response = await _tables[table].GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, PointerOnly, cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>The serialized state, or null when its blob was deleted by a concurrent writer after the entity was read.</summary>
    private async Task<BinaryData?> LoadAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        if (entity.GetString(BlobNameProperty) is { } blobName)
        {
            try
            {
                var download = await _container.GetBlobClient(blobName).DownloadContentAsync(cancellationToken);
                return download.Value.Content;
            }
            catch (RequestFailedException e) when (e.Status == AzureStatus.NotFound)
            {
                return null;
            }
        }

        var chunks = new List<BinaryData>();
        while (entity.GetBinaryData(ChunkPropertyPrefix + chunks.Count) is { } chunk)
        {
            chunks.Add(chunk);
        }
        if (chunks.Count == 1)
        {
            return chunks[0];
        }
        var buffer = new byte[chunks.Sum(c => c.ToMemory().Length)];
        var offset = 0;
        foreach (var chunk in chunks)
        {
            chunk.ToMemory().CopyTo(buffer.AsMemory(offset));
            offset += chunk.ToMemory().Length;
        }
        return new BinaryData(buffer);
    }

    private static void AddChunks(TableEntity entity, ReadOnlyMemory<byte> data)
    {
        for (var (index, offset) = (0, 0); offset < data.Length; index++, offset += ChunkSize)
        {
            entity[ChunkPropertyPrefix + index] = data.Slice(offset, Math.Min(ChunkSize, data.Length - offset)).ToArray();
        }
    }

    private static string NewBlobName(string partitionKey, string rowKey)
    {
        // Blobs of one state share a prefix, which makes leftovers easy to find; the key itself may hold any character.
        var prefix = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(partitionKey + TableKeys.Separator + rowKey)));
        return $"{prefix}/{Guid.NewGuid():N}";
    }

    private async Task DeleteBlobAsync(string blobName)
    {
        try
        {
            await _container.GetBlobClient(blobName).DeleteIfExistsAsync();
        }
        catch (RequestFailedException e)
        {
            // The state is consistent either way; a failed delete only leaves a blob that nothing points to.
            LogBlobNotDeleted(e, blobName, _options.ContainerName);
        }
    }

    private InconsistentStateException Inconsistent(
        string operation, string stateName, GrainId grainId, string? expectedEtag, string? currentEtag, Exception? inner = null)
    {
        LogConflict(operation, stateName, grainId, expectedEtag, currentEtag);
        var message = $"Cannot {operation} state '{stateName}' of grain {grainId} in storage '{_name}': "
            + "it was changed or created by someone else since it was read.";
        return inner is null
            ? new InconsistentStateException(message, expectedEtag, currentEtag)
            : new InconsistentStateException(message, expectedEtag, currentEtag, inner);
    }

    private sealed record StoredVersion(string ETag, string? BlobName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Grain storage {StorageName} uses tables {TableNames} and container {ContainerName}")]
    private partial void LogInitialized(string storageName, string tableNames, string containerName);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Optimistic concurrency conflict on {Operation} of {StateName} for {GrainId}: expected {ExpectedEtag}, found {CurrentEtag}")]
    private partial void LogConflict(string operation, string stateName, GrainId grainId, string? expectedEtag, string? currentEtag);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete unreferenced state blob {BlobName} in container {ContainerName}")]
    private partial void LogBlobNotDeleted(Exception exception, string blobName, string containerName);
}
