using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IncidentActors.Testing;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace IncidentActors.Tests.EndToEnd;

/// <summary>
/// Two silos started as a deployment starts them, given the cluster's certificate: they form one cluster over mutual
/// TLS, and a connection to a silo's or gateway's port with another certificate, or none, is dropped.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ClusterTlsTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task SilosHoldingTheClusterCertificateFormOneClusterAndDropEveryoneElse()
    {
        using var clusterCertificate = SelfSigned("CN=incidentactors-cluster");
        using var stranger = SelfSigned("CN=incidentactors-cluster");
        var path = Path.GetTempFileName();
        await File.WriteAllBytesAsync(path, clusterCertificate.Export(X509ContentType.Pkcs12, "pfx-password"));
        try
        {
            var cluster = AzuriteFixture.UniqueName("tls");
            var (siloPort, gatewayPort) = (AzuriteFixture.FreeLoopbackPort(), AzuriteFixture.FreeLoopbackPort());
            await using var first = await RunningSilo.StartAsync(azurite, settings: Silo(cluster, path, siloPort, gatewayPort));
            await using var second = await RunningSilo.StartAsync(azurite,
                settings: Silo(cluster, path, AzuriteFixture.FreeLoopbackPort(), AzuriteFixture.FreeLoopbackPort()));

            await Eventually.True(async () => (await first.Grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count == 2,
                what: "both silos to be active in one cluster");
            // Incidents of services placed over both silos: their calls cross the silos' TLS links.
            for (var i = 0; i < 6; i++)
            {
                var id = await second.OpenIncidentAsync(AzuriteFixture.UniqueName("svc"), "retail", "disk", "Disk full");
                Assert.Equal(id, (await new Api.V1.Incidents.IncidentsClient(first.Channel).GetIncidentAsync(new Api.V1.GetIncidentRequest { Id = id })).Id);
            }

            foreach (var port in new[] { siloPort, gatewayPort })
            {
                var endpoint = new IPEndPoint(IPAddress.Loopback, port);
                Assert.True(await AdmittedAsync(endpoint, clusterCertificate), $"port {port} dropped the cluster's own certificate");
                Assert.False(await AdmittedAsync(endpoint, stranger), $"port {port} admitted a certificate of the same name but not the cluster's");
                Assert.False(await AdmittedAsync(endpoint, certificate: null), $"port {port} admitted a connection without a certificate");
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task TheClusterCertificateIsDroppedOnceExpiredByTheSilosClock()
    {
        using var clusterCertificate = SelfSigned("CN=incidentactors-cluster");
        var path = Path.GetTempFileName();
        await File.WriteAllBytesAsync(path, clusterCertificate.Export(X509ContentType.Pkcs12, "pfx-password"));
        try
        {
            var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
            var (cluster, siloPort) = (AzuriteFixture.UniqueName("tls"), AzuriteFixture.FreeLoopbackPort());
            await using var silo = await RunningSilo.StartAsync(azurite, clock, Silo(cluster, path, siloPort, AzuriteFixture.FreeLoopbackPort()));
            var endpoint = new IPEndPoint(IPAddress.Loopback, siloPort);

            Assert.True(await AdmittedAsync(endpoint, clusterCertificate), "the silo dropped the cluster's certificate while valid");
            clock.Advance(TimeSpan.FromHours(2));
            Assert.False(await AdmittedAsync(endpoint, clusterCertificate), "the silo admitted the cluster's certificate after it expired");
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static Dictionary<string, string?> Silo(string cluster, string certificatePath, int siloPort, int gatewayPort) => new()
    {
        ["IncidentActors:Silo:ClusterId"] = cluster,
        ["IncidentActors:Silo:ServiceId"] = cluster,
        ["IncidentActors:Silo:SiloPort"] = siloPort.ToString(),
        ["IncidentActors:Silo:GatewayPort"] = gatewayPort.ToString(),
        ["IncidentActors:Silo:TlsCertificatePath"] = certificatePath,
        ["IncidentActors:Silo:TlsCertificatePassword"] = "pfx-password",
    };

    /// <summary>
    /// Admitted when, after the handshake, the silo keeps the connection open waiting for Orleans' preamble; a refused
    /// client certificate makes it close the connection (under TLS 1.3 only after the client's side of the handshake).
    /// </summary>
    private static async Task<bool> AdmittedAsync(IPEndPoint endpoint, X509Certificate2? certificate)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(endpoint);
        await using var tls = new SslStream(tcp.GetStream());
        using var patience = new CancellationTokenSource(Patience);
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "incidentactors-cluster",
                ClientCertificates = certificate is null ? null : new X509CertificateCollection { certificate },
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            }, patience.Token);
            return await tls.ReadAsync(new byte[1], patience.Token) > 0;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
        catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException)
        {
            return false;
        }
    }

    private static X509Certificate2 SelfSigned(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        // Through PKCS#12, as a silo loads its certificate, so that SslStream can use the private key on Linux.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }
}
