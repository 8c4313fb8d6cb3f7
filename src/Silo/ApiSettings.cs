using System.Security.Cryptography.X509Certificates;

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

    /// <summary>
    /// A PKCS#12 (.pfx) file with the certificate and its private key: when set, both listeners speak TLS only (gRPC as
    /// HTTP/2 negotiated by ALPN). Unset, they speak cleartext, for a loopback or otherwise trusted network.
    /// </summary>
    public string? CertificatePath { get; set; }

    /// <summary>The password of <see cref="CertificatePath"/>, if it has one.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>The Orleans Dashboard on the HTTP port; unset, it is on in Development only.</summary>
    public bool? Dashboard { get; set; }

    public bool DashboardOn(IHostEnvironment environment) => Dashboard ?? environment.IsDevelopment();

    public bool UsesTls => !string.IsNullOrEmpty(CertificatePath);

    /// <summary>The certificate the listeners present; null without <see cref="CertificatePath"/>.</summary>
    public X509Certificate2? LoadCertificate() =>
        UsesTls ? X509CertificateLoader.LoadPkcs12FromFile(CertificatePath!, CertificatePassword) : null;
}
