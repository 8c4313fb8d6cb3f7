using System.Text.Json;
using System.Xml.Linq;
using IncidentActors.Communications;
using IncidentActors.GrpcFrontend.StatusPages;
using IncidentActors.StatusPages;
using Xunit;
using static IncidentActors.Tests.StatusPages.StatusFixtures;

namespace IncidentActors.Tests.StatusPages;

public sealed class StatusPageRenderingTests
{
    private static readonly StatusComponent[] Components = [new("checkout", "Checkout & <Pay>")];

    private static StatusPageContent Content(StatusPageVisibility visibility = StatusPageVisibility.Public) => StatusPageContents.Build(
        Page(visibility, Components),
        Board(
            Change(Summary("i-1"), 3, Update(3, 1, UpdateAudience.Customers, "Payments <b>failing</b>", "<script>alert('x')</script>\nSecond line.")),
            Change(Summary("i-0", resolved: true), 5, Update(2, 1, UpdateAudience.Public, "Earlier outage", "Fixed."), Update(5, 1, UpdateAudience.Public, "Earlier outage", "Fixed for good."))),
        Components, [], T0.AddHours(1));

    [Fact]
    public void EverythingFromTheDomainIsEncodedAsText()
    {
        var html = StatusPageHtml.Page(Content(), 1, null);

        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;<br>", html);
        Assert.Contains("Payments &lt;b&gt;failing&lt;/b&gt;", html);
        Assert.Contains("Checkout &amp; &lt;Pay&gt;", html);
        Assert.Contains("<title>Shop &lt;status&gt; status</title>", html);
    }

    [Fact]
    public void PageHasLanguageLandmarksHeadingsAndStatusInWords()
    {
        var html = StatusPageHtml.Page(Content(), 1, null);

        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"en\">", html);
        Assert.Contains("<main id=\"main\">", html);
        Assert.Contains("<h1>Shop &lt;status&gt;</h1>", html);
        Assert.Contains("<h2 id=\"history\">Incident history</h2>", html);
        Assert.Contains("Major outage</span></li>", html);
        Assert.Contains("Status: <strong class=\"status\">Investigating</strong>", html);
        Assert.Contains("Status: <strong class=\"status\">Resolved</strong>", html);
        Assert.Contains("(edited <time", html);
        Assert.DoesNotContain("<script", html);
    }

    [Fact]
    public void AtomFeedHasTheRequiredElementsAndStableIds()
    {
        var content = Content();
        XNamespace atom = "http://www.w3.org/2005/Atom";

        var feed = XDocument.Parse(System.Text.Encoding.UTF8.GetString(StatusFeeds.Atom(content, "https://status.example"))).Root!;

        Assert.Equal(atom + "feed", feed.Name);
        Assert.StartsWith("urn:uuid:", feed.Element(atom + "id")!.Value);
        Assert.Equal("https://status.example/status/shop-status/feed.atom",
            feed.Elements(atom + "link").Single(l => (string?)l.Attribute("rel") == "self").Attribute("href")!.Value);
        Assert.NotNull(feed.Element(atom + "author")?.Element(atom + "name"));
        DateTimeOffset.Parse(feed.Element(atom + "updated")!.Value);
        var entries = feed.Elements(atom + "entry").ToList();
        Assert.Equal(2, entries.Count);
        foreach (var entry in entries)
        {
            Assert.Matches("^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", entry.Element(atom + "id")!.Value);
            Assert.NotEmpty(entry.Element(atom + "title")!.Value);
            DateTimeOffset.Parse(entry.Element(atom + "updated")!.Value);
            Assert.StartsWith("https://status.example/status/shop-status#incident-", entry.Element(atom + "link")!.Attribute("href")!.Value);
        }
        Assert.Equal("<script>alert('x')</script>\nSecond line.", entries.Single(e => e.Element(atom + "title")!.Value.Contains("failing")).Element(atom + "content")!.Value);
        Assert.Equal(entries.Select(e => e.Element(atom + "id")!.Value),
            XDocument.Parse(System.Text.Encoding.UTF8.GetString(StatusFeeds.Atom(content, "http://elsewhere"))).Root!.Elements(atom + "entry").Select(e => e.Element(atom + "id")!.Value));
    }

    [Fact]
    public void JsonFeedFollowsJsonFeedOnePointOne()
    {
        using var feed = JsonDocument.Parse(StatusFeeds.Json(Content(), "https://status.example"));
        var root = feed.RootElement;

        Assert.Equal("https://jsonfeed.org/version/1.1", root.GetProperty("version").GetString());
        Assert.Equal("Shop <status>", root.GetProperty("title").GetString());
        Assert.Equal("https://status.example/status/shop-status/feed.json", root.GetProperty("feed_url").GetString());
        Assert.Equal("Major outage", root.GetProperty("_status_page").GetProperty("status").GetString());
        var items = root.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.All(items, i =>
        {
            Assert.NotEmpty(i.GetProperty("id").GetString()!);
            Assert.NotEmpty(i.GetProperty("content_text").GetString()!);
            DateTimeOffset.Parse(i.GetProperty("date_published").GetString()!);
        });
        Assert.Equal("resolved", items.Single(i => i.GetProperty("title").GetString() == "Earlier outage").GetProperty("tags")[0].GetString());
    }
}
