using System.Collections.Concurrent;
using Grpc.Core;
using Grpc.Net.Client;

namespace IncidentActors.Cli.Drill;

/// <summary>
/// The drill's gRPC calls, each as a named person (a development token per person), sent to a silo that is up and
/// sent again to another when a silo or storage fault makes one unavailable: chaos must hit the cluster, not the drill.
/// </summary>
internal sealed class DrillConnection(
    IReadOnlyList<(string Name, string Address)> silos,
    Func<string, bool> isUp,
    Func<string, CancellationToken, Task<string>> issueToken,
    TimeProvider clock) : IDisposable
{
    private static readonly TimeSpan RetryFor = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(15);

    private readonly IReadOnlyList<(string Name, GrpcChannel Channel)> _channels =
        [.. silos.Select(s => (s.Name, GrpcChannel.ForAddress(s.Address)))];
    private readonly ConcurrentDictionary<string, Task<string>> _tokens = new(StringComparer.Ordinal);
    private int _next;

    public async Task<T> CallAsync<T>(string person, Func<CallInvoker, CallOptions, Task<T>> call, CancellationToken cancellationToken)
    {
        var giveUp = clock.GetUtcNow() + RetryFor;
        while (true)
        {
            var up = _channels.Where(c => isUp(c.Name)).ToList();
            var channel = up.Count > 0 ? up[(int)((uint)Interlocked.Increment(ref _next) % up.Count)].Channel : _channels[0].Channel;
            try
            {
                var token = await TokenAsync(person, cancellationToken);
                var options = new CallOptions(new Metadata { { "authorization", $"Bearer {token}" } },
                    clock.GetUtcNow().UtcDateTime + CallDeadline, cancellationToken);
                return await call(channel.CreateCallInvoker(), options);
            }
            catch (Exception e) when (Transient(e) && clock.GetUtcNow() < giveUp && !cancellationToken.IsCancellationRequested)
            {
                // A token that could not be issued (its silo was down) is asked for again; one issued stays good.
                if (_tokens.TryGetValue(person, out var token) && !token.IsCompletedSuccessfully)
                {
                    _tokens.TryRemove(person, out _);
                }
                await Task.Delay(TimeSpan.FromMilliseconds(300), cancellationToken);
            }
        }
    }

    private Task<string> TokenAsync(string person, CancellationToken cancellationToken) =>
        _tokens.GetOrAdd(person, p => issueToken(p, cancellationToken));

    private static bool Transient(Exception e) => e switch
    {
        RpcException r => r.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Internal or StatusCode.Unknown or StatusCode.Aborted,
        HttpRequestException or InvalidOperationException => true,
        _ => false,
    };

    public void Dispose()
    {
        foreach (var (_, channel) in _channels)
        {
            channel.Dispose();
        }
    }
}
