using IncidentActors.Storage;
using Xunit;

namespace IncidentActors.Tests.Domain;

public sealed class GroupCommitTests
{
    [Fact]
    public async Task CallsArrivingDuringAWriteShareTheNextWrite()
    {
        var writes = 0;
        var firstWrite = new TaskCompletionSource();
        var commit = new GroupCommit(async () =>
        {
            if (Interlocked.Increment(ref writes) == 1)
            {
                await firstWrite.Task;
            }
        });

        var first = commit.CommitAsync();
        var waiting = Enumerable.Range(0, 10).Select(_ => commit.CommitAsync()).ToList();
        Assert.All(waiting, t => Assert.False(t.IsCompleted));

        firstWrite.SetResult();
        await first;
        await Task.WhenAll(waiting);

        Assert.Equal(2, writes);
    }

    [Fact]
    public async Task WaitersSeeTheFailureOfTheWriteThatHeldTheirChange()
    {
        var release = new TaskCompletionSource();
        var calls = 0;
        var commit = new GroupCommit(async () =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                await release.Task;
                return;
            }
            throw new IOException("storage unavailable");
        });

        var first = commit.CommitAsync();
        var second = commit.CommitAsync();
        release.SetResult();

        await first;
        await Assert.ThrowsAsync<IOException>(() => second);
    }

    [Fact]
    public async Task ACommitWithNothingInFlightWritesAtOnce()
    {
        var writes = 0;
        var commit = new GroupCommit(() => { writes++; return Task.CompletedTask; });

        await commit.CommitAsync();
        await commit.CommitAsync();

        Assert.Equal(2, writes);
    }
}
