using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace IncidentActors.Cli.Drill;

/// <summary>One POST the simulated responders' receiver took, by the page's <c>Idempotency-Key</c>.</summary>
/// <param name="IncidentId">Empty for a shift notice.</param>
public sealed record ReceivedPage(string IdempotencyKey, string Responder, string IncidentId, DateTimeOffset At, bool SignatureValid);

/// <summary>
/// The drill's own loopback webhook receiver: every simulated responder's webhook is <c>/pages/&lt;responder&gt;</c> here.
/// Each delivery is recorded under its <c>Idempotency-Key</c> header with its signature checked against the run's secret,
/// so the page ledger counts what really arrived, not what logs say.
/// </summary>
public sealed class PageReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly byte[] _secret;
    private readonly TimeProvider _clock;
    private readonly ConcurrentQueue<ReceivedPage> _received = new();
    private readonly Task _loop;

    private PageReceiver(HttpListener listener, int port, string secret, TimeProvider clock)
    {
        _listener = listener;
        Port = port;
        Secret = secret;
        _secret = Encoding.UTF8.GetBytes(secret);
        _clock = clock;
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    /// <summary>The webhook secret every simulated responder is defined with.</summary>
    public string Secret { get; }

    /// <summary>Called once per delivery, after it is recorded (the simulated responders act on it).</summary>
    public event Action<ReceivedPage>? Received;

    public IReadOnlyList<ReceivedPage> Deliveries => [.. _received];

    public string UrlFor(string responder) => $"http://127.0.0.1:{Port}/pages/{Uri.EscapeDataString(responder)}";

    public static PageReceiver Start(TimeProvider clock)
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new PageReceiver(listener, port, Convert.ToHexString(RandomNumberGenerator.GetBytes(24)), clock);
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                listener.Close();
            }
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        using var response = context.Response;
        var path = context.Request.Url?.AbsolutePath ?? "";
        if (context.Request.HttpMethod != "POST" || !path.StartsWith("/pages/", StringComparison.Ordinal))
        {
            response.StatusCode = 404;
            return;
        }
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        var bytes = body.ToArray();
        var page = new ReceivedPage(
            context.Request.Headers["Idempotency-Key"] ?? "",
            Uri.UnescapeDataString(path["/pages/".Length..]),
            IncidentOf(bytes),
            _clock.GetUtcNow(),
            SignatureValid(context.Request.Headers["X-IncidentActors-Timestamp"], context.Request.Headers["X-IncidentActors-Signature"], bytes));
        _received.Enqueue(page);
        // A forged page is recorded for the report but refused, as a real receiver would.
        response.StatusCode = page.SignatureValid ? 200 : 401;
        Received?.Invoke(page);
    }

    private bool SignatureValid(string? timestamp, string? signature, byte[] body)
    {
        if (timestamp is null || signature is null || !signature.StartsWith("v1=", StringComparison.Ordinal))
        {
            return false;
        }
        byte[] signed = [.. Encoding.UTF8.GetBytes(timestamp + "."), .. body];
        var expected = HMACSHA256.HashData(_secret, signed);
        try
        {
            return CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(signature[3..]));
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string IncidentOf(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("incident_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()! : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
