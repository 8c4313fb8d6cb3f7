using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Xml;
using IncidentActors.StatusPages;

namespace IncidentActors.GrpcFrontend.StatusPages;

/// <summary>
/// A page's published updates as feeds, newest first, at most <see cref="MaxEntries"/>: Atom 1.0 and JSON Feed 1.1. One
/// entry per update, titled by its incident and carrying its public status; an edited update keeps its id and moves
/// its updated time. Ids are name-based UUIDs of page, incident and update, stable wherever the page is served from.
/// </summary>
internal static class StatusFeeds
{
    public const int MaxEntries = 50;

    private sealed record Entry(PageIncident Incident, BoardUpdate Update)
    {
        public DateTimeOffset Updated => Update.EditedAt ?? Update.PublishedAt;
    }

    /// <param name="origin">Scheme and host the feed's links point to, e.g. https://status.example.com.</param>
    public static byte[] Atom(StatusPageContent content, string origin)
    {
        var page = content.Page.Definition;
        var url = origin + StatusPageEndpoints.PathOf(page.Id);
        var entries = Entries(content);
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            const string Ns = "http://www.w3.org/2005/Atom";
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", Ns);
            xml.WriteAttributeString("xml", "lang", null, "en");
            xml.WriteElementString("id", Ns, Urn(page.Id));
            xml.WriteElementString("title", Ns, page.Title);
            xml.WriteElementString("updated", Ns, Rfc3339(entries.Select(e => e.Updated).Append(content.LastModified).Max()));
            Link(xml, "self", "application/atom+xml", url + "/feed.atom");
            Link(xml, "alternate", "text/html", url);
            xml.WriteStartElement("author", Ns);
            xml.WriteElementString("name", Ns, page.Title);
            xml.WriteEndElement();
            foreach (var e in entries)
            {
                xml.WriteStartElement("entry", Ns);
                xml.WriteElementString("id", Ns, Urn($"{page.Id}/{e.Incident.Id}/{e.Update.Number}"));
                xml.WriteElementString("title", Ns, Title(e));
                xml.WriteElementString("updated", Ns, Rfc3339(e.Updated));
                xml.WriteElementString("published", Ns, Rfc3339(e.Update.PublishedAt));
                Link(xml, "alternate", "text/html", $"{url}#incident-{e.Incident.Id}");
                xml.WriteStartElement("category", Ns);
                xml.WriteAttributeString("term", StatusPageHtml.Words(e.Incident.PublicStatus).ToLowerInvariant());
                xml.WriteEndElement();
                xml.WriteStartElement("content", Ns);
                xml.WriteAttributeString("type", "text");
                xml.WriteString(e.Update.Body);
                xml.WriteEndElement();
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        return stream.ToArray();

        void Link(XmlWriter xml, string rel, string type, string href)
        {
            xml.WriteStartElement("link", "http://www.w3.org/2005/Atom");
            xml.WriteAttributeString("rel", rel);
            xml.WriteAttributeString("type", type);
            xml.WriteAttributeString("href", href);
            xml.WriteEndElement();
        }
    }

    /// <summary>JSON Feed 1.1, with the components' status in the <c>_status_page</c> extension.</summary>
    public static byte[] Json(StatusPageContent content, string origin)
    {
        var page = content.Page.Definition;
        var url = origin + StatusPageEndpoints.PathOf(page.Id);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("version", "https://jsonfeed.org/version/1.1");
            json.WriteString("title", page.Title);
            json.WriteString("home_page_url", url);
            json.WriteString("feed_url", url + "/feed.json");
            json.WriteString("language", "en");
            json.WriteStartArray("authors");
            json.WriteStartObject();
            json.WriteString("name", page.Title);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartObject("_status_page");
            json.WriteString("status", StatusPageHtml.Overall(content.Components.Select(c => c.State).DefaultIfEmpty(ComponentState.Operational).Max()));
            json.WriteStartArray("components");
            foreach (var c in content.Components)
            {
                json.WriteStartObject();
                json.WriteString("name", c.DisplayName);
                json.WriteString("status", StatusPageHtml.Words(c.State));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteStartArray("items");
            foreach (var e in Entries(content))
            {
                json.WriteStartObject();
                json.WriteString("id", Urn($"{page.Id}/{e.Incident.Id}/{e.Update.Number}"));
                json.WriteString("url", $"{url}#incident-{e.Incident.Id}");
                json.WriteString("title", Title(e));
                json.WriteString("content_text", e.Update.Body);
                json.WriteString("date_published", Rfc3339(e.Update.PublishedAt));
                json.WriteString("date_modified", Rfc3339(e.Updated));
                json.WriteStartArray("tags");
                json.WriteStringValue(StatusPageHtml.Words(e.Incident.PublicStatus).ToLowerInvariant());
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return stream.ToArray();
    }

    private static List<Entry> Entries(StatusPageContent content) =>
        [.. content.Active.Concat(content.History).SelectMany(i => i.Updates.Select(u => new Entry(i, u)))
            .OrderByDescending(e => e.Updated).ThenBy(e => e.Incident.Id, StringComparer.Ordinal).ThenByDescending(e => e.Update.Number).Take(MaxEntries)];

    private static string Title(Entry e) =>
        e.Incident.Title == e.Update.Subject ? e.Update.Subject : $"{e.Incident.Title}: {e.Update.Subject}";

    private static string Rfc3339(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A name-based UUID URN (SHA-256, RFC 9562 version 8), so that an entry's id never changes.</summary>
    private static string Urn(string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("incidentactors-status:" + name));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return "urn:uuid:" + Convert.ToHexStringLower(hash, 0, 4) + "-" + Convert.ToHexStringLower(hash, 4, 2) + "-" + Convert.ToHexStringLower(hash, 6, 2)
            + "-" + Convert.ToHexStringLower(hash, 8, 2) + "-" + Convert.ToHexStringLower(hash, 10, 6);
    }
}
