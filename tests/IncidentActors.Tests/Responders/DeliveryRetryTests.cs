using IncidentActors.Alerts;
using IncidentActors.Errors;
using IncidentActors.Incidents;
using IncidentActors.Responders;
using IncidentActors.Testing;
using IncidentActors.Tests.Cluster;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using Xunit;

namespace IncidentActors.Tests.Responders;

/// <summary>Webhook retries as durable deadlines, driven by a fake clock.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class DeliveryRetryTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Secret = "0123456789abcdef-secret";
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestClusters.StartAsync(azurite, TestClusters.NewServiceId(), silos: 1, _clock);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task FailingWebhookIsRetriedWithBackoffUntilDelivered()
    {
        await using var receiver = await ScriptedReceiver.StartAsync(500, 503);
        var responder = await Define("erin", receiver.Url);

        await responder.Page(NewPage("erin"));
        var first = await DeliveryAfter(responder, attempts: 1);
        _clock.Advance(DeliveryBackoff.DelayBefore(2));
        await DeliveryAfter(responder, attempts: 2);
        _clock.Advance(DeliveryBackoff.DelayBefore(3));
        var delivered = await DeliveryAfter(responder, attempts: 3);

        Assert.Equal((DeliveryStatus.Pending, 500), (first.Status, first.HttpStatus));
        Assert.Equal((DeliveryStatus.Delivered, 200), (delivered.Status, delivered.HttpStatus));
        Assert.Equal(3, receiver.Requests.Count);
        Assert.Single(receiver.Requests.Select(r => r.Headers["Idempotency-Key"]).Distinct());
    }

    [Fact]
    public async Task PermanentFailureIsGivenUpAtOnce()
    {
        await using var receiver = await ScriptedReceiver.StartAsync(404);
        var responder = await Define("frank", receiver.Url);

        await responder.Page(NewPage("frank"));
        var failed = await DeliveryAfter(responder, attempts: 1);
        _clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal((DeliveryStatus.Failed, 404), (failed.Status, failed.HttpStatus));
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task DeliveryIsGivenUpAfterTheLastAttempt()
    {
        await using var receiver = await ScriptedReceiver.StartAsync(Enumerable.Repeat(500, 10).ToArray());
        var responder = await Define("grace", receiver.Url);

        await responder.Page(NewPage("grace"));
        DeliveryRecord last = await DeliveryAfter(responder, attempts: 1);
        for (var attempt = 2; attempt <= DeliveryBackoff.MaxAttempts; attempt++)
        {
            _clock.Advance(DeliveryBackoff.DelayBefore(attempt));
            last = await DeliveryAfter(responder, attempts: attempt);
        }
        _clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal(DeliveryStatus.Failed, last.Status);
        Assert.Equal(DeliveryBackoff.MaxAttempts, receiver.Requests.Count);
    }

    [Fact]
    public async Task AcknowledgedIncidentStopsRetryingItsFailingPage()
    {
        await using var receiver = await ScriptedReceiver.StartAsync(Enumerable.Repeat(500, 10).ToArray());
        var responder = await Define("heidi", receiver.Url);
        var incident = await Cluster.Alerts.OpenIncidentAsync(_cluster.Client, AzuriteFixture.UniqueName("unit"));
        var incidentId = incident.GetPrimaryKeyString();

        await responder.Page(NewPage("heidi") with { IdempotencyKey = $"{incidentId}/L1/R1", IncidentId = incidentId });
        var failed = await DeliveryAfter(responder, attempts: 1);
        await incident.Acknowledge(new ResponderAction("heidi", null));
        _clock.Advance(DeliveryBackoff.DelayBefore(2));
        var cancelled = await Eventually.Get(() => responder.Notifications(1),
            l => l.Single().Deliveries.Any(d => d.Status == DeliveryStatus.Cancelled), what: "the retry to be cancelled");
        _clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal(DeliveryStatus.Pending, failed.Status);
        var receipt = cancelled.Single().Deliveries.Single(d => d.Channel.StartsWith("webhook:"));
        Assert.Equal((1, "cancelled: incident acknowledged"), (receipt.Attempts, receipt.Error));
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task WebhookSecretIsStoredEncryptedNeverReturnedAndStillSignsPages()
    {
        await using var receiver = await ScriptedReceiver.StartAsync(200);
        var responder = await Define("ivan", receiver.Url);

        var stored = await StoredStates.ReadAsync<ResponderState>(_cluster, "responder", responder.GetGrainId());
        var shown = await responder.Get();
        await responder.Page(NewPage("ivan"));
        await DeliveryAfter(responder, attempts: 1);

        Assert.Equal("", stored.Definition!.Webhooks.Single().Secret);
        Assert.DoesNotContain(Secret, Assert.Single(stored.ProtectedSecrets).Value);
        Assert.Equal("", shown.Webhooks.Single().Secret);
        AssertSignedWith(Secret, receiver);
    }

    [Fact]
    public async Task WebhookDefinedAgainWithoutItsSecretKeepsItAndANewOneNeedsOne()
    {
        await using var receiver = await ScriptedReceiver.StartAsync(200);
        var responder = await Define("judy", receiver.Url);

        await responder.Define(new ResponderDefinition("judy", "Judy B.", "UTC", [new WebhookContact(receiver.Url, "")]));
        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => responder.Define(
            new ResponderDefinition("judy", "Judy B.", "UTC", [new WebhookContact(receiver.Url, ""), new WebhookContact(receiver.Url + "/other", "")])));
        await responder.Page(NewPage("judy"));
        await DeliveryAfter(responder, attempts: 1);

        Assert.Equal(["webhooks[1].secret"], refused.Violations.Select(v => v.Field));
        AssertSignedWith(Secret, receiver);
    }

    [Fact]
    public async Task SecretStoredInClearByAnEarlierVersionIsEncryptedWhenItsResponderWakes()
    {
        var responder = _cluster.Client.GetGrain<IResponderGrain>("kim");
        var legacy = new ResponderState { Definition = new ResponderDefinition("kim", "Kim", "UTC", [new WebhookContact("https://hooks.example.com/kim", Secret)]) };
        await StoredStates.WriteNewAsync(_cluster, "responder", responder.GetGrainId(), legacy);

        var shown = await responder.Get();
        var stored = await StoredStates.ReadAsync<ResponderState>(_cluster, "responder", responder.GetGrainId());

        Assert.Equal("", shown.Webhooks.Single().Secret);
        Assert.Equal("", stored.Definition!.Webhooks.Single().Secret);
        Assert.DoesNotContain(Secret, Assert.Single(stored.ProtectedSecrets).Value);
    }

    private void AssertSignedWith(string secret, ScriptedReceiver receiver)
    {
        var (headers, body) = Assert.Single(receiver.Requests);
        Assert.True(WebhookSignature.Verify(secret, headers[WebhookSignature.TimestampHeader], headers[WebhookSignature.SignatureHeader], body,
            _clock.GetUtcNow(), TimeSpan.FromMinutes(5)));
    }

    private async Task<IResponderGrain> Define(string id, string url)
    {
        var responder = _cluster.Client.GetGrain<IResponderGrain>(id);
        await responder.Define(new ResponderDefinition(id, id, "UTC", [new WebhookContact(url, Secret)]));
        return responder;
    }

    private Page NewPage(string responderId) =>
        new($"inc-{responderId}/L1/R1", $"inc-{responderId}", responderId, "Queue backlog", AlertSeverity.Error, 1, 1, "test", _clock.GetUtcNow());

    private async Task<DeliveryRecord> DeliveryAfter(IResponderGrain responder, int attempts)
    {
        _clock.Advance(TimeSpan.Zero);
        var log = await Eventually.Get(() => responder.Notifications(1),
            l => l.Single().Deliveries.Any(d => d.Channel.StartsWith("webhook:") && d.Attempts >= attempts), what: $"{attempts} webhook attempt(s)");
        return log.Single().Deliveries.Single(d => d.Channel.StartsWith("webhook:"));
    }
}
