using System.Collections.Immutable;
using System.Text;
using IncidentActors.Alerts;
using IncidentActors.Errors;
using IncidentActors.Responders;
using IncidentActors.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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

        Assert.Equal((false, true), (attempt.Delivered, attempt.Retryable));
        Assert.NotNull(attempt.Error);
    }

    [Fact]
    public void BackoffDoublesFromTwoSecondsUpToFiveMinutes()
    {
        Assert.Equal([0, 2, 4, 8, 16, 32], Enumerable.Range(1, 6).Select(a => DeliveryBackoff.DelayBefore(a).TotalSeconds));
        Assert.Equal(TimeSpan.FromMinutes(5), DeliveryBackoff.DelayBefore(20));
    }

    [Fact]
    public void WebhookMustBeHttpsUnlessOnThisMachineAndCarryASubstantialSecret()
    {
        WebhookContactValidator.Validate([new("https://hooks.example.com/pages", Secret), new("http://127.0.0.1:8080/pages", Secret), new("http://[::1]/x", Secret)]);

        var error = Assert.Throws<InvalidRequestException>(() => WebhookContactValidator.Validate(
            [new("http://hooks.example.com/pages", Secret), new("ftp://x/y", Secret), new("https://ok.example.com", "short")]));

        Assert.Equal(["webhooks[0].url", "webhooks[1].url", "webhooks[2].secret"], error.Violations.Select(v => v.Field));
    }

    private WebhookPageSender Sender(TimeSpan? attemptTimeout = null)
    {
        var settings = new Dictionary<string, string?>();
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
}
