using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using IncidentActors.Api.V1;
using IncidentActors.GrpcFrontend.Access;
using IncidentActors.Testing;
using IncidentActors.Tests.EndToEnd;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace IncidentActors.Tests.Transcoding;

/// <summary>The HTTP/JSON API, its OpenAPI document and the Orleans Dashboard, over real HTTP/1.1 against a running silo.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class HttpJsonApiTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task CurlStyleJsonRegistersAServiceSendsAnAlertAndReadsTheIncidentBackThroughTheSameDoor()
    {
        await using var silo = await RunningSilo.StartAsync(azurite);
        var (unit, service, other) = (AzuriteFixture.UniqueName("retail"), AzuriteFixture.UniqueName("checkout"), AzuriteFixture.UniqueName("bank"));

        using var registered = await Post(silo.Http, "/v1/ServiceCatalog/RegisterService",
            $$"""{"id":"{{service}}","name":"Checkout","ownerTeam":"payments","businessUnitId":"{{unit}}"}""");
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        using var sent = await Post(silo.Http, "/v1/AlertIntake/SendAlert",
            $$"""{"serviceId":"{{service}}","action":"ALERT_ACTION_TRIGGER","dedupKey":"disk","summary":"Disk full","source":"prometheus","severity":"ALERT_SEVERITY_ERROR"}""");
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var incidentId = (await Json(sent)).GetProperty("incidentId").GetString()!;

        using var read = await Post(silo.Http, "/v1/Incidents/GetIncident", $$"""{"id":"{{incidentId}}"}""");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("Disk full", (await Json(read)).GetProperty("title").GetString());
        using var listed = await Post(silo.Http, "/v1/Incidents/ListIncidents", $$"""{"serviceId":"{{service}}"}""");
        Assert.Equal([incidentId], (await Json(listed)).GetProperty("incidents").EnumerateArray().Select(i => i.GetProperty("id").GetString()));

        // The gRPC door and error mapping answer in HTTP's words.
        using var anonymous = new HttpClient { BaseAddress = silo.Http.BaseAddress };
        await AssertRefused(HttpStatusCode.Unauthorized, await Post(anonymous, "/v1/Incidents/GetIncident", $$"""{"id":"{{incidentId}}"}"""), "Authenticate");
        await silo.GrantAsync("olga", Role.Observer, other);
        using var olga = Client(silo, TestTokens.For("olga"));
        await AssertRefused(HttpStatusCode.Forbidden, await Post(olga, "/v1/Incidents/ListIncidents", $$"""{"businessUnitId":"{{unit}}"}"""), "olga may not call");
        await AssertRefused(HttpStatusCode.Forbidden, await Post(olga, "/v1/Incidents/GetIncident", $$"""{"id":"{{incidentId}}"}"""), "");
        using var selfDependent = await Post(silo.Http, "/v1/ServiceCatalog/RegisterService",
            $$"""{"id":"{{service}}","name":"Checkout","ownerTeam":"payments","businessUnitId":"{{unit}}","dependsOn":["{{service}}"]}""");
        var violation = (await Json(selfDependent)).GetProperty("details").EnumerateArray().Single();
        Assert.Equal((HttpStatusCode.BadRequest, "type.googleapis.com/google.rpc.BadRequest", "depends_on[0]"),
            (selfDependent.StatusCode, violation.GetProperty("@type").GetString(), violation.GetProperty("fieldViolations")[0].GetProperty("field").GetString()));
        // Bodies that are no request message at all: 400 before any door, as gRPC refuses a message it cannot parse.
        await AssertRefused(HttpStatusCode.BadRequest, await Post(silo.Http, "/v1/Incidents/ListIncidents", """{"pageSize":"many"}"""), "not correctly formatted");
        await AssertRefused(HttpStatusCode.BadRequest, await silo.Http.PostAsync("/v1/Incidents/ListIncidents", new StringContent("page_size=5")), "content type");
        await AssertRefused(HttpStatusCode.NotFound, await Post(silo.Http, "/v1/Incidents/GetIncident", """{"id":"no-such-incident"}"""), "");
        // Refused and failed calls are audited as over gRPC, under the gRPC method.
        var log = (await new Api.V1.Audit.AuditClient(silo.Channel).ListAuditEntriesAsync(new ListAuditEntriesRequest { PageSize = 1000 })).Entries;
        Assert.Contains(log, e => (e.PrincipalId, e.Operation, e.Outcome) == ("anonymous", "/incidentactors.v1.Incidents/GetIncident", "Unauthenticated"));
    }

    [Fact]
    public async Task EveryTranscodedRouteRefusesTheAnonymousAndThoseWithoutARoleByTheAccessTable()
    {
        await using var silo = await RunningSilo.StartAsync(azurite);
        using var anonymous = new HttpClient { BaseAddress = silo.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using var nobody = Client(silo, TestTokens.For("nobody"));
        nobody.Timeout = TimeSpan.FromSeconds(30);

        var methods = HttpRuleTests.Services.SelectMany(s => s.Methods).ToList();
        Assert.True(methods.Count > 70, $"only {methods.Count} RPCs found");
        foreach (var method in methods)
        {
            var route = HttpRuleTests.RouteOf(method);
            var rule = AccessTable.For($"/{method.Service.FullName}/{method.Name}")!;
            using (var refused = await Post(anonymous, route, "{}"))
            {
                Assert.Equal((route, HttpStatusCode.Unauthorized), (route, refused.StatusCode));
            }
            if (rule.Caller is CallerKind.Principal or CallerKind.VendorKey)
            {
                using var withoutRole = await Post(nobody, route, "{}");
                var expected = rule.Caller == CallerKind.VendorKey ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
                Assert.Equal((route, expected), (route, withoutRole.StatusCode));
            }
        }
    }

    [Fact]
    public async Task AServerStreamingRpcAnswersNewlineDelimitedJsonAsChangesHappen()
    {
        await using var silo = await RunningSilo.StartAsync(azurite);
        var (unit, service) = (AzuriteFixture.UniqueName("retail"), AzuriteFixture.UniqueName("checkout"));
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/Incidents/WatchIncidents")
        {
            Content = new StringContent($$"""{"serviceId":"{{service}}"}""", Encoding.UTF8, "application/json"),
        };
        // The headers come with the first event, so the incident opens while the call waits for them.
        var watching = silo.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        var incidentId = await silo.OpenIncidentAsync(service, unit, "disk", "Disk full");

        using var response = await watching;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var lines = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));
        var first = JsonDocument.Parse((await lines.ReadLineAsync(cancel.Token))!).RootElement;
        Assert.Equal(incidentId, first.GetProperty("incident").GetProperty("id").GetString());
    }

    [Fact]
    public async Task TheOpenApiDocumentListsEveryRpcToAuthenticatedCallersOnly()
    {
        await using var silo = await RunningSilo.StartAsync(azurite);

        using var anonymous = new HttpClient { BaseAddress = silo.Http.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/openapi/v1.json")).StatusCode);
        using var document = await silo.Http.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        var root = await Json(document);
        Assert.StartsWith("3.", root.GetProperty("openapi").GetString());
        var paths = root.GetProperty("paths");
        var missing = HttpRuleTests.Services.SelectMany(s => s.Methods).Select(HttpRuleTests.RouteOf)
            .Where(route => !paths.TryGetProperty(route, out var path) || !path.TryGetProperty("post", out _));
        Assert.Equal([], missing);
        // The protos' comments are the operations' descriptions.
        var sendAlert = paths.GetProperty("/v1/AlertIntake/SendAlert").GetProperty("post");
        Assert.Contains("RESOURCE_EXHAUSTED", sendAlert.ToString());
    }

    [Fact]
    public async Task TheDashboardIsForOrgAdminsOutsideDevelopmentOnceTurnedOn()
    {
        await using (var off = await RunningSilo.StartAsync(azurite))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await off.Http.GetAsync("/dashboard/index.html")).StatusCode);
        }
        await using var silo = await RunningSilo.StartAsync(azurite, settings: new Dictionary<string, string?> { ["IncidentActors:Api:Dashboard"] = "true" });
        await silo.GrantAsync("ursula", Role.UnitAdmin, AzuriteFixture.UniqueName("retail"));
        using var ursula = Client(silo, TestTokens.For("ursula"));
        using var anonymous = new HttpClient { BaseAddress = silo.Http.BaseAddress };

        var routes = DashboardRoutes(silo);
        Assert.Contains("/dashboard/index.html", routes);
        foreach (var route in routes.Where(r => !r.Contains('{', StringComparison.Ordinal)))
        {
            Assert.Equal((route, HttpStatusCode.Unauthorized), (route, (await anonymous.GetAsync(route)).StatusCode));
            Assert.Equal((route, HttpStatusCode.Forbidden), (route, (await ursula.GetAsync(route)).StatusCode));
        }
        using var page = await silo.Http.GetAsync("/dashboard/index.html");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<html", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task InDevelopmentTheDashboardAndTheDocumentAnswerThisMachineWithoutSignIn()
    {
        await using var silo = await RunningSilo.StartAsync(azurite, configure: builder => builder.Environment.EnvironmentName = Environments.Development);
        using var anonymous = new HttpClient { BaseAddress = silo.Http.BaseAddress };

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/dashboard/index.html")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/dashboard/ClusterStats")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/openapi/ui/index.html")).StatusCode);
        // Only the dashboard and the document: the API itself still needs a caller.
        Assert.Equal(HttpStatusCode.Unauthorized, (await Post(anonymous, "/v1/Incidents/ListIncidents", "{}")).StatusCode);
    }

    private static List<string> DashboardRoutes(RunningSilo silo) =>
        [.. silo.Endpoints.OfType<RouteEndpoint>().Select(e => e.RoutePattern.RawText!).Where(r => r.StartsWith("/dashboard", StringComparison.Ordinal)).Distinct()];

    private static HttpClient Client(RunningSilo silo, string token)
    {
        var client = new HttpClient { BaseAddress = silo.Http.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, string path, string json) =>
        client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// <summary>The status, and a body naming what to fix: google.rpc.Status as JSON, never an empty 500.</summary>
    private static async Task AssertRefused(HttpStatusCode status, HttpResponseMessage response, string names)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"{response.StatusCode} instead of {status}: {body}");
            Assert.Contains(names, JsonDocument.Parse(body).RootElement.GetProperty("message").GetString());
        }
    }
}
