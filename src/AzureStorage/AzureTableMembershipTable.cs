using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace IncidentActors.AzureStorage;

/// <summary>
/// Cluster membership on Azure Tables: one partition per cluster with a version row and one row per silo. Every change
/// of a silo row is an entity group transaction that also replaces the version row under If-Match of the table version
/// ETag, so the row change and the version bump commit or fail together.
/// </summary>
internal sealed partial class AzureTableMembershipTable : IMembershipTable
{
    // Azure returns at most this many entities per page; a read of more pages is checked against the version row.
    private const int MaxEntitiesPerPage = 1000;

    private readonly string _clusterId;
    private readonly string _partitionKey;
    private readonly TableClient _table;
    private readonly ILogger<AzureTableMembershipTable> _logger;

    public AzureTableMembershipTable(
        IOptions<AzureTableClusteringOptions> options,
        IOptions<ClusterOptions> clusterOptions,
        ILogger<AzureTableMembershipTable> logger)
    {
        _clusterId = clusterOptions.Value.ClusterId;
        _partitionKey = MembershipEntities.PartitionKey(_clusterId);
        _table = new TableClient(options.Value.ConnectionString, options.Value.TableName);
        _logger = logger;
    }

    public async Task InitializeMembershipTable(bool tryInitTableVersion)
    {
        await _table.CreateIfNotExistsAsync();
        if (!tryInitTableVersion)
        {
            return;
        }
        try
        {
            await _table.AddEntityAsync(MembershipEntities.Version(_partitionKey, 0));
            LogVersionRowCreated(_clusterId, _table.Name);
        }
        catch (RequestFailedException e) when (e.Status == AzureStatus.Conflict)
        {
            // Another silo created it first: exactly what was wanted.
        }
    }

    public async Task DeleteMembershipTableEntries(string clusterId)
    {
        var partitionKey = MembershipEntities.PartitionKey(clusterId);
        var rows = _table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}"), select: [nameof(TableEntity.RowKey)]);
        var deletions = new List<Task>();
        await foreach (var row in rows)
        {
            // DeleteEntity treats a row that is already gone as deleted, which is what a concurrent deleter leaves.
            deletions.Add(_table.DeleteEntityAsync(partitionKey, row.RowKey, ETag.All));
        }
        await Task.WhenAll(deletions);
    }

    public async Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate)
    {
        var data = await ReadAsync(TableClient.CreateQueryFilter($"PartitionKey eq {_partitionKey}"));
        var defunct = data.Members
            .Where(m => m.Item1.Status == SiloStatus.Dead && MembershipEntities.LastUpdate(m.Item1) < beforeDate.UtcDateTime)
            .ToList();
        foreach (var (entry, etag) in defunct)
        {
            try
            {
                // Guarded by the row's ETag: a row that changed since it was read is left for a later cleanup.
                await _table.DeleteEntityAsync(_partitionKey, MembershipEntities.RowKey(entry.SiloAddress), new ETag(etag));
                LogDefunctDeleted(entry.SiloAddress, _clusterId);
            }
            catch (RequestFailedException e) when (AzureStatus.IsLostRace(e))
            {
                LogDefunctSkipped(entry.SiloAddress, _clusterId);
            }
        }
    }

    public Task<MembershipTableData> ReadRow(SiloAddress key) =>
        ReadAsync(TableClient.CreateQueryFilter(
            $"PartitionKey eq {_partitionKey} and (RowKey eq {MembershipEntities.VersionRowKey} or RowKey eq {MembershipEntities.RowKey(key)})"));

    public Task<MembershipTableData> ReadAll() => ReadAsync(TableClient.CreateQueryFilter($"PartitionKey eq {_partitionKey}"));

    public Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion) =>
        TrySubmitAsync("insert", entry, tableVersion,
            new TableTransactionAction(TableTransactionActionType.Add, MembershipEntities.ToEntity(_partitionKey, entry)));

    public Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion) =>
        // The row ETag is deliberately not checked: heartbeats change it, and the If-Match on the table version already
        // rejects any update based on a stale read. ETag.All still requires the row to exist.
        TrySubmitAsync("update", entry, tableVersion,
            new TableTransactionAction(TableTransactionActionType.UpdateReplace, MembershipEntities.ToEntity(_partitionKey, entry), ETag.All));

    public async Task UpdateIAmAlive(MembershipEntry entry) =>
        // Merge writes only IAmAliveTime; the version row is not touched, so readers' table versions stay current.
        await _table.UpdateEntityAsync(MembershipEntities.IAmAlive(_partitionKey, entry), ETag.All, TableUpdateMode.Merge);

    private async Task<bool> TrySubmitAsync(string operation, MembershipEntry entry, TableVersion tableVersion, TableTransactionAction siloRow)
    {
        var versionRow = MembershipEntities.Version(_partitionKey, tableVersion.Version);
        var versionAction = string.IsNullOrEmpty(tableVersion.VersionEtag)
            ? new TableTransactionAction(TableTransactionActionType.Add, versionRow)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, versionRow, new ETag(tableVersion.VersionEtag));
        try
        {
            await _table.SubmitTransactionAsync([versionAction, siloRow]);
            return true;
        }
        catch (RequestFailedException e) when (AzureStatus.IsLostRace(e))
        {
            LogLostRace(operation, entry.SiloAddress, tableVersion.Version, e.Status);
            return false;
        }
    }

    private async Task<MembershipTableData> ReadAsync(string filter)
    {
        // One page of a single-partition query is a consistent snapshot. A read spanning several pages is accepted only if
        // the version row did not move meanwhile: every membership change moves it.
        while (true)
        {
            TableEntity? versionRow = null;
            var members = new List<Tuple<MembershipEntry, string>>();
            var pages = 0;
            await foreach (var page in _table.QueryAsync<TableEntity>(filter, MaxEntitiesPerPage).AsPages())
            {
                pages++;
                foreach (var entity in page.Values)
                {
                    if (entity.RowKey == MembershipEntities.VersionRowKey)
                    {
                        versionRow = entity;
                    }
                    else
                    {
                        members.Add(Tuple.Create(MembershipEntities.ToEntry(entity), entity.ETag.ToString()));
                    }
                }
            }
            if (pages > 1 && !await IsCurrentAsync(versionRow))
            {
                continue;
            }
            // Without a version row (never initialized), an empty ETag makes the next insert create it.
            var version = versionRow is null ? new TableVersion(0, "") : MembershipEntities.ToTableVersion(versionRow);
            return new MembershipTableData(members, version);
        }
    }

    private async Task<bool> IsCurrentAsync(TableEntity? versionRow)
    {
        var now = await _table.GetEntityIfExistsAsync<TableEntity>(_partitionKey, MembershipEntities.VersionRowKey);
        return now.HasValue ? versionRow is not null && now.Value!.ETag == versionRow.ETag : versionRow is null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the membership version row of cluster {ClusterId} in table {TableName}")]
    private partial void LogVersionRowCreated(string clusterId, string tableName);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Membership {Operation} of {SiloAddress} at table version {Version} lost a race (HTTP {Status})")]
    private partial void LogLostRace(string operation, SiloAddress siloAddress, int version, int status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted defunct silo {SiloAddress} from cluster {ClusterId}")]
    private partial void LogDefunctDeleted(SiloAddress siloAddress, string clusterId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Left defunct silo {SiloAddress} of cluster {ClusterId}: its row changed since it was read")]
    private partial void LogDefunctSkipped(SiloAddress siloAddress, string clusterId);
}
