using Grpc.Core;
using Grpc.Net.Client;
using Spectre.Console.Cli;

namespace IncidentActors.Cli.Api;

/// <summary>A command that calls the API: opens the caller's channel, runs, and lets failures reach <see cref="Failures"/>.</summary>
internal abstract class ApiCommand<TSettings>(ApiConnection connection, CliOutput output) : AsyncCommand<TSettings> where TSettings : ApiSettings
{
    public override async Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        using var channel = connection.Open(settings);
        try
        {
            await RunAsync(channel, settings, cancellationToken);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable)
        {
            // gRPC's own detail ("Error connecting to subchannel.") does not say which address was tried.
            throw new CliFailure(ExitCodes.Failed, $"UNAVAILABLE: {channel.Target}: {e.Status.Detail}");
        }
        return ExitCodes.Ok;
    }

    protected abstract Task RunAsync(GrpcChannel channel, TSettings settings, CancellationToken cancellationToken);

    protected CliOutput Output { get; } = output;

    /// <summary>
    /// Reads a server stream until it ends or the person presses Ctrl-C, which is a normal end of watching. Says on
    /// standard error once the server has subscribed (its response headers), from when no change is missed.
    /// </summary>
    protected async Task WatchAsync<T>(AsyncServerStreamingCall<T> call, string watching, Func<T, Task> show, CancellationToken cancellationToken)
    {
        using var stream = call;
        try
        {
            await call.ResponseHeadersAsync;
            Output.Note($"watching {watching}; Ctrl-C stops");
            await foreach (var item in call.ResponseStream.ReadAllAsync(cancellationToken))
            {
                await show(item);
            }
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested && e is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled })
        {
            // Ctrl-C: the watch ends as asked.
        }
    }
}
