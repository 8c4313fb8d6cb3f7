using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using IncidentActors.Api.V1;
using IncidentActors.Testing;
using IncidentActors.Tests.Responders;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace IncidentActors.Tests.EndToEnd;

/// <summary>Paging over the public API: real gRPC, a real webhook receiver, the host's grain clock faked.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class PagingApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Secret = "a-webhook-secret-of-some-length";

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private RunningSilo _silo = null!;
    private ScriptedReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _silo = await RunningSilo.StartAsync(azurite, _clock);
        _receiver = await ScriptedReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _silo.DisposeAsync();
    }

    [Fact]
    public async Task PageArrivesOnTheStreamAndTheWebhookAndAcknowledgementStopsEscalation()
    {
        var responders = new Api.V1.Responders.RespondersClient(_silo.Channel);
        var incidents = new Api.V1.Incidents.IncidentsClient(_silo.Channel);
        await responders.DefineResponderAsync(new Responder
        {
            Id = "alice", Name = "Alice", TimeZone = "Europe/Paris",
            Webhooks = { new WebhookContact { Url = _receiver.Url, Secret = Secret } },
        });
        await responders.DefineResponderAsync(new Responder { Id = "bob", Name = "Bob", TimeZone = "America/New_York" });
        await new EscalationPolicies.EscalationPoliciesClient(_silo.Channel).DefinePolicyAsync(new EscalationPolicy
        {
            Id = "payments", Name = "Payments", Repeats = 0, HandoverAcknowledgeWithin = Duration.FromTimeSpan(TimeSpan.FromMinutes(10)),
            Levels =
            {
                new EscalationLevel { Targets = { new EscalationTarget { ResponderId = "alice" } }, AcknowledgeWithin = Duration.FromTimeSpan(TimeSpan.FromMinutes(5)) },
                new EscalationLevel { Targets = { new EscalationTarget { ResponderId = "bob" } }, AcknowledgeWithin = Duration.FromTimeSpan(TimeSpan.FromMinutes(5)) },
            },
        });
        await new ServiceCatalog.ServiceCatalogClient(_silo.Channel).RegisterServiceAsync(new RegisterServiceRequest
        {
            Id = "payments-api", Name = "Payments API", OwnerTeam = "payments", BusinessUnitId = "fintech", EscalationPolicyId = "payments",
        });
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var pages = responders.WatchPages(new WatchPagesRequest { ResponderId = "alice" }, cancellationToken: cts.Token);
        await pages.ResponseHeadersAsync;

        var opened = await new AlertIntake.AlertIntakeClient(_silo.Channel).SendAlertAsync(new AlertEvent
        {
            ServiceId = "payments-api", Action = AlertAction.Trigger, DedupKey = "card-auth", Summary = "Card authorisations failing",
            Source = "prometheus", Severity = AlertSeverity.Critical,
        });
        _clock.Advance(TimeSpan.Zero);

        Assert.True(await pages.ResponseStream.MoveNext(cts.Token));
        var page = pages.ResponseStream.Current;
        Assert.Equal((opened.IncidentId, 1, 1), (page.IncidentId, page.Level, page.Round));
        var webhook = await Eventually.Get(() => Task.FromResult(_receiver.Requests.ToList()), r => r.Count > 0, what: "the webhook page");
        var (headers, body) = Assert.Single(webhook);
        Assert.Equal(page.IdempotencyKey, headers["Idempotency-Key"]);
        Assert.True(IncidentActors.Responders.WebhookSignature.Verify(Secret, headers["X-IncidentActors-Timestamp"], headers["X-IncidentActors-Signature"], body,
            _clock.GetUtcNow(), TimeSpan.FromMinutes(5)));

        await incidents.AcknowledgeIncidentAsync(new AcknowledgeIncidentRequest { Id = opened.IncidentId }, await _silo.As("alice"));
        _clock.Advance(TimeSpan.FromMinutes(30));

        var incident = await Eventually.Get(
            () => incidents.GetIncidentAsync(new GetIncidentRequest { Id = opened.IncidentId }).ResponseAsync,
            i => i.Pages.Count == 1 && i.Pages[0].Deliveries.Any(d => d.Channel.StartsWith("webhook:") && d.Status == DeliveryStatus.Delivered),
            what: "the webhook receipt on the incident");
        Assert.Null(incident.Escalation.NextEscalationAt);
        var bobsPages = await responders.ListNotificationsAsync(new ListNotificationsRequest { ResponderId = "bob" });
        Assert.Empty(bobsPages.Notifications);
        var alicesPage = await Eventually.Get(
            async () => (await responders.ListNotificationsAsync(new ListNotificationsRequest { ResponderId = "alice" })).Notifications.Single(),
            n => n.AcknowledgedAt is not null, what: "alice's acknowledgement in her notification log");
        Assert.Equal(incident.AcknowledgedAt, alicesPage.AcknowledgedAt);
    }

    [Fact]
    public async Task PolicyWithoutAHandoverTimeGetsFifteenMinutes()
    {
        var policy = await new EscalationPolicies.EscalationPoliciesClient(_silo.Channel).DefinePolicyAsync(new EscalationPolicy
        {
            Id = "plain", Name = "Plain",
            Levels = { new EscalationLevel { Targets = { new EscalationTarget { ResponderId = "alice" } }, AcknowledgeWithin = Duration.FromTimeSpan(TimeSpan.FromMinutes(5)) } },
        });

        Assert.Equal(TimeSpan.FromMinutes(15), policy.HandoverAcknowledgeWithin.ToTimeSpan());
    }

    [Fact]
    public async Task InvalidPolicyIsRejectedWithEveryFieldViolation()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => new EscalationPolicies.EscalationPoliciesClient(_silo.Channel)
            .DefinePolicyAsync(new EscalationPolicy { Id = "empty", Name = "", Levels = { new EscalationLevel() } }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("levels[0].targets", error.Status.Detail);
        Assert.Contains("name", error.Status.Detail);
    }
}
