using IncidentActors.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Xunit;

namespace IncidentActors.AzureStorage.Tests;

[Collection("Azurite")]
public sealed class ReminderTableContractTests(AzuriteFixture azurite)
{
    private static readonly DateTime Start = new(2025, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    private readonly string _tableName = AzuriteFixture.UniqueName("reminders");

    [Fact]
    public async Task UpsertedReminderReadsBackWithItsEtag()
    {
        var table = await CreateTableAsync();
        var entry = Reminder(GrainId.Create("incident", "inc/1#?"), "escalate");

        var etag = await table.UpsertRow(entry);

        var read = await table.ReadRow(entry.GrainId, "escalate");
        Assert.NotNull(read);
        Assert.Equal(etag, read.ETag);
        Assert.Equal(entry.GrainId, read.GrainId);
        Assert.Equal("escalate", read.ReminderName);
        Assert.Equal(entry.StartAt, read.StartAt);
        Assert.Equal(entry.Period, read.Period);
    }

    [Fact]
    public async Task MissingReminderReadsAsNull()
    {
        var table = await CreateTableAsync();

        Assert.Null(await table.ReadRow(GrainId.Create("incident", "none"), "escalate"));
    }

    [Fact]
    public async Task RemovingWithTheCurrentEtagDeletesTheReminder()
    {
        var table = await CreateTableAsync();
        var entry = Reminder(GrainId.Create("incident", "1"), "escalate");
        var etag = await table.UpsertRow(entry);

        Assert.True(await table.RemoveRow(entry.GrainId, "escalate", etag!));

        Assert.Null(await table.ReadRow(entry.GrainId, "escalate"));
        Assert.False(await table.RemoveRow(entry.GrainId, "escalate", etag!));
    }

    [Fact]
    public async Task RemovingWithAStaleEtagFailsAndKeepsTheReminder()
    {
        var table = await CreateTableAsync();
        var entry = Reminder(GrainId.Create("incident", "1"), "escalate");
        var stale = await table.UpsertRow(entry);
        entry.Period = TimeSpan.FromMinutes(5);
        var current = await table.UpsertRow(entry);

        Assert.NotEqual(stale, current);
        Assert.False(await table.RemoveRow(entry.GrainId, "escalate", stale!));

        Assert.Equal(TimeSpan.FromMinutes(5), (await table.ReadRow(entry.GrainId, "escalate"))!.Period);
    }

    [Fact]
    public async Task ReadingAGrainsRowsReturnsOnlyThatGrainsReminders()
    {
        var table = await CreateTableAsync();
        var grain = GrainId.Create("incident", "a");
        var lookalike = GrainId.Create("incident", "ab");
        await table.UpsertRow(Reminder(grain, "one"));
        await table.UpsertRow(Reminder(grain, "two"));
        await table.UpsertRow(Reminder(lookalike, "one"));

        var rows = await table.ReadRows(grain);

        Assert.Equal(["one", "two"], rows.Reminders.Select(r => r.ReminderName).Order());
        Assert.All(rows.Reminders, r => Assert.Equal(grain, r.GrainId));
    }

    [Fact]
    public async Task RangeReadsMatchABruteForceFilterIncludingWrapAround()
    {
        var table = await CreateTableAsync();
        var entries = Enumerable.Range(0, 150)
            .SelectMany(i => Enumerable.Range(0, 1 + i % 2).Select(r => Reminder(GrainId.Create("incident", $"incident-{i}"), $"reminder-{r}")))
            .ToList();
        await Parallel.ForEachAsync(entries, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (entry, _) => await table.UpsertRow(entry));
        var hashes = entries.Select(e => e.GrainId.GetUniformHashCode()).Order().ToArray();
        var random = new Random(42);
        var ranges = new List<(uint Begin, uint End)>
        {
            (0, uint.MaxValue), (uint.MaxValue, 0), (0, 0), (uint.MaxValue, uint.MaxValue), (12345, 12345),
            (hashes[10], hashes[20]), (hashes[20], hashes[10]), (hashes[0], hashes[^1]), (hashes[^1], hashes[0]),
            (hashes[5] - 1, hashes[5]), (hashes[5], hashes[5] + 1),
        };
        for (var i = 0; i < 20; i++)
        {
            ranges.Add(((uint)random.NextInt64(0, uint.MaxValue + 1L), (uint)random.NextInt64(0, uint.MaxValue + 1L)));
        }

        foreach (var (begin, end) in ranges)
        {
            var expected = entries.Where(e => InRange(e.GrainId.GetUniformHashCode(), begin, end)).Select(Key).Order().ToList();

            var actual = (await table.ReadRows(begin, end)).Reminders.Select(Key).Order().ToList();

            Assert.True(expected.SequenceEqual(actual), $"range ({begin}, {end}]: expected {expected.Count} reminders, read {actual.Count}");
        }
    }

    [Fact]
    public async Task ClearingTheTableRemovesOnlyThisServicesReminders()
    {
        var table = await CreateTableAsync();
        var otherService = await CreateTableAsync();
        for (var i = 0; i < 120; i++)
        {
            await table.UpsertRow(Reminder(GrainId.Create("incident", $"{i}"), "escalate"));
        }
        await otherService.UpsertRow(Reminder(GrainId.Create("incident", "kept"), "escalate"));

        await table.TestOnlyClearTable();

        Assert.Empty((await table.ReadRows(0, 0)).Reminders);
        Assert.Single((await otherService.ReadRows(0, 0)).Reminders);
    }

    private static bool InRange(uint hash, uint begin, uint end) =>
        begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;

    private static string Key(ReminderEntry entry) => $"{entry.GrainId}/{entry.ReminderName}";

    private static ReminderEntry Reminder(GrainId grainId, string name) => new()
    {
        GrainId = grainId,
        ReminderName = name,
        StartAt = Start,
        Period = TimeSpan.FromMinutes(1),
    };

    private async Task<AzureTableReminderTable> CreateTableAsync()
    {
        var table = new AzureTableReminderTable(
            Options.Create(new AzureTableReminderOptions { ConnectionString = azurite.ConnectionString, TableName = _tableName }),
            Options.Create(new ClusterOptions { ServiceId = AzuriteFixture.UniqueName("service"), ClusterId = "reminder-tests" }),
            NullLogger<AzureTableReminderTable>.Instance);
        await table.StartAsync(CancellationToken.None);
        return table;
    }
}
