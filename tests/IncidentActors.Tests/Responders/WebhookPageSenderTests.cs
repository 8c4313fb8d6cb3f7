using System.Collections.Immutable;
using System.Net;
using System.Text;
using IncidentActors.Alerts;
using IncidentActors.Errors;
using IncidentActors.Responders;
using IncidentActors.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace IncidentActors.Tests.Responders;

public sealed class WebhookPageSenderTests
{
    private const string Secret = "0123456789abcdef-secret";
    private static readonly Page SamplePage = new("checkout-1/L1/R1", "checkout-1", "alice", "Checkout down", AlertSeverity.Critical,
        1, 1, "escalation level 1 (round 1)", new DateTimeOffset(2026, 11, 25, 3, 0, 0, TimeSpan.Zero));

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 3, 0, 5, TimeSpan.Zero));

    [Fact]
    public async Task DeliveredPageCarriesASignatureTheReceiverCanVerify()
    {
        await using var receiver = await ScriptedReceiver.StartAsync(200);

        var attempt = await Sender().SendAsync(new WebhookContact(receiver.Url, Secret), SamplePage, 1, CancellationToken.None);

        Assert.Equal((true, 200), (attempt.Delivered, attempt.HttpStatus));
        var (headers, body) = Assert.Single(receiver.Requests);
        Assert.Equal("checkout-1/L1/R1", headers["Idempotency-Key"]);
        Assert.True(WebhookSignature.Verify(Secret, headers[WebhookSignature.TimestampHeader], headers[WebhookSignature.SignatureHeader], body,
            _clock.GetUtcNow(), TimeSpan.FromMinutes(5)));
        Assert.Contains("\"idempotency_key\":\"checkout-1/L1/R1\"", Encoding.UTF8.GetString(body));
    }

    [Fact]
    public async Task AShiftNoticeCarriesItsNoticeAndAnIncidentPageNone()
    {
        await using var receiver = await ScriptedReceiver.StartAsync(200);
        var start = new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
        var notice = SamplePage with
        {
            IdempotencyKey = "shift/payments/1/alice", IncidentId = "",
            Notice = new ShiftNotice(ShiftNoticeKind.OnCall, "You are now on call for Payments until 2026-11-25 16:00 UTC.", "payments", start, start.AddHours(8)),
        };

        await Sender().SendAsync(new WebhookContact(receiver.Url, Secret), notice, 1, CancellationToken.None);
        await Sender().SendAsync(new WebhookContact(receiver.Url, Secret), SamplePage, 1, CancellationToken.None);

        var bodies = receiver.Requests.Select(r => System.Text.Json.JsonDocument.Parse(r.Body).RootElement).ToList();
        var sent = bodies[0].GetProperty("notice");
        Assert.Equal(("on_call", "You are now on call for Payments until 2026-11-25 16:00 UTC.", "payments", start, start.AddHours(8), ""),
            (sent.GetProperty("kind").GetString(), sent.GetProperty("text").GetString(), sent.GetProperty("rotation_id").GetString(),
                sent.GetProperty("shift_start").GetDateTimeOffset(), sent.GetProperty("shift_end").GetDateTimeOffset(), bodies[0].GetProperty("incident_id").GetString()));
        Assert.False(bodies[1].TryGetProperty("notice", out _));
    }

    [Fact]
    public void TamperedBodyWrongSecretOrStaleTimestampFailVerification()
    {
        var body = Encoding.UTF8.GetBytes("""{"incident_id":"checkout-1"}""");
        var timestamp = _clock.GetUtcNow().ToUnixTimeSeconds();
        var signature = WebhookSignature.Sign(Secret, timestamp, body);
        var now = _clock.GetUtcNow();

        Assert.True(WebhookSignature.Verify(Secret, timestamp.ToString(), signature, body, now, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(Secret, timestamp.ToString(), signature, Encoding.UTF8.GetBytes("""{"incident_id":"checkout-2"}"""), now, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("another-secret-of-length", timestamp.ToString(), signature, body, now, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(Secret, timestamp.ToString(), signature, body, now.AddMinutes(10), TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(Secret, timestamp.ToString(), "v1=not-hex", body, now, TimeSpan.FromMinutes(5)));
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(429, true)]
    [InlineData(408, true)]
    [InlineData(404, false)]
    [InlineData(400, false)]
    [InlineData(410, false)]
    public async Task FailedDeliveryIsRetryableOnlyWhenTheReceiverMightLaterAccept(int status, bool retryable)
    {
        await using var receiver = await ScriptedReceiver.StartAsync(status);

        var attempt = await Sender().SendAsync(new WebhookContact(receiver.Url, Secret), SamplePage, 1, CancellationToken.None);

        Assert.Equal((false, retryable, status), (attempt.Delivered, attempt.Retryable, attempt.HttpStatus));
    }

    [Fact]
    public async Task ReceiverThatDoesNotAnswerInTimeIsARetryableFailure()
    {
        await using var receiver = await ScriptedReceiver.StartAsync(-1);

        var attempt = await Sender(TimeSpan.FromMilliseconds(200)).SendAsync(new WebhookContact(receiver.Url, Secret), SamplePage, 1, CancellationToken.None);

        Assert.Equal((false, true, (int?)null), (attempt.Delivered, attempt.Retryable, attempt.HttpStatus));
    }

    [Fact]
    public async Task UnreachableReceiverIsARetryableFailure()
    {
        var nobody = $"http://127.0.0.1:{AzuriteFixture.FreeLoopbackPort()}/hook";

        var attempt = await Sender().SendAsync(new WebhookContact(nobody, Secret), SamplePage, 1, CancellationToken.None);

        Assert.Equal((false, true, "connection refused"), (attempt.Delivered, attempt.Retryable, attempt.Error));
    }

    [Fact]
    public async Task FailureReceiptsTellWhatHappenedInFixedWords()
    {
        await using var receiver = await ScriptedReceiver.StartAsync(503, -1);

        var refused = await Sender().SendAsync(new WebhookContact(receiver.Url, Secret), SamplePage, 1, CancellationToken.None);
        var timedOut = await Sender(TimeSpan.FromMilliseconds(200)).SendAsync(new WebhookContact(receiver.Url, Secret), SamplePage, 2, CancellationToken.None);

        Assert.Equal("HTTP 503 Service Unavailable", refused.Error);
        Assert.Equal("timed out", timedOut.Error);
    }

    [Fact]
    public async Task NameResolvingToAnInternalAddressIsRefusedAsTheConnectionIsMade()
    {
        await using var receiver = await ScriptedReceiver.StartAsync(200);
        var sameReceiverByName = receiver.Url.Replace("127.0.0.1", "localhost");

        var attempt = await Sender().SendAsync(new WebhookContact(sameReceiverByName, Secret), SamplePage, 1, CancellationToken.None);

        Assert.Equal((false, false, "destination not allowed"), (attempt.Delivered, attempt.Retryable, attempt.Error));
        Assert.Empty(receiver.Requests);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("100.127.255.255")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    public void InternalAddressesAreNotPublic(string address) =>
        Assert.False(WebhookDestinations.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    public void PublicAddressesArePublic(string address) =>
        Assert.True(WebhookDestinations.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public void BackoffDoublesFromTwoSecondsUpToFiveMinutes()
    {
        Assert.Equal([0, 2, 4, 8, 16, 32], Enumerable.Range(1, 6).Select(a => DeliveryBackoff.DelayBefore(a).TotalSeconds));
        Assert.Equal(TimeSpan.FromMinutes(5), DeliveryBackoff.DelayBefore(20));
    }

    [Fact]
    public void WebhookMustBeHttpsToAPublicHostUnlessItsHostIsAllowListed()
    {
        var destinations = Destinations("127.0.0.1", "[::1]", "receiver.internal");
        WebhookContactValidator.Validate([new("https://hooks.example.com/pages", Secret), new("http://127.0.0.1:8080/pages", Secret),
            new("http://[::1]/x", Secret), new("http://receiver.internal/x", Secret), new("https://127.0.0.1/y", Secret)], destinations);

        var error = Assert.Throws<InvalidRequestException>(() => WebhookContactValidator.Validate(
            [new("http://hooks.example.com/pages", Secret), new("ftp://x/y", Secret), new("https://ok.example.com", "short"),
             new("https://10.0.0.8/pages", Secret), new("https://localhost/pages", Secret), new("https://[fe80::1]/pages", Secret),
             new("https://hooks.example.com/pages", Secret), new("https://hooks.example.com/pages", Secret)], destinations));

        Assert.Equal(["webhooks[0].url", "webhooks[1].url", "webhooks[2].secret", "webhooks[3].url", "webhooks[4].url", "webhooks[5].url", "webhooks[7].url"],
            error.Violations.Select(v => v.Field));
        Assert.Throws<InvalidRequestException>(() => WebhookContactValidator.Validate([new("http://127.0.0.1:8080/pages", Secret)], Destinations()));
    }

    private WebhookPageSender Sender(TimeSpan? attemptTimeout = null)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"{WebhookDeliveryOptions.Section}:{nameof(WebhookDeliveryOptions.AllowedInternalHosts)}:0"] = "127.0.0.1",
        };
        if (attemptTimeout is { } timeout)
        {
            settings[$"{WebhookDeliveryOptions.Section}:{nameof(WebhookDeliveryOptions.AttemptTimeout)}"] = timeout.ToString();
        }
        return new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(_clock)
            .AddPageDelivery(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider()
            .GetRequiredService<WebhookPageSender>();
    }

    private static WebhookDestinations Destinations(params string[] allowed) =>
        new(Options.Create(new WebhookDeliveryOptions { AllowedInternalHosts = allowed }));
}
