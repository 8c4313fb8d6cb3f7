namespace IncidentActors.Silo;

/// <summary>The co-hosted frontend's listeners. Section <c>IncidentActors:Api</c>.</summary>
public sealed class ApiSettings
{
    public const string Section = "IncidentActors:Api";

    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>gRPC over cleartext HTTP/2 (prior knowledge, as grpcurl -plaintext speaks it).</summary>
    public int GrpcPort { get; set; } = 5080;

    /// <summary>HTTP/1.1 for webhooks and health probes.</summary>
    public int HttpPort { get; set; } = 5081;
}
