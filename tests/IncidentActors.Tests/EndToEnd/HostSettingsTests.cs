using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IncidentActors.Api.V1;
using IncidentActors.Silo;
using IncidentActors.Testing;
using IncidentActors.Tests.Incidents;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Grpc.Net.Client;
using Xunit;

namespace IncidentActors.Tests.EndToEnd;

public sealed class HostSettingsTests
{
    [Fact]
    public void MissingRegionStopsTheSiloWithAMessageNamingTheSetting()
    {
        var error = Assert.Throws<OptionsValidationException>(() => IncidentActorsHost.Build([], builder =>
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["IncidentActors:Silo:Region"] = "" })));

        Assert.Contains("IncidentActors:Silo:Region", error.Message);
    }

    [Fact]
    public void AzureStorageModeWithoutConnectionStringIsRefused()
    {
        var error = Assert.Throws<OptionsValidationException>(() => IncidentActorsHost.Build([], builder =>
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["IncidentActors:Storage:ConnectionString"] = " " })));

        Assert.Contains("IncidentActors:Storage:ConnectionString", error.Message);
    }

    [Fact]
    public void AnOrleansGatewayBeyondLoopbackIsRefused()
    {
        var error = Assert.Throws<OptionsValidationException>(() => IncidentActorsHost.Build([], builder =>
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["IncidentActors:Silo:AdvertisedAddress"] = "10.1.2.3" })));

        Assert.Contains("IncidentActors:Silo:GatewayPort must be 0", error.Message);
    }

    [Fact]
    public void AnOrleansGatewayBeyondLoopbackIsAdmittedBehindMutualTlsWithPeersNamedByThumbprint()
    {
        using var certificate = SelfSignedLoopbackCertificate();
        var path = Path.GetTempFileName();
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12));
        try
        {
            var settings = new Dictionary<string, string?>
            {
                ["IncidentActors:Silo:AdvertisedAddress"] = "10.1.2.3",
                ["IncidentActors:Silo:TlsCertificatePath"] = path,
                ["IncidentActors:Silo:TlsPeerCertificates:0"] = new string('a', 64),
            };
            // Built without complaint: admitted.
            using (IncidentActorsHost.Build([], builder => builder.Configuration.AddInMemoryCollection(settings)))
            {
            }
            settings["IncidentActors:Silo:TlsPeerCertificates:0"] = "3F:A2";
            var error = Assert.Throws<OptionsValidationException>(() => IncidentActorsHost.Build([], builder =>
                builder.Configuration.AddInMemoryCollection(settings)));

            Assert.Contains("IncidentActors:Silo:TlsPeerCertificates: '3F:A2' is not a SHA-256 thumbprint", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void MalformedConnectionStringIsRefusedNamingTheSetting()
    {
        var error = Assert.Throws<OptionsValidationException>(() => IncidentActorsHost.Build([], builder =>
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["IncidentActors:Storage:ConnectionString"] = "AccountName=;Key" })));

        Assert.Contains("IncidentActors:Storage:ConnectionString is not an Azure Storage connection string", error.Message);
    }

    [Fact]
    public void OtlpEndpointThatIsNoUrlIsRefusedNamingTheSetting()
    {
        var error = Assert.Throws<OptionsValidationException>(() => IncidentActorsHost.Build([], builder =>
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["IncidentActors:Telemetry:OtlpEndpoint"] = "otel-collector:4317" })));

        Assert.Contains("IncidentActors:Telemetry:OtlpEndpoint 'otel-collector:4317' is not an http or https URL", error.Message);
    }

    [Fact]
    public async Task InMemoryModeServesTheApiWithoutStorage()
    {
        var grpcPort = AzuriteFixture.FreeLoopbackPort();
        await using var app = IncidentActorsHost.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(InMemorySilo(grpcPort));
            builder.Configuration.AddInMemoryCollection(TestTokens.SiloSettings);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        });
        await app.StartAsync();
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}");

        var service = await new ServiceCatalog.ServiceCatalogClient(channel).RegisterServiceAsync(
            new RegisterServiceRequest { Id = "lab", Name = "Lab", OwnerTeam = "sre", BusinessUnitId = "rnd" },
            new Grpc.Core.Metadata { { "authorization", $"Bearer {TestTokens.For(TestTokens.Admin)}" } });

        Assert.Equal("rnd", service.BusinessUnitId);
        await app.StopAsync();
    }

    [Theory]
    [InlineData("")]
    [InlineData("c2hvcnQ=")]
    [InlineData("not base64")]
    public async Task AMissingOrWeakTimelineKeyStopsTheSiloAtStartNamingTheSetting(string key)
    {
        await using var app = IncidentActorsHost.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(InMemorySilo(AzuriteFixture.FreeLoopbackPort()));
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["IncidentActors:Audit:TimelineKey"] = key });
            builder.Logging.SetMinimumLevel(LogLevel.Critical);
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("IncidentActors:Audit:TimelineKey must be the base64 of at least 32 random bytes", error.Message);
    }

    [Theory]
    [InlineData("IncidentActors:Intake:AlertsPerSecond", "0")]
    [InlineData("IncidentActors:Deadlines:MaxClockSkew", "-00:00:01")]
    [InlineData("IncidentActors:Incidents:ListingActivityFlushInterval", "00:00:00")]
    public async Task AnInvalidSettingOfASectionStopsTheSiloAtStartNamingTheSection(string setting, string value)
    {
        await using var app = IncidentActorsHost.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(InMemorySilo(AzuriteFixture.FreeLoopbackPort()));
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [setting] = value });
            builder.Logging.SetMinimumLevel(LogLevel.Critical);
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(setting[..setting.LastIndexOf(':')], error.Message);
    }

    [Fact]
    public async Task SiloGivenACertificateAnswersGrpcAndWebhooksOverTls()
    {
        using var certificate = SelfSignedLoopbackCertificate();
        var path = Path.Combine(Path.GetTempPath(), AzuriteFixture.UniqueName("api") + ".pfx");
        await File.WriteAllBytesAsync(path, certificate.Export(X509ContentType.Pfx, "pfx-password"));
        try
        {
            var (grpcPort, httpPort) = (AzuriteFixture.FreeLoopbackPort(), AzuriteFixture.FreeLoopbackPort());
            await using var app = IncidentActorsHost.Build([], builder =>
            {
                builder.Configuration.AddInMemoryCollection(InMemorySilo(grpcPort));
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["IncidentActors:Api:HttpPort"] = httpPort.ToString(),
                    ["IncidentActors:Api:CertificatePath"] = path,
                    ["IncidentActors:Api:CertificatePassword"] = "pfx-password",
                });
                builder.Configuration.AddInMemoryCollection(TestTokens.SiloSettings);
                builder.Logging.SetMinimumLevel(LogLevel.Warning);
            });
            await app.StartAsync();
            using var channel = GrpcChannel.ForAddress($"https://127.0.0.1:{grpcPort}", new GrpcChannelOptions { HttpHandler = TrustingOnly(certificate) });
            using var http = new HttpClient(TrustingOnly(certificate));

            var service = await new ServiceCatalog.ServiceCatalogClient(channel).RegisterServiceAsync(
                new RegisterServiceRequest { Id = "lab", Name = "Lab", OwnerTeam = "sre", BusinessUnitId = "rnd" },
                new Grpc.Core.Metadata { { "authorization", $"Bearer {TestTokens.For(TestTokens.Admin)}" } });
            using var health = await http.GetAsync($"https://127.0.0.1:{httpPort}/healthz");

            Assert.Equal("rnd", service.BusinessUnitId);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync($"http://127.0.0.1:{httpPort}/healthz"));
            await app.StopAsync();
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void CertificateThatCannotBeReadStopsTheSiloNamingTheSetting()
    {
        var path = Path.GetTempFileName();
        try
        {
            var error = Assert.Throws<OptionsValidationException>(() => IncidentActorsHost.Build([], builder =>
            {
                builder.Configuration.AddInMemoryCollection(InMemorySilo(AzuriteFixture.FreeLoopbackPort()));
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["IncidentActors:Api:CertificatePath"] = path });
            }));

            Assert.Contains("IncidentActors:Api:CertificatePath", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static SocketsHttpHandler TrustingOnly(X509Certificate2 certificate) => new()
    {
        SslOptions = { RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == certificate.GetCertHashString() },
    };

    private static X509Certificate2 SelfSignedLoopbackCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
    }

    private static Dictionary<string, string?> InMemorySilo(int grpcPort) => new(TimelineKeys.SiloSetting)
    {
        ["IncidentActors:Storage:Mode"] = "InMemory",
        ["IncidentActors:Storage:ConnectionString"] = "",
        ["IncidentActors:Silo:SiloPort"] = AzuriteFixture.FreeLoopbackPort().ToString(),
        ["IncidentActors:Silo:GatewayPort"] = AzuriteFixture.FreeLoopbackPort().ToString(),
        ["IncidentActors:Api:GrpcPort"] = grpcPort.ToString(),
        ["IncidentActors:Api:HttpPort"] = AzuriteFixture.FreeLoopbackPort().ToString(),
    };
}
