using System.Net;
using IncidentActors.Api.V1;
using IncidentActors.Testing;
using IncidentActors.Tests.StatusPages;
using Xunit;
using Xunit.Abstractions;

namespace IncidentActors.Tests.EndToEnd;

/// <summary>Status pages defined over gRPC, served over HTTP, and read by a real browser.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StatusPageApiTests(AzuriteFixture azurite, ITestOutputHelper output) : IAsyncLifetime
{
    private RunningSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await RunningSilo.StartAsync(azurite);

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task PublicPageInChromiumShowsThePublishedCustomerUpdateOnlyAndMovesTheIncidentToHistoryOnceResolved()
    {
        var communications = new Api.V1.Communications.CommunicationsClient(_silo.Channel);
        var incidents = new Api.V1.Incidents.IncidentsClient(_silo.Channel);
        await new Api.V1.BusinessUnits.BusinessUnitsClient(_silo.Channel).DefineBusinessUnitAsync(new BusinessUnit
        {
            Id = "shop", Name = "Shop", HomeRegion = "local", StandardLifecycle = StandardLifecycle.Sre,
            Communications = new CommunicationsPolicy { ApproverGroups = { "legal" }, SpokespersonPeople = { "sam" } },
        });
        await communications.PublishTemplatesAsync(new PublishTemplatesRequest
        {
            BusinessUnitId = "shop",
            Templates =
            {
                new CommunicationTemplate { Name = "exec", Audience = UpdateAudience.Executives, Subject = "Exec brief", Body = "Root cause is the PSP contract lapse." },
                new CommunicationTemplate { Name = "customers", Audience = UpdateAudience.Customers, Subject = "Checkout unavailable", Body = "Payments fail at checkout; we are on it. <script>alert(1)</script>" },
            },
        });
        var pages = new Api.V1.StatusPages.StatusPagesClient(_silo.Channel);
        var page = await pages.DefineStatusPageAsync(new StatusPage
        {
            Id = "shop", Title = "Shop status", BusinessUnitId = "shop", Visibility = StatusPageVisibility.Public,
            Components = { new StatusComponent { ServiceId = "storefront", DisplayName = "Storefront" }, new StatusComponent { ServiceId = "search" } },
        });
        Assert.Equal(("/status/shop", 1L, "search"), (page.Path, page.Version, page.Components[1].DisplayName));

        var id = await _silo.OpenIncidentAsync("storefront", "shop", "down", "Storefront down", AlertSeverity.Critical);
        var alice = await _silo.As("alice");
        await incidents.AssignRoleAsync(new AssignRoleRequest { Id = id, Role = IncidentRole.CommunicationsLead, AssigneeId = "carol" }, alice);
        var carol = await _silo.As("carol");
        await _silo.GrantAsync("lena", Role.Observer, "shop");
        var lena = new Grpc.Core.Metadata { { "authorization", $"Bearer {TestTokens.For("lena", ["legal"])}" } };
        var executive = await communications.DraftUpdateAsync(new UpdateDraftRequest { IncidentId = id, TemplateName = "exec" }, carol);
        await communications.PublishUpdateAsync(new UpdateRequest { IncidentId = id, Number = executive.Number }, carol);
        await incidents.AddNoteAsync(new AddNoteRequest { Id = id, Text = "Timeline note: rotate the vault key" }, alice);
        var customer = await communications.DraftUpdateAsync(new UpdateDraftRequest { IncidentId = id, TemplateName = "customers" }, carol);
        await communications.ApproveUpdateAsync(new UpdateRequest { IncidentId = id, Number = customer.Number }, lena);
        await communications.PublishUpdateAsync(new UpdateRequest { IncidentId = id, Number = customer.Number }, await _silo.As("sam"));

        var url = $"{_silo.Http.BaseAddress}status/shop";
        var during = await Eventually.Get(() => HeadlessChromium.DumpDomAsync(url), dom => dom.Contains("Payments fail at checkout"), TimeSpan.FromSeconds(60), "the customer update on the page");
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", during);
        Assert.DoesNotContain("PSP contract", during);
        Assert.DoesNotContain("vault key", during);
        Assert.DoesNotContain("Storefront down", during);
        Assert.Contains("Major outage", Section(during, "components"));
        Assert.Contains("Storefront", Section(during, "components"));
        Assert.Contains("Checkout unavailable", Section(during, "active"));
        Assert.Contains("Investigating", Section(during, "active"));
        var screenshot = Path.Combine(Path.GetTempPath(), $"status-page-{Guid.NewGuid():N}.png");
        await HeadlessChromium.ScreenshotAsync(url, screenshot);
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot is empty");
        output.WriteLine($"Screenshot: {screenshot}");

        await incidents.ResolveIncidentAsync(new ResolveIncidentRequest { Id = id, Note = "PSP renewed" }, alice);

        var after = await Eventually.Get(() => HeadlessChromium.DumpDomAsync(url), dom => Section(dom, "active").Contains("No active incidents"), TimeSpan.FromSeconds(60), "the incident leaving the active list");
        Assert.Contains("Checkout unavailable", Section(after, "history"));
        Assert.Contains("Resolved", Section(after, "history"));
        Assert.Contains("All systems operational", after);
        Assert.DoesNotContain("PSP renewed", after);
    }

    [Fact]
    public async Task PublicPagesAnswerAnyoneAndInternalOnesOnlySignedInPeopleOfTheirUnit()
    {
        var pages = new Api.V1.StatusPages.StatusPagesClient(_silo.Channel);
        await pages.DefineStatusPageAsync(new StatusPage { Id = "ops-public", Title = "Ops", BusinessUnitId = "ops", Visibility = StatusPageVisibility.Public });
        await pages.DefineStatusPageAsync(new StatusPage { Id = "ops-internal", Title = "Ops inside", BusinessUnitId = "ops", Visibility = StatusPageVisibility.Internal });
        await _silo.GrantAsync("olga", Role.Observer, "ops");
        await _silo.GrantAsync("bob", Role.UnitAdmin, "other");
        using var web = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = _silo.Http.BaseAddress };

        using var open = await web.GetAsync("/status/ops-public");
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        Assert.StartsWith("default-src 'none'", open.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", open.Headers.GetValues("X-Content-Type-Options").Single());
        using var revalidated = await web.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/status/ops-public") { Headers = { { "If-None-Match", open.Headers.ETag!.Tag } } });
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        using var feedSince = await web.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/status/ops-public/feed.atom")
        {
            Headers = { IfModifiedSince = DateTimeOffset.UtcNow.AddMinutes(1) },
        });
        Assert.Equal(HttpStatusCode.NotModified, feedSince.StatusCode);

        using var anonymous = await web.GetAsync("/status/ops-internal");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("action=\"/status/signin\"", await anonymous.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await web.GetAsync("/status/ops-internal/feed.json")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Get(web, "/status/ops-internal", TestTokens.For("bob"))).StatusCode);
        using var member = await Get(web, "/status/ops-internal", TestTokens.For("olga"));
        Assert.Equal(HttpStatusCode.OK, member.StatusCode);
        Assert.Equal("no-store", member.Headers.CacheControl!.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await web.GetAsync("/status/nowhere")).StatusCode);

        using var signIn = await web.PostAsync("/status/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = TestTokens.For("olga"), ["return"] = "/status/ops-internal",
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/status/ops-internal", signIn.Headers.Location!.OriginalString);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single();
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        using var withCookie = await web.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/status/ops-internal") { Headers = { { "Cookie", cookie.Split(';')[0] } } });
        Assert.Equal(HttpStatusCode.OK, withCookie.StatusCode);
        Assert.Contains("Signed in as olga", await withCookie.Content.ReadAsStringAsync());
        using var forgedCookie = await web.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/status/ops-internal")
        {
            Headers = { { "Cookie", $"ia_status_token={TestTokens.For("olga", key: new byte[32])}" } },
        });
        Assert.Equal(HttpStatusCode.Unauthorized, forgedCookie.StatusCode);
        using var offSite = await web.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/status/signin")
        {
            Headers = { { "Origin", "https://evil.example" } },
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = TestTokens.For("olga") }),
        });
        Assert.Equal(HttpStatusCode.Forbidden, offSite.StatusCode);

        var asBob = new Grpc.Core.Metadata { { "authorization", $"Bearer {TestTokens.For("bob")}" } };
        Assert.Equal(Grpc.Core.StatusCode.PermissionDenied, await RpcStatus.Of(async () => await pages.DefineStatusPageAsync(new StatusPage
        {
            Id = "ops-public", Title = "Taken over", BusinessUnitId = "other", Visibility = StatusPageVisibility.Public,
        }, asBob)));
        Assert.Equal(Grpc.Core.StatusCode.PermissionDenied, await RpcStatus.Of(async () =>
            await pages.GetStatusPageAsync(new GetStatusPageRequest { Id = "ops-internal" }, asBob)));
        Assert.Equal(Grpc.Core.StatusCode.InvalidArgument, await RpcStatus.Of(async () =>
            await pages.DefineStatusPageAsync(new StatusPage { Id = "signin", Title = "x", BusinessUnitId = "ops", Visibility = StatusPageVisibility.Public })));
        Assert.Equal(Grpc.Core.StatusCode.InvalidArgument, await RpcStatus.Of(async () =>
            await pages.DefineStatusPageAsync(new StatusPage { Id = "ops-x", Title = "x", BusinessUnitId = "ops" })));
        Assert.Equal("Ops", (await pages.GetStatusPageAsync(new GetStatusPageRequest { Id = "ops-public" }, new Grpc.Core.Metadata
        {
            { "authorization", $"Bearer {TestTokens.For("olga")}" },
        })).Title);
    }

    private static Task<HttpResponseMessage> Get(HttpClient web, string path, string token) =>
        web.SendAsync(new HttpRequestMessage(HttpMethod.Get, path) { Headers = { { "Authorization", $"Bearer {token}" } } });

    /// <summary>The HTML of the section headed by the heading with <paramref name="headingId"/>.</summary>
    private static string Section(string dom, string headingId)
    {
        var start = dom.IndexOf($"id=\"{headingId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section {headingId}");
        var end = dom.IndexOf("</section>", start, StringComparison.Ordinal);
        return dom[start..end];
    }
}
