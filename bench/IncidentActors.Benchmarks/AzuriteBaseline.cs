using Azure.Data.Tables;

namespace IncidentActors.Benchmarks;

/// <summary>
/// What Azurite itself takes on this host, the yardstick for opening incidents: inserts of entities the size of a new
/// incident's stored state, one per request and 100 per entity group transaction, into a table of their own.
/// </summary>
internal sealed class AzuriteBaseline
{
    /// <summary>About the stored size of a freshly opened incident.</summary>
    private const int EntityBytes = 2048;

    private readonly TableClient _table;
    private readonly byte[] _payload = new byte[EntityBytes];

    private AzuriteBaseline(TableClient table)
    {
        _table = table;
        Random.Shared.NextBytes(_payload);
    }

    public static async Task<AzuriteBaseline> CreateAsync(string connectionString)
    {
        var table = new TableClient(connectionString, "BenchBaseline");
        await table.CreateIfNotExistsAsync();
        return new AzuriteBaseline(table);
    }

    public async Task<int> InsertAsync(int caller, long seq)
    {
        await _table.AddEntityAsync(Entity(caller, $"{seq}"));
        return 1;
    }

    public async Task<int> InsertBatchAsync(int caller, long seq, int count)
    {
        await _table.SubmitTransactionAsync(Enumerable.Range(0, count)
            .Select(i => new TableTransactionAction(TableTransactionActionType.Add, Entity(caller, $"{seq}-{i}"))));
        return count;
    }

    private TableEntity Entity(int caller, string row) => new($"p{caller}", row) { ["Data0"] = _payload };
}
