using IncidentActors.Cli.Cluster;

namespace IncidentActors.Cli.Drill;

/// <summary>
/// The cluster a drill runs against: one this tool started (chaos allowed: it can undo what it does), or a running one
/// given by its gRPC address, whose development token issuer answers on its HTTP port.
/// </summary>
public sealed class DrillTarget
{
    private DrillTarget(IReadOnlyList<(string Name, string Address)> silos, Func<string, bool> isUp,
        Func<string, CancellationToken, Task<string>> issueToken, LocalCluster? cluster)
    {
        Silos = silos;
        IsUp = isUp;
        IssueToken = issueToken;
        Cluster = cluster;
    }

    public IReadOnlyList<(string Name, string Address)> Silos { get; }

    public Func<string, bool> IsUp { get; }

    public Func<string, CancellationToken, Task<string>> IssueToken { get; }

    /// <summary>Set when chaos is possible.</summary>
    public LocalCluster? Cluster { get; }

    public static DrillTarget Started(LocalCluster cluster) =>
        new([.. cluster.Layout.Silos.Select(s => (s.Name, s.GrpcAddress))], cluster.IsRunning, cluster.TokenAsync, cluster);

    public static DrillTarget Running(Uri grpc, Uri http)
    {
        var client = new HttpClient { BaseAddress = http, Timeout = TimeSpan.FromSeconds(10) };
        return new DrillTarget([("given", grpc.ToString())], _ => true, async (person, cancellationToken) =>
        {
            using var response = await client.PostAsync($"/dev/token?sub={Uri.EscapeDataString(person)}", null, cancellationToken);
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadAsStringAsync(cancellationToken);
        }, null);
    }
}
