using System.Net;
using System.Net.Sockets;

namespace IncidentActors.Cli.Cluster;

internal static class Ports
{
    public static async Task WaitListeningAsync(int port, ChildProcess owner, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            if (owner.HasExited)
            {
                throw new InvalidOperationException($"The process for port {port} exited:\n{owner.Tail()}");
            }
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return;
            }
            catch (SocketException) when (!deadline.IsCancellationRequested)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    /// <summary>Whether every port from <paramref name="first"/> to <paramref name="last"/> is free on loopback now.</summary>
    public static bool AllFree(int first, int last)
    {
        for (var port = first; port <= last; port++)
        {
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
            }
            catch (SocketException)
            {
                return false;
            }
        }
        return true;
    }
}
