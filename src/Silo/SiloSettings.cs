using System.Security.Cryptography.X509Certificates;

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

    /// <summary>
    /// The Orleans gateway for Orleans clients; 0 turns it off (the gRPC frontend needs none). On loopback only, unless
    /// the cluster speaks mutual TLS (<see cref="TlsCertificatePath"/>), which then admits only clients presenting a
    /// trusted certificate.
    /// </summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// A PKCS#12 (.pfx) file with the cluster's certificate and its private key: when set, silos speak to each other, and
    /// Orleans clients to the gateway, over mutual TLS only, each side presenting a certificate the other trusts: this one,
    /// or one named in <see cref="TlsPeerCertificates"/>. Unset, the cluster's links are cleartext, for loopback or a
    /// private network.
    /// </summary>
    public string? TlsCertificatePath { get; set; }

    /// <summary>The password of <see cref="TlsCertificatePath"/>, if it has one.</summary>
    public string? TlsCertificatePassword { get; set; }

    /// <summary>SHA-256 thumbprints (hex) of further certificates peers may present, e.g. a new one while rotating.</summary>
    public string[] TlsPeerCertificates { get; set; } = [];

    /// <summary>
    /// How long stopping may take: grains deactivate and store, the silo leaves the membership table, requests in flight
    /// finish. Past it the silo stops anyway, so an orchestrator's grace period (Kubernetes'
    /// terminationGracePeriodSeconds) must be longer.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool UsesTls => !string.IsNullOrEmpty(TlsCertificatePath);

    /// <summary>The certificate this silo presents; null without <see cref="TlsCertificatePath"/>.</summary>
    public X509Certificate2? LoadTlsCertificate() =>
        UsesTls ? X509CertificateLoader.LoadPkcs12FromFile(TlsCertificatePath!, TlsCertificatePassword) : null;

    public const string RegionMetadataKey = Placement.HomeRegionPlacement.RegionMetadataKey;
}
