using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace IncidentActors.Responders;

/// <summary>
/// Where pages may go. Pages are sent from inside the network on behalf of whoever defined the webhook, so a webhook
/// must not reach this machine or internal hosts (a cloud metadata endpoint, an admin port). The check runs as each
/// connection is made, on the addresses the name resolves to then: a name that resolves elsewhere after validation
/// (DNS rebinding) gains nothing. Hosts in <see cref="WebhookDeliveryOptions.AllowedInternalHosts"/> are exempt.
/// </summary>
public sealed class WebhookDestinations
{
    private readonly HashSet<string> _allowed;

    public WebhookDestinations(IOptions<WebhookDeliveryOptions> options) =>
        _allowed = new(options.Value.AllowedInternalHosts.Select(Normalize), StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether pages may go to this host over plain HTTP and at internal addresses.</summary>
    public bool IsAllowListed(string host) => _allowed.Contains(Normalize(host));

    /// <summary>Whether a URL names a host that is internal on its face: this machine, or an internal address literal.</summary>
    public static bool IsInternalOnItsFace(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(Unbracket(uri.Host), out var address) && !IsPublic(address));

    /// <summary>
    /// False for loopback, private (RFC 1918), link-local, carrier-grade NAT, unique-local, unspecified, multicast and
    /// reserved addresses, and for IPv6 addresses that embed such an IPv4 address.
    /// </summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var length);
        if (length == 4)
        {
            return !(bytes[0] is 0 or 10 or 127 or >= 224
                || (bytes[0] == 100 && (bytes[1] & 0xC0) == 64)
                || (bytes[0] == 169 && bytes[1] == 254)
                || (bytes[0] == 172 && (bytes[1] & 0xF0) == 16)
                || (bytes[0] == 192 && bytes[1] == 168));
        }
        if (IsNat64(bytes))
        {
            return IsPublic(new IPAddress(bytes[12..16]));
        }
        return !(address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6Loopback) || address.IsIPv6LinkLocal
            || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast);
    }

    /// <summary>The connection of a page's request, to the first address of its host that pages may reach.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(Unbracket(host), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        if (!IsAllowListed(host))
        {
            addresses = Array.FindAll(addresses, IsPublic);
        }
        if (addresses.Length == 0)
        {
            throw new WebhookDestinationRefusedException(host);
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    // 64:ff9b::/96, the well-known NAT64 prefix, reaches the IPv4 address in its last four bytes.
    private static bool IsNat64(ReadOnlySpan<byte> bytes) =>
        bytes[..12].SequenceEqual((ReadOnlySpan<byte>)[0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0]);

    private static string Normalize(string host)
    {
        var bare = Unbracket(host.Trim()).TrimEnd('.');
        return IPAddress.TryParse(bare, out var address) ? address.ToString() : bare;
    }

    private static string Unbracket(string host) => host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
}
