using System.Diagnostics;

namespace IncidentActors.Benchmarks;

internal static class Concurrently
{
    /// <summary>Runs <paramref name="body"/> for 0..count-1 with at most <paramref name="concurrency"/> calls in flight.</summary>
    public static async Task ForEachAsync(int count, int concurrency, Func<int, Task> body)
    {
        using var gate = new SemaphoreSlim(concurrency);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                await body(i);
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    /// <summary>
    /// Starts <paramref name="body"/> for 0..count-1 at <paramref name="perSecond"/>, on schedule whatever is still in flight, as
    /// alert sources send: a slow answer delays no later start.
    /// </summary>
    public static async Task PacedAsync(int count, double perSecond, Func<int, Task> body)
    {
        var clock = Stopwatch.StartNew();
        var started = new Task[count];
        for (var i = 0; i < count; i++)
        {
            var startAt = TimeSpan.FromSeconds(i / perSecond);
            if (startAt > clock.Elapsed)
            {
                await Task.Delay(startAt - clock.Elapsed);
            }
            started[i] = body(i);
        }
        await Task.WhenAll(started);
    }
}
