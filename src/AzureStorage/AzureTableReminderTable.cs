using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace IncidentActors.AzureStorage;

/// <summary>
/// Reminders on Azure Tables: one partition per service, row keys led by the grain's uniform hash as eight hex digits,
/// so that a ring range (begin, end] is one or two row-key range scans.
/// </summary>
internal sealed partial class AzureTableReminderTable : IReminderTable
{
    private const string GrainIdProperty = "GrainId";
    private const string ReminderNameProperty = "ReminderName";
    private const string StartAtProperty = "StartAt";
    private const string PeriodProperty = "Period";

    // Sorts after the separator that follows the hash and the grain in every row key: "prefix + After" bounds the prefix.
    private const char After = (char)(TableKeys.Separator + 1);

    private readonly string _serviceId;
    private readonly string _partitionKey;
    private readonly TableClient _table;
    private readonly ILogger<AzureTableReminderTable> _logger;

    public AzureTableReminderTable(
        IOptions<AzureTableReminderOptions> options,
        IOptions<ClusterOptions> clusterOptions,
        ILogger<AzureTableReminderTable> logger)
    {
        _serviceId = clusterOptions.Value.ServiceId;
        _partitionKey = TableKeys.Part(_serviceId);
        _table = new TableClient(options.Value.ConnectionString, options.Value.TableName);
        _logger = logger;
    }

    public Task Init() => StartAsync(CancellationToken.None);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _table.CreateIfNotExistsAsync(cancellationToken);
        LogStarted(_serviceId, _table.Name);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<ReminderTableData> ReadRows(GrainId grainId) => ReadRows(grainId, CancellationToken.None);

    public Task<ReminderTableData> ReadRows(GrainId grainId, CancellationToken cancellationToken)
    {
        var prefix = GrainPrefix(grainId);
        return QueryAsync(
            TableClient.CreateQueryFilter($"PartitionKey eq {_partitionKey} and RowKey ge {prefix} and RowKey lt {prefix[..^1] + After}"),
            cancellationToken);
    }

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => ReadRows(begin, end, CancellationToken.None);

    public async Task<ReminderTableData> ReadRows(uint begin, uint end, CancellationToken cancellationToken)
    {
        // Row keys of hash h all start with Hash(h) + separator, so "h > begin" is "RowKey > Hash(begin) + After" and
        // "h <= end" is "RowKey < Hash(end) + After".
        var above = Hash(begin) + After;
        var upTo = Hash(end) + After;
        if (begin < end)
        {
            return await QueryAsync(
                TableClient.CreateQueryFilter($"PartitionKey eq {_partitionKey} and RowKey gt {above} and RowKey lt {upTo}"),
                cancellationToken);
        }
        // The range wraps around the ring: everything above begin plus everything up to end.
        var high = await QueryAsync(TableClient.CreateQueryFilter($"PartitionKey eq {_partitionKey} and RowKey gt {above}"), cancellationToken);
        var low = await QueryAsync(TableClient.CreateQueryFilter($"PartitionKey eq {_partitionKey} and RowKey lt {upTo}"), cancellationToken);
        return new ReminderTableData(high.Reminders.Concat(low.Reminders));
    }

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => ReadRow(grainId, reminderName, CancellationToken.None);

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(_partitionKey, RowKey(grainId, reminderName), cancellationToken: cancellationToken);
        return response.HasValue ? ToEntry(response.Value!) : null;
    }

    public Task<string?> UpsertRow(ReminderEntry entry) => UpsertRow(entry, CancellationToken.None);

    public async Task<string?> UpsertRow(ReminderEntry entry, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(_partitionKey, RowKey(entry.GrainId, entry.ReminderName))
        {
            [GrainIdProperty] = entry.GrainId.ToString(),
            [ReminderNameProperty] = entry.ReminderName,
            [StartAtProperty] = StoredTime.Format(entry.StartAt),
            [PeriodProperty] = entry.Period.Ticks,
        };
        var response = await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        return response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("Azure Tables returned no ETag for an upserted reminder.");
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => RemoveRow(grainId, reminderName, eTag, CancellationToken.None);

    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _table.DeleteEntityAsync(_partitionKey, RowKey(grainId, reminderName), new ETag(eTag), cancellationToken);
            return response.Status != AzureStatus.NotFound;
        }
        catch (RequestFailedException e) when (AzureStatus.IsLostRace(e))
        {
            LogRemoveRejected(reminderName, grainId, e.Status);
            return false;
        }
    }

    public Task TestOnlyClearTable() => TestOnlyClearTable(CancellationToken.None);

    public async Task TestOnlyClearTable(CancellationToken cancellationToken)
    {
        var rows = _table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {_partitionKey}"), select: [nameof(TableEntity.RowKey)], cancellationToken: cancellationToken);
        var batch = new List<TableTransactionAction>();
        await foreach (var row in rows)
        {
            batch.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(_partitionKey, row.RowKey), ETag.All));
            // Azure's limit for one entity group transaction.
            if (batch.Count == 100)
            {
                await _table.SubmitTransactionAsync(batch, cancellationToken);
                batch.Clear();
            }
        }
        if (batch.Count > 0)
        {
            await _table.SubmitTransactionAsync(batch, cancellationToken);
        }
    }

    private static string Hash(uint hash) => hash.ToString("X8", CultureInfo.InvariantCulture);

    private static string GrainPrefix(GrainId grainId) =>
        string.Concat(Hash(grainId.GetUniformHashCode()), TableKeys.Separator.ToString(), TableKeys.Part(grainId.ToString()), TableKeys.Separator.ToString());

    private static string RowKey(GrainId grainId, string reminderName) => GrainPrefix(grainId) + TableKeys.Part(reminderName);

    private static ReminderEntry ToEntry(TableEntity entity) => new()
    {
        GrainId = GrainId.Parse(entity.GetString(GrainIdProperty)),
        ReminderName = entity.GetString(ReminderNameProperty),
        StartAt = StoredTime.Parse(entity.GetString(StartAtProperty)),
        Period = TimeSpan.FromTicks(entity.GetInt64(PeriodProperty) ?? 0),
        ETag = entity.ETag.ToString(),
    };

    private async Task<ReminderTableData> QueryAsync(string filter, CancellationToken cancellationToken)
    {
        var entries = new List<ReminderEntry>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            entries.Add(ToEntry(entity));
        }
        return new ReminderTableData(entries);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminders of service {ServiceId} are kept in table {TableName}")]
    private partial void LogStarted(string serviceId, string tableName);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Removal of reminder {ReminderName} of {GrainId} was rejected (HTTP {Status})")]
    private partial void LogRemoveRejected(string reminderName, GrainId grainId, int status);
}
