namespace IncidentActors.Cli.Cluster;

/// <summary>One silo of the local cluster and the loopback ports it owns; restarted, it keeps them.</summary>
public sealed record SiloEndpoints(string Name, string Region, int SiloPort, int GatewayPort, int GrpcPort, int HttpPort)
{
    public string GrpcAddress => $"http://127.0.0.1:{GrpcPort}";

    public string HttpAddress => $"http://127.0.0.1:{HttpPort}";
}

/// <summary>Azurite's three endpoints.</summary>
public sealed record StorageEndpoints(int BlobPort, int QueuePort, int TablePort)
{
    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        // The emulator's published development key; not a secret.
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";
}

/// <summary>
/// Fixed ports from one base, so that a cluster started again answers where it did: Azurite on base..base+2, then four
/// per silo (silo, gateway, gRPC, HTTP) from base+10. Silos are named by region and their number within it.
/// </summary>
public sealed record ClusterLayout(StorageEndpoints Storage, IReadOnlyList<SiloEndpoints> Silos)
{
    public static ClusterLayout From(IReadOnlyList<string> regions, int basePort)
    {
        if (regions.Count == 0)
        {
            throw new ArgumentException("At least one region is needed.", nameof(regions));
        }
        var silos = new List<SiloEndpoints>();
        var perRegion = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var region in regions)
        {
            perRegion[region] = perRegion.GetValueOrDefault(region) + 1;
            var first = basePort + 10 + silos.Count * 4;
            silos.Add(new SiloEndpoints($"{region}-{perRegion[region]}", region, first, first + 1, first + 2, first + 3));
        }
        return new ClusterLayout(new StorageEndpoints(basePort, basePort + 1, basePort + 2), silos);
    }

    public int LastPort => Silos[^1].HttpPort;
}
