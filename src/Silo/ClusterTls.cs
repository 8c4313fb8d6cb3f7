using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace IncidentActors.Silo;

/// <summary>
/// Mutual TLS on the cluster's own links: silo to silo, and Orleans clients to the gateway. Each side must present a
/// certificate the other pins by its SHA-256 thumbprint (the cluster's own, or one named for rotation) and that is within
/// its validity; no authority or name is trusted on its own, so a certificate merely issued by a public CA gets nowhere.
/// </summary>
public static class ClusterTls
{
    public static ISiloBuilder UseClusterTls(this ISiloBuilder orleans, X509Certificate2 certificate, IEnumerable<string> peerThumbprints) =>
        orleans.UseTls(certificate, options => Require(options, certificate, peerThumbprints));

    public static IClientBuilder UseClusterTls(this IClientBuilder client, X509Certificate2 certificate, IEnumerable<string> peerThumbprints) =>
        client.UseTls(certificate, options => Require(options, certificate, peerThumbprints));

    public static string Thumbprint(X509Certificate2 certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256);

    private static void Require(TlsOptions options, X509Certificate2 own, IEnumerable<string> peerThumbprints)
    {
        var trusted = peerThumbprints.Append(Thumbprint(own)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        // Replaces the platform's chain and name checks, which a self-signed cluster certificate would fail.
        options.RemoteCertificateValidation = (certificate, _, _) =>
            trusted.Contains(Thumbprint(certificate)) && certificate.NotBefore <= DateTime.Now && DateTime.Now < certificate.NotAfter;
    }
}
