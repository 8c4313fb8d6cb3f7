using System.Net.Http.Json;
using IncidentActors.Api.V1;
using IncidentActors.Testing;
using Xunit;

namespace IncidentActors.Tests.EndToEnd;

/// <summary>
/// A real Prometheus Alertmanager groups alerts and notifies the real silo's webhook; its groups are read back
/// as incidents over gRPC. Fails, rather than skips, without the Alertmanager binary: CI installs it.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AlertmanagerGroupTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string ServiceId = "storefront";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private RunningSilo _silo = null!;
    private AlertmanagerProcess _alertmanager = null!;
    private Api.V1.Incidents.IncidentsClient _incidents = null!;

    public async Task InitializeAsync()
    {
        _silo = await RunningSilo.StartAsync(azurite);
        _incidents = new Api.V1.Incidents.IncidentsClient(_silo.Channel);
        await new ServiceCatalog.ServiceCatalogClient(_silo.Channel).RegisterServiceAsync(
            new RegisterServiceRequest { Id = ServiceId, Name = "Storefront", OwnerTeam = "web", BusinessUnitId = "retail" });
        var key = await _silo.IntegrationKeyAsync("retail", ServiceId);
        // Groups by alertname and instance, notifies a second after a group forms or changes, and tells of resolutions;
        // authenticates with the service's integration key, as Alertmanager's http_config does.
        _alertmanager = await AlertmanagerProcess.StartAsync($"""
            route:
              receiver: incidentactors
              group_by: [alertname, instance]
              group_wait: 1s
              group_interval: 1s
              repeat_interval: 1h
            receivers:
              - name: incidentactors
                webhook_configs:
                  - url: {_silo.Http.BaseAddress}v1/webhooks/alertmanager/{ServiceId}
                    send_resolved: true
                    http_config:
                      authorization:
                        credentials: {key}
            """);
    }

    public async Task DisposeAsync()
    {
        if (_alertmanager is not null)
        {
            await _alertmanager.DisposeAsync();
        }
        await _silo.DisposeAsync();
    }

    [Fact]
    public async Task EachAlertmanagerGroupIsOneIncidentResolvedWhenTheGroupResolves()
    {
        var startsAt = DateTimeOffset.UtcNow.AddMinutes(-1);
        var errors1 = Enumerable.Range(1, 4).Select(i => Alert("HighErrorRate", "checkout-1", $"/p{i}")).ToArray();
        var errors2 = Enumerable.Range(1, 2).Select(i => Alert("HighErrorRate", "checkout-2", $"/p{i}")).ToArray();
        var latency = new[] { Alert("HighLatency", "checkout-1", "/p1") };

        await PostAlerts([.. errors1, .. errors2, .. latency], startsAt, endsAt: DateTimeOffset.UtcNow.AddHours(1));
        var opened = await Eventually.Get(OpenIncidentsAsync, 
            incidents => incidents.Count == 3 && incidents.Values.Sum(i => i.AlertCount) == 7, Patience, "three incidents, one per Alertmanager group, counting its alerts");

        Assert.Equal(
            [("[FIRING:1] HighLatency checkout-1", 1), ("[FIRING:2] HighErrorRate checkout-2", 2), ("[FIRING:4] HighErrorRate checkout-1", 4)],
            opened.Values.Select(i => (i.Title, i.AlertCount)).OrderBy(t => t.AlertCount));

        await PostAlerts(errors2, startsAt, endsAt: DateTimeOffset.UtcNow.AddSeconds(-1));
        var resolvedId = opened.Single(i => i.Value.Title.EndsWith("checkout-2")).Key;
        await Eventually.True(async () => (await Get(resolvedId)).Status == IncidentStatus.Resolved, Patience, "the resolved group's incident to resolve");

        var others = await Task.WhenAll(opened.Keys.Where(id => id != resolvedId).Select(Get));
        Assert.All(others, incident => Assert.Equal(IncidentStatus.Triggered, incident.Status));
    }

    private static Dictionary<string, string> Alert(string alertname, string instance, string path) =>
        new() { ["alertname"] = alertname, ["instance"] = instance, ["path"] = path, ["severity"] = "critical" };

    /// <summary>Alertmanager's v2 API, as Prometheus sends to it: an alert whose endsAt has passed is resolved.</summary>
    private async Task PostAlerts(IEnumerable<Dictionary<string, string>> labels, DateTimeOffset startsAt, DateTimeOffset endsAt)
    {
        using var response = await _alertmanager.Http.PostAsJsonAsync("/api/v2/alerts", labels.Select(l => new
        {
            labels = l,
            annotations = new Dictionary<string, string> { ["summary"] = $"{l["alertname"]} on {l["instance"]}{l["path"]}" },
            startsAt,
            endsAt,
            generatorURL = "http://prometheus.test/graph",
        }));
        Assert.True(response.IsSuccessStatusCode, $"Alertmanager refused the alerts: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>The service's incidents by id, each as GetIncident shows it now.</summary>
    private async Task<Dictionary<string, Incident>> OpenIncidentsAsync()
    {
        var listing = await _incidents.ListIncidentsAsync(new ListIncidentsRequest { ServiceId = ServiceId, PageSize = 50 });
        var incidents = await Task.WhenAll(listing.Incidents.Select(i => Get(i.Id)));
        return incidents.ToDictionary(i => i.Id);
    }

    private async Task<Incident> Get(string id) => await _incidents.GetIncidentAsync(new GetIncidentRequest { Id = id });
}
