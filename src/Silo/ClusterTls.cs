using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Connections.Security;

namespace IncidentActors.Silo;

/// <summary>
/// Mutual TLS on the cluster's own links: silo to silo, and Orleans clients to the gateway. Each side must present a
/// certificate the other pins by its SHA-256 thumbprint (the cluster's own, or one named for rotation) and that is within
/// its validity by the silo's clock; no authority or name is trusted on its own, so a certificate merely issued by a public
/// CA gets nowhere.
/// </summary>
public static class ClusterTls
{
    /// <summary>
    /// Orleans' own TLS middleware on every inbound and outbound link, configured where the silo's TimeProvider can be
    /// resolved, since the certificates' validity is judged by it.
    /// </summary>
    public static ISiloBuilder UseClusterTls(this ISiloBuilder orleans, X509Certificate2 certificate, IEnumerable<string> peerThumbprints)
    {
        var trusted = peerThumbprints.Append(Thumbprint(certificate)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        orleans.Services.AddOptions<SiloConnectionOptions>().Configure<TimeProvider>((connections, clock) =>
        {
            var tls = new TlsOptions
            {
                LocalCertificate = certificate,
                RemoteCertificateMode = RemoteCertificateMode.RequireCertificate,
                ClientCertificateMode = RemoteCertificateMode.RequireCertificate,
                // Replaces the platform's chain and name checks, which a self-signed cluster certificate would fail.
                RemoteCertificateValidation = (presented, _, _) => trusted.Contains(Thumbprint(presented)) && WithinValidity(presented, clock.GetUtcNow()),
            };
            connections.ConfigureSiloInboundConnection(connection => connection.UseServerTls(tls));
            connections.ConfigureGatewayInboundConnection(connection => connection.UseServerTls(tls));
            connections.ConfigureSiloOutboundConnection(connection => connection.UseClientTls(tls));
        });
        return orleans;
    }

    private static string Thumbprint(X509Certificate2 certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256);

    private static bool WithinValidity(X509Certificate2 certificate, DateTimeOffset now) =>
        certificate.NotBefore.ToUniversalTime() <= now.UtcDateTime && now.UtcDateTime < certificate.NotAfter.ToUniversalTime();
}
