using System.Runtime.InteropServices;

namespace IncidentActors.Cli.Cluster;

/// <summary>
/// Ctrl-C and SIGTERM become a cancellation instead of ending the process, so that whoever started silos, Azurite or
/// chaos gets to stop or undo them in order.
/// </summary>
internal sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _cancelled;
    private readonly PosixSignalRegistration _terminate;

    public Interruption(CancellationToken outer)
    {
        _cancelled = CancellationTokenSource.CreateLinkedTokenSource(outer);
        Console.CancelKeyPress += OnCancelKeyPress;
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            _cancelled.Cancel();
        });
    }

    public CancellationToken Token => _cancelled.Token;

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = true;
        _cancelled.Cancel();
    }

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _terminate.Dispose();
        _cancelled.Dispose();
    }
}
