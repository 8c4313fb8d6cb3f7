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
}
