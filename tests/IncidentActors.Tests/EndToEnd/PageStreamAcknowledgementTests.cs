using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using IncidentActors.Api.V1;
using IncidentActors.Testing;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace IncidentActors.Tests.EndToEnd;

/// <summary>A page on the WatchPages stream counts as delivered once the client acknowledges it: real gRPC, the grains' clock faked.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class PageStreamAcknowledgementTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private RunningSilo _silo = null!;

    private Api.V1.Responders.RespondersClient Responders => new(_silo.Channel);

    public async Task InitializeAsync()
    {
        _silo = await RunningSilo.StartAsync(azurite, _clock);
        await Responders.DefineResponderAsync(new Responder { Id = "alice", Name = "Alice", TimeZone = "Europe/Paris" });
        await new EscalationPolicies.EscalationPoliciesClient(_silo.Channel).DefinePolicyAsync(new EscalationPolicy
        {
            Id = "alice-first", Name = "Alice first", Repeats = 0, HandoverAcknowledgeWithin = Duration.FromTimeSpan(TimeSpan.FromMinutes(10)),
            Levels = { new EscalationLevel { Targets = { new EscalationTarget { ResponderId = "alice" } }, AcknowledgeWithin = Duration.FromTimeSpan(TimeSpan.FromMinutes(30)) } },
        });
        await new ServiceCatalog.ServiceCatalogClient(_silo.Channel).RegisterServiceAsync(new RegisterServiceRequest
        {
            Id = "ledger", Name = "Ledger", OwnerTeam = "payments", BusinessUnitId = "fintech", EscalationPolicyId = "alice-first",
        });
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task AStreamedPageIsDeliveredOnlyOnceItsClientAcknowledgesItAndComesAgainOnReconnectUntilThen()
    {
        var alice = await _silo.As("alice");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var firstConnection = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        var first = Responders.WatchPages(new WatchPagesRequest { ResponderId = "alice" }, alice, cancellationToken: firstConnection.Token);
        await first.ResponseHeadersAsync;

        var ledger = await OpenAsync("ledger-down");
        var page = await NextAsync(first, timeout.Token);
        Assert.Equal(ledger, page.IncidentId);
        Assert.Equal(DeliveryStatus.Pending, StreamOf(await NotificationAsync(page.IdempotencyKey)).Status);
        Assert.Equal(DeliveryStatus.Pending, StreamOf(await PageOnIncidentAsync(ledger)).Status);

        // Another person, commander or not, cannot say alice got it.
        var bob = await _silo.As("bob");
        var denied = await Assert.ThrowsAsync<RpcException>(() => Responders.AcknowledgePageDeliveryAsync(
            new AcknowledgePageDeliveryRequest { ResponderId = "alice", IdempotencyKey = page.IdempotencyKey }, bob).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);

        var acknowledged = await Responders.AcknowledgePageDeliveryAsync(
            new AcknowledgePageDeliveryRequest { ResponderId = "alice", IdempotencyKey = page.IdempotencyKey }, alice);
        Assert.Equal(DeliveryStatus.Delivered, StreamOf(acknowledged).Status);
        await Eventually.Get(() => PageOnIncidentAsync(ledger), p => StreamOf(p).Status == DeliveryStatus.Delivered, what: "the stream receipt on the incident");

        // Unacknowledged, a page is sent again on the live stream after the backoff's wait, then on the next connection.
        var vault = await OpenAsync("vault-down");
        var unacknowledged = await NextAsync(first, timeout.Token);
        Assert.Equal(vault, unacknowledged.IncidentId);
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(unacknowledged.IdempotencyKey, (await NextAsync(first, timeout.Token)).IdempotencyKey);
        await firstConnection.CancelAsync();
        first.Dispose();

        using var second = Responders.WatchPages(new WatchPagesRequest { ResponderId = "alice" }, alice, cancellationToken: timeout.Token);
        var again = await NextAsync(second, timeout.Token);
        Assert.Equal((unacknowledged.IdempotencyKey, vault), (again.IdempotencyKey, again.IncidentId));
        var pending = StreamOf(await NotificationAsync(again.IdempotencyKey));
        Assert.Equal((DeliveryStatus.Pending, 2), (pending.Status, pending.Attempts));
        Assert.Equal(DeliveryStatus.Delivered, StreamOf(await NotificationAsync(page.IdempotencyKey)).Status);

        await Responders.AcknowledgePageDeliveryAsync(new AcknowledgePageDeliveryRequest { ResponderId = "alice", IdempotencyKey = again.IdempotencyKey }, alice);
        var delivered = await Eventually.Get(() => PageOnIncidentAsync(vault), p => StreamOf(p).Status == DeliveryStatus.Delivered, what: "the redelivered page's receipt");
        Assert.Equal(2, StreamOf(delivered).Attempts);
    }

    [Fact]
    public async Task AcknowledgingAPageNoStreamReceivedIsRefused()
    {
        var alice = await _silo.As("alice");
        var incident = await OpenAsync("no-stream");
        var page = await Eventually.Get(() => PageOnIncidentAsync(incident), _ => true, what: "the page");

        var refused = await Assert.ThrowsAsync<RpcException>(() => Responders.AcknowledgePageDeliveryAsync(
            new AcknowledgePageDeliveryRequest { ResponderId = "alice", IdempotencyKey = page.IdempotencyKey }, alice).ResponseAsync);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => Responders.AcknowledgePageDeliveryAsync(
            new AcknowledgePageDeliveryRequest { ResponderId = "alice", IdempotencyKey = "no-such-page" }, alice).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(DeliveryStatus.Failed, StreamOf(await NotificationAsync(page.IdempotencyKey)).Status);
    }

    private async Task<string> OpenAsync(string dedupKey)
    {
        var opened = await new AlertIntake.AlertIntakeClient(_silo.Channel).SendAlertAsync(new AlertEvent
        {
            ServiceId = "ledger", Action = AlertAction.Trigger, DedupKey = dedupKey, Summary = dedupKey, Source = "prometheus", Severity = AlertSeverity.Critical,
        });
        _clock.Advance(TimeSpan.Zero);
        return opened.IncidentId;
    }

    private static async Task<PageMessage> NextAsync(AsyncServerStreamingCall<PageMessage> stream, CancellationToken cancellationToken)
    {
        Assert.True(await stream.ResponseStream.MoveNext(cancellationToken));
        return stream.ResponseStream.Current;
    }

    private async Task<Notification> NotificationAsync(string idempotencyKey) =>
        (await Responders.ListNotificationsAsync(new ListNotificationsRequest { ResponderId = "alice" })).Notifications.Single(n => n.Page.IdempotencyKey == idempotencyKey);

    private async Task<IncidentPage> PageOnIncidentAsync(string incidentId) =>
        (await new Api.V1.Incidents.IncidentsClient(_silo.Channel).GetIncidentAsync(new GetIncidentRequest { Id = incidentId })).Pages.Single();

    private static Delivery StreamOf(Notification notification) => notification.Deliveries.Single(d => d.Channel == "stream");

    private static Delivery StreamOf(IncidentPage page) => page.Deliveries.Single(d => d.Channel == "stream");
}
