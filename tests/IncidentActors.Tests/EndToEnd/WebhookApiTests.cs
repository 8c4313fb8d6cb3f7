using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using IncidentActors.Api.V1;
using IncidentActors.Testing;
using IncidentActors.Tests.Webhooks;
using Xunit;

namespace IncidentActors.Tests.EndToEnd;

/// <summary>Alert webhooks over real HTTP/1.1 into a real silo, read back over gRPC.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class WebhookApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private RunningSilo _silo = null!;
    private Api.V1.Incidents.IncidentsClient _incidents = null!;
    private string _checkoutKey = null!;

    public async Task InitializeAsync()
    {
        _silo = await RunningSilo.StartAsync(azurite);
        _incidents = new Api.V1.Incidents.IncidentsClient(_silo.Channel);
        var catalog = new ServiceCatalog.ServiceCatalogClient(_silo.Channel);
        await catalog.RegisterServiceAsync(new RegisterServiceRequest { Id = "checkout", Name = "Checkout", OwnerTeam = "payments", BusinessUnitId = "retail" });
        await catalog.RegisterServiceAsync(new RegisterServiceRequest
        {
            Id = "checkout-alerts", Name = "Checkout, alert by alert", OwnerTeam = "payments", BusinessUnitId = "retail",
            Grouping = new AlertGrouping { IncidentPerAlert = true },
        });
        _checkoutKey = await _silo.IntegrationKeyAsync("retail", "checkout");
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task ThreeAlertmanagerGroupsAreThreeIncidentsAndAResolvedGroupResolvesOnlyItsOwn()
    {
        var errors1 = await PostAlertmanager("checkout", AlertmanagerPayloads.Group("HighErrorRate", "checkout-1",
            ("e1a", "firing"), ("e1b", "firing"), ("e1c", "firing"), ("e1d", "firing")));
        var errors2 = await PostAlertmanager("checkout", AlertmanagerPayloads.Group("HighErrorRate", "checkout-2", ("e2a", "firing"), ("e2b", "firing")));
        var latency = await PostAlertmanager("checkout", AlertmanagerPayloads.Group("HighLatency", "checkout-1", ("l1", "firing")));
        var ids = new[] { errors1, errors2, latency }.Select(r => r.GetProperty("group").GetProperty("incidentId").GetString()!).ToArray();

        Assert.All(new[] { errors1, errors2, latency }, r => Assert.Equal("opened", r.GetProperty("group").GetProperty("disposition").GetString()));
        Assert.Equal(3, ids.Distinct().Count());
        Assert.Equal(
            [("[FIRING:4] HighErrorRate checkout-1", 4), ("[FIRING:2] HighErrorRate checkout-2", 2), ("[FIRING:1] HighLatency checkout-1", 1)],
            (await Incidents(ids)).Select(i => (i.Title, i.AlertCount)));

        var partly = await PostAlertmanager("checkout", AlertmanagerPayloads.Group("HighErrorRate", "checkout-1",
            ("e1a", "firing"), ("e1b", "resolved"), ("e1c", "firing"), ("e1d", "firing")));
        var resolved = await PostAlertmanager("checkout", AlertmanagerPayloads.Group("HighErrorRate", "checkout-2", ("e2a", "resolved"), ("e2b", "resolved")));

        Assert.Equal("deduplicated", partly.GetProperty("group").GetProperty("disposition").GetString());
        Assert.Equal("resolved", resolved.GetProperty("group").GetProperty("disposition").GetString());
        Assert.Equal(
            [("[FIRING:3] HighErrorRate checkout-1", 3, IncidentStatus.Triggered), ("[FIRING:2] HighErrorRate checkout-2", 2, IncidentStatus.Resolved),
             ("[FIRING:1] HighLatency checkout-1", 1, IncidentStatus.Triggered)],
            (await Incidents(ids)).Select(i => (i.Title, i.AlertCount, i.Status)));
    }

    [Fact]
    public async Task ServiceAskingForAnIncidentPerAlertGetsOnePerFingerprintResolvedWithIt()
    {
        var first = await PostAlertmanager("checkout-alerts", AlertmanagerPayloads.Firing("fp-latency"));
        var repeat = await PostAlertmanager("checkout-alerts", AlertmanagerPayloads.Firing("fp-latency"));
        var incidentId = first.GetProperty("alerts")[0].GetProperty("incidentId").GetString()!;

        Assert.Equal("opened", first.GetProperty("alerts")[0].GetProperty("disposition").GetString());
        Assert.Equal("deduplicated", repeat.GetProperty("alerts")[0].GetProperty("disposition").GetString());
        var incident = await _incidents.GetIncidentAsync(new GetIncidentRequest { Id = incidentId });
        Assert.Equal(("fp-latency", 2, IncidentStatus.Triggered), (incident.DedupKey, incident.AlertCount, incident.Status));
        Assert.Equal("p99 latency above 2s", incident.Title);

        await PostAlertmanager("checkout-alerts", AlertmanagerPayloads.Firing("fp-latency", status: "resolved"));
        incident = await _incidents.GetIncidentAsync(new GetIncidentRequest { Id = incidentId });
        Assert.Equal(IncidentStatus.Resolved, incident.Status);
        Assert.Equal("integration:alertmanager", incident.ResolvedBy);
    }

    [Fact]
    public async Task ServiceTakingAlertsOneByOneAppliesEveryAlertOfAGroup()
    {
        var result = await PostAlertmanager("checkout-alerts", AlertmanagerPayloads.FiringAndResolved);

        var alerts = result.GetProperty("alerts").EnumerateArray().ToList();
        Assert.Equal(["opened", "no_open_incident"], alerts.Select(a => a.GetProperty("disposition").GetString()));
    }

    [Fact]
    public async Task EventsV2TriggerAcknowledgeAndResolveDriveTheIncident()
    {
        var trigger = await PostEvent("""
            {"routing_key":"checkout","event_action":"trigger","dedup_key":"db-down",
             "payload":{"summary":"Database down","source":"db-1","severity":"critical","custom_details":{"replicas":0}}}
            """, HttpStatusCode.Accepted);
        var incidentId = trigger.GetProperty("incident_id").GetString()!;
        await PostEvent("""{"routing_key":"checkout","event_action":"acknowledge","dedup_key":"db-down"}""", HttpStatusCode.Accepted);
        Assert.Equal(IncidentStatus.Acknowledged, (await _incidents.GetIncidentAsync(new GetIncidentRequest { Id = incidentId })).Status);

        var resolve = await PostEvent("""{"routing_key":"checkout","event_action":"resolve","dedup_key":"db-down"}""", HttpStatusCode.Accepted);

        Assert.Equal("success", trigger.GetProperty("status").GetString());
        Assert.Equal("resolved", resolve.GetProperty("disposition").GetString());
        var incident = await _incidents.GetIncidentAsync(new GetIncidentRequest { Id = incidentId });
        Assert.Equal(IncidentStatus.Resolved, incident.Status);
        Assert.Equal("0", incident.CustomDetails["replicas"]);
    }

    [Fact]
    public async Task MalformedJsonIsABadRequestThatChangesNothing()
    {
        using var response = await Post("/v1/webhooks/alertmanager/checkout", """{"version":"4","alerts":[""", "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("invalid event", body.GetProperty("status").GetString());
        var listing = await _incidents.ListIncidentsAsync(new ListIncidentsRequest { ServiceId = "checkout" });
        Assert.DoesNotContain(listing.Incidents, i => i.Title == "never");
    }

    [Fact]
    public async Task PayloadWithOneBadAlertAppliesNone()
    {
        var json = """
            {"version":"4","alerts":[
              {"status":"firing","fingerprint":"fp-good","labels":{"alertname":"never"}},
              {"status":"firing","fingerprint":"fp-bad","labels":{"alertname":"never","severity":"catastrophic"}}]}
            """;

        using var response = await Post("/v1/webhooks/alertmanager/checkout", json, "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("alerts[1].labels.severity", body.GetProperty("errors")[0].GetProperty("field").GetString());
        var listing = await _incidents.ListIncidentsAsync(new ListIncidentsRequest { ServiceId = "checkout", PageSize = 500 });
        Assert.DoesNotContain(listing.Incidents, i => i.Title == "never");
    }

    [Fact]
    public async Task OversizedFieldIsABadRequestNamingIt()
    {
        var json = $$$"""
            {"routing_key":"checkout","event_action":"trigger","payload":{"summary":"{{{new string('x', 2000)}}}","source":"s","severity":"info"}}
            """;

        using var response = await Post("/v1/events/enqueue", json, "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("summary", body.GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task UnknownServiceIsNotFoundAndAnUnknownRoutingKeyABadRequestNamingIt()
    {
        using var alertmanager = await Post("/v1/webhooks/alertmanager/nowhere", AlertmanagerPayloads.Firing("fp"), "application/json");
        using var events = await Post("/v1/events/enqueue", """{"routing_key":"nowhere","event_action":"resolve","dedup_key":"x"}""", "application/json");

        Assert.Equal(HttpStatusCode.NotFound, alertmanager.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, events.StatusCode);
        Assert.Contains("routing_key", await events.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UnknownEventActionIsABadRequest()
    {
        using var response = await Post("/v1/events/enqueue", """{"routing_key":"checkout","event_action":"explode","dedup_key":"x"}""", "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("event_action", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task NonJsonBodyIsUnsupportedMediaType()
    {
        using var response = await Post("/v1/events/enqueue", "routing_key=checkout", "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task BodyOverOneMebibyteIsRejected()
    {
        var json = $$$"""{"routing_key":"checkout","event_action":"trigger","payload":{"summary":"{{{new string('x', 1_100_000)}}}"}}""";

        using var response = await Post("/v1/events/enqueue", json, "application/json");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task KeyGivenTwiceIsABadRequestNamingIt()
    {
        var json = """
            {"routing_key":"checkout","event_action":"trigger","dedup_key":"twice",
             "payload":{"summary":"Key given twice","source":"s","severity":"info","custom_details":{"region":"eu","region":"us"}}}
            """;

        using var response = await Post("/v1/events/enqueue", json, "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("payload.custom_details.region", body.GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task RequestWithTooManyHeadersIsRefused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/events/enqueue")
        {
            Content = new StringContent("""{"routing_key":"checkout","event_action":"resolve","dedup_key":"x"}""", Encoding.UTF8, "application/json"),
        };
        for (var i = 0; i < 80; i++)
        {
            request.Headers.Add($"X-Padding-{i}", "x");
        }

        using var response = await _silo.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
    }

    private async Task<JsonElement> PostAlertmanager(string serviceId, string json)
    {
        using var response = await Post($"/v1/webhooks/alertmanager/{serviceId}", json, "application/json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<Incident[]> Incidents(IEnumerable<string> ids) =>
        await Task.WhenAll(ids.Select(id => _incidents.GetIncidentAsync(new GetIncidentRequest { Id = id }).ResponseAsync));

    private async Task<JsonElement> PostEvent(string json, HttpStatusCode expected)
    {
        using var response = await Post("/v1/events/enqueue", json, "application/json");
        Assert.Equal(expected, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Events-v2 bodies here name checkout as their routing_key; what goes out is checkout's integration key.</summary>
    private Task<HttpResponseMessage> Post(string path, string body, string contentType) =>
        _silo.Http.PostAsync(path, new StringContent(body.Replace("\"routing_key\":\"checkout\"", $"\"routing_key\":\"{_checkoutKey}\"", StringComparison.Ordinal),
            Encoding.UTF8, contentType));
}
