namespace IncidentActors.Testing;

/// <summary>Waits on a condition, never on a fixed sleep: polls until it holds or the timeout passes.</summary>
public static class Eventually
{
    public static async Task<T> Get<T>(Func<Task<T>> probe, Func<T, bool> until, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        var last = default(T);
        Exception? lastError = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await probe();
                if (until(last))
                {
                    return last;
                }
                lastError = null;
            }
            catch (Exception e)
            {
                lastError = e;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"Timed out waiting for {what ?? "a condition"}; last value: {last}", lastError);
    }

    public static Task True(Func<Task<bool>> probe, TimeSpan? timeout = null, string? what = null) =>
        Get(probe, ok => ok, timeout, what);
}
