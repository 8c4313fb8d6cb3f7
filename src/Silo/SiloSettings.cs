namespace IncidentActors.Silo;

/// <summary>This silo's place in the cluster. Section <c>IncidentActors:Silo</c>.</summary>
public sealed class SiloSettings
{
    public const string Section = "IncidentActors:Silo";

    /// <summary>The region this silo runs in (e.g. emea, amer, apac), published as silo metadata.</summary>
    public string Region { get; set; } = "";

    public string ClusterId { get; set; } = "";

    /// <summary>Names the deployment across redeploys: grain state and reminders are keyed by it.</summary>
    public string ServiceId { get; set; } = "";

    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    public int SiloPort { get; set; } = 11111;

    /// <summary>The Orleans gateway for Orleans clients, on loopback only; 0 turns it off (the gRPC frontend needs none).</summary>
    public int GatewayPort { get; set; } = 30000;

    public const string RegionMetadataKey = Placement.HomeRegionPlacement.RegionMetadataKey;
}
