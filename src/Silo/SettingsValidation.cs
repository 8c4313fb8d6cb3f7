using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace IncidentActors.Silo;

/// <summary>
/// Checks the settings before anything starts, so that a missing or bad one stops the silo with a
/// message that names it instead of surfacing later as a connection failure.
/// </summary>
internal static class SettingsValidation
{
    public static T Read<T>(IConfiguration configuration, string section, Func<T, IEnumerable<string>> validate)
        where T : class, new()
    {
        var settings = configuration.GetSection(section).Get<T>() ?? new T();
        var failures = validate(settings).Select(f => $"{section}:{f}").ToList();
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(section, typeof(T), failures);
        }
        return settings;
    }

    public static IEnumerable<string> Check(SiloSettings s)
    {
        if (string.IsNullOrWhiteSpace(s.Region)) yield return "Region is required (the region this silo runs in, e.g. emea).";
        if (string.IsNullOrWhiteSpace(s.ClusterId)) yield return "ClusterId is required.";
        if (string.IsNullOrWhiteSpace(s.ServiceId)) yield return "ServiceId is required.";
        if (!IPAddress.TryParse(s.AdvertisedAddress, out _)) yield return $"AdvertisedAddress '{s.AdvertisedAddress}' is not an IP address.";
        if (!IsPort(s.SiloPort)) yield return $"SiloPort {s.SiloPort} is not a port number.";
        if (s.GatewayPort != 0 && !IsPort(s.GatewayPort)) yield return $"GatewayPort {s.GatewayPort} is not a port number (0 turns the gateway off).";
        // Without mutual TLS, Orleans clients connect to the gateway without authenticating, and their calls pass as the system's own.
        if (s.GatewayPort != 0 && !s.UsesTls && IPAddress.TryParse(s.AdvertisedAddress, out var address) && !IPAddress.IsLoopback(address))
        {
            yield return $"GatewayPort must be 0 when AdvertisedAddress ({s.AdvertisedAddress}) is not loopback and TlsCertificatePath is unset: the Orleans " +
                "gateway would admit unauthenticated clients. Call the silo over gRPC instead, or set TlsCertificatePath.";
        }
        if (s.UsesTls && CertificateProblem("TlsCertificatePath", s.TlsCertificatePath!, s.TlsCertificatePassword) is { } problem)
        {
            yield return problem;
        }
        if (s.ShutdownTimeout <= TimeSpan.Zero) yield return $"ShutdownTimeout {s.ShutdownTimeout} must be above zero (e.g. 00:00:30).";
        foreach (var thumbprint in s.TlsPeerCertificates.Where(t => t.Length != 64 || !t.All(char.IsAsciiHexDigit)))
        {
            yield return $"TlsPeerCertificates: '{thumbprint}' is not a SHA-256 thumbprint (64 hex digits).";
        }
    }

    public static IEnumerable<string> Check(StorageSettings s)
    {
        if (!Enum.IsDefined(s.Mode)) yield return $"Mode '{s.Mode}' is not one of {string.Join(", ", Enum.GetNames<StorageMode>())}.";
        if (!Enum.IsDefined(s.GrainStorage)) yield return $"GrainStorage '{s.GrainStorage}' is not one of {string.Join(", ", Enum.GetNames<GrainStorageProvider>())}.";
        if (s.Mode != StorageMode.AzureStorage)
        {
            yield break;
        }
        var hasConnectionString = !string.IsNullOrWhiteSpace(s.ConnectionString);
        if (hasConnectionString == s.UsesEndpoints)
        {
            yield return hasConnectionString
                ? "ConnectionString and TableServiceUri/BlobServiceUri are both set: use one, a connection string or the service endpoints with an Azure identity."
                : "ConnectionString is required in AzureStorage mode (an Azure Storage or Azurite connection string), or TableServiceUri and BlobServiceUri with an Azure identity.";
        }
        else if (hasConnectionString && !IsStorageConnectionString(s.ConnectionString))
        {
            yield return "ConnectionString is not an Azure Storage connection string (expected e.g. 'DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...').";
        }
        else if (s.UsesEndpoints)
        {
            // Azure refuses to send a bearer token anywhere but https.
            if (!IsHttpsUri(s.TableServiceUri)) yield return $"TableServiceUri '{s.TableServiceUri}' is not an https URL (e.g. https://account.table.core.windows.net).";
            if (!IsHttpsUri(s.BlobServiceUri)) yield return $"BlobServiceUri '{s.BlobServiceUri}' is not an https URL (e.g. https://account.blob.core.windows.net).";
        }
        if (s.ManagedIdentityClientId is { } clientId && (!s.UsesEndpoints || !Guid.TryParse(clientId, out _)))
        {
            yield return $"ManagedIdentityClientId '{clientId}' must be a client id (a GUID), and only with TableServiceUri and BlobServiceUri.";
        }
    }

    private static bool IsHttpsUri(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps;

    // The storage client is built while the silo is configured; parsed here first, a typo is reported by its setting's name.
    private static bool IsStorageConnectionString(string value)
    {
        try
        {
            _ = new TableServiceClient(value);
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    public static IEnumerable<string> Check(ApiSettings s)
    {
        if (!IPAddress.TryParse(s.ListenAddress, out _)) yield return $"ListenAddress '{s.ListenAddress}' is not an IP address.";
        if (!IsPort(s.GrpcPort)) yield return $"GrpcPort {s.GrpcPort} is not a port number.";
        if (!IsPort(s.HttpPort)) yield return $"HttpPort {s.HttpPort} is not a port number.";
        if (s.GrpcPort == s.HttpPort) yield return "GrpcPort and HttpPort must differ: one speaks HTTP/2 only, the other HTTP/1.1.";
        if (s.UsesTls && CertificateProblem("CertificatePath", s.CertificatePath!, s.CertificatePassword) is { } problem) yield return problem;
    }

    public static IEnumerable<string> Check(TelemetrySettings s)
    {
        if (s.OtlpEndpoint is { } endpoint && !(Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            yield return $"OtlpEndpoint '{endpoint}' is not an http or https URL (an OTLP/gRPC collector, e.g. http://otel-collector:4317).";
        }
    }

    private static string? CertificateProblem(string setting, string path, string? password)
    {
        if (!File.Exists(path))
        {
            return $"{setting} '{path}' is not a file.";
        }
        try
        {
            using var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
            return certificate.HasPrivateKey ? null : $"{setting} '{path}' holds no private key; TLS needs one.";
        }
        catch (CryptographicException e)
        {
            return $"{setting} '{path}' could not be read as PKCS#12 with its password: {e.Message}";
        }
    }

    private static bool IsPort(int port) => port is > 0 and <= 65535;
}
