using System.Globalization;
using System.Net;
using System.Text;
using IncidentActors.Communications;
using IncidentActors.StatusPages;

namespace IncidentActors.GrpcFrontend.StatusPages;

/// <summary>
/// Server-rendered status pages: plain HTML with landmarks and headings, every status in words (colour only repeats it),
/// every text from the domain HTML-encoded, no script. <see cref="HistoryPageSize"/> resolved incidents per page of history.
/// </summary>
internal static class StatusPageHtml
{
    public const int HistoryPageSize = 20;

    public const string StylesheetPath = "/status/assets/status.css";

    public static int HistoryPages(StatusPageContent content) => Math.Max(1, (content.History.Length + HistoryPageSize - 1) / HistoryPageSize);

    /// <param name="historyPage">1-based, within <see cref="HistoryPages"/>.</param>
    /// <param name="signedInAs">The reader of an internal page, offered a sign-out; null on public pages.</param>
    public static string Page(StatusPageContent content, int historyPage, string? signedInAs)
    {
        var page = content.Page.Definition;
        var path = StatusPageEndpoints.PathOf(page.Id);
        var html = new StringBuilder(16 * 1024);
        Head(html, $"{page.Title} status", $"""
            <link rel="alternate" type="application/atom+xml" title="{E(page.Title)} (Atom)" href="{path}/feed.atom">
            <link rel="alternate" type="application/feed+json" title="{E(page.Title)} (JSON Feed)" href="{path}/feed.json">
            """);
        var overall = content.Components.Select(c => c.State).DefaultIfEmpty(ComponentState.Operational).Max();
        html.Append($"""
            <header>
            <p class="unit">{E(page.BusinessUnitId)}{(page.Visibility == StatusPageVisibility.Internal ? " · internal status page" : "")}</p>
            <h1>{E(page.Title)}</h1>
            <p class="overall state-{Css(overall)}"><span class="mark" aria-hidden="true">{Mark(overall)}</span> {E(Overall(overall))}</p>
            </header>
            <main id="main">
            <section aria-labelledby="components">
            <h2 id="components">Components</h2>
            """);
        if (content.Components.IsEmpty)
        {
            html.Append("<p>This page shows no components yet.</p>\n");
        }
        else
        {
            html.Append("<ul class=\"components\">\n");
            foreach (var c in content.Components)
            {
                html.Append($"<li><span class=\"name\">{E(c.DisplayName)}</span> <span class=\"state state-{Css(c.State)}\"><span class=\"mark\" aria-hidden=\"true\">{Mark(c.State)}</span> {Words(c.State)}</span></li>\n");
            }
            html.Append("</ul>\n");
        }
        html.Append("</section>\n<section aria-labelledby=\"active\">\n<h2 id=\"active\">Active incidents</h2>\n");
        if (content.Active.IsEmpty)
        {
            html.Append("<p>No active incidents.</p>\n");
        }
        foreach (var incident in content.Active)
        {
            Incident(html, incident, page.Visibility);
        }
        html.Append("</section>\n<section aria-labelledby=\"maintenance\">\n<h2 id=\"maintenance\">Scheduled maintenance</h2>\n");
        if (content.Maintenance.IsEmpty)
        {
            html.Append("<p>No maintenance in progress or scheduled.</p>\n");
        }
        else
        {
            html.Append("<ul class=\"maintenance\">\n");
            foreach (var m in content.Maintenance)
            {
                html.Append($"<li><strong>{(m.InProgress ? "In progress" : "Scheduled")}:</strong> {E(m.Component)}, {Time(m.Start)} to {Time(m.End)}")
                    .Append(m.Reason.Length > 0 ? $". {E(m.Reason)}" : "").Append("</li>\n");
            }
            html.Append("</ul>\n");
        }
        html.Append($"</section>\n<section aria-labelledby=\"history\">\n<h2 id=\"history\">Incident history</h2>\n<p>Resolved in the last {StatusBoard.HistoryDays} days, newest first.</p>\n");
        var pages = HistoryPages(content);
        var shown = content.History.Skip((historyPage - 1) * HistoryPageSize).Take(HistoryPageSize).ToList();
        if (shown.Count == 0)
        {
            html.Append("<p>No incidents.</p>\n");
        }
        foreach (var incident in shown)
        {
            Incident(html, incident, page.Visibility);
        }
        if (pages > 1)
        {
            html.Append($"<nav aria-label=\"Incident history pages\"><p>Page {historyPage} of {pages}. ");
            if (historyPage > 1)
            {
                html.Append($"<a href=\"{path}?page={historyPage - 1}#history\" rel=\"prev\">Newer incidents</a> ");
            }
            if (historyPage < pages)
            {
                html.Append($"<a href=\"{path}?page={historyPage + 1}#history\" rel=\"next\">Older incidents</a>");
            }
            html.Append("</p></nav>\n");
        }
        html.Append($"""
            </section>
            </main>
            <footer>
            <p>Subscribe: <a href="{path}/feed.atom">Atom feed</a> · <a href="{path}/feed.json">JSON feed</a></p>
            """);
        if (signedInAs is not null)
        {
            html.Append($"""
                <form method="post" action="/status/signout"><p>Signed in as {E(signedInAs)}. <button type="submit">Sign out</button></p></form>
                """);
        }
        html.Append("</footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>The sign-in form for internal pages: a token is kept in an HttpOnly cookie for the status pages only.</summary>
    public static string SignIn(string returnPath, string? problem)
    {
        var html = new StringBuilder();
        Head(html, "Sign in to the status page", "");
        html.Append($"""
            <header><h1>Sign in</h1></header>
            <main id="main">
            <p>This status page is internal. Sign in with your access token (the bearer token you use for the API).</p>
            {(problem is null ? "" : $"<p class=\"problem\" role=\"alert\">{E(problem)}</p>")}
            <form method="post" action="/status/signin">
            <input type="hidden" name="return" value="{E(returnPath)}">
            <p><label for="token">Access token</label><br>
            <input id="token" name="token" type="password" autocomplete="off" required></p>
            <p><button type="submit">Sign in</button></p>
            </form>
            </main>
            </body>
            </html>

            """);
        return html.ToString();
    }

    /// <summary>A refusal or a missing page, as a page a person can read.</summary>
    public static string Message(string title, string text)
    {
        var html = new StringBuilder();
        Head(html, title, "");
        html.Append($"<header><h1>{E(title)}</h1></header>\n<main id=\"main\">\n<p>{E(text)}</p>\n</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    public static string Words(ComponentState state) => state switch
    {
        ComponentState.Operational => "Operational",
        ComponentState.UnderMaintenance => "Under maintenance",
        ComponentState.DegradedPerformance => "Degraded performance",
        ComponentState.PartialOutage => "Partial outage",
        _ => "Major outage",
    };

    public static string Words(PublicStatus status) => status switch
    {
        PublicStatus.Investigating => "Investigating",
        PublicStatus.Identified => "Identified",
        PublicStatus.Monitoring => "Monitoring",
        _ => "Resolved",
    };

    public static string Overall(ComponentState worst) => worst switch
    {
        ComponentState.Operational => "All systems operational",
        ComponentState.UnderMaintenance => "Maintenance in progress",
        ComponentState.DegradedPerformance => "Degraded performance",
        ComponentState.PartialOutage => "Partial outage",
        _ => "Major outage",
    };

    private static void Incident(StringBuilder html, PageIncident incident, StatusPageVisibility visibility)
    {
        var labels = (incident.Drill ? " <span class=\"label\">Drill</span>" : "") + (incident.RestrictedTo.IsDefaultOrEmpty ? "" : " <span class=\"label\">Restricted</span>");
        html.Append($"""
            <article class="incident" id="incident-{E(incident.Id)}" aria-labelledby="title-{E(incident.Id)}">
            <h3 id="title-{E(incident.Id)}">{E(incident.Title)}{labels}</h3>
            <p class="meta">Status: <strong class="status">{Words(incident.PublicStatus)}</strong> · Impact: {Words(incident.Impact)} · Component: {E(incident.Component)} · Opened {Time(incident.OpenedAt)}{(incident.ResolvedAt is { } resolved ? $" · Resolved {Time(resolved)}" : "")}</p>

            """);
        if (incident.Updates.IsEmpty)
        {
            html.Append("<p>No updates published yet.</p>\n");
        }
        else
        {
            html.Append("<ol class=\"updates\" reversed>\n");
            foreach (var u in incident.Updates)
            {
                var audience = visibility == StatusPageVisibility.Internal ? $" <span class=\"label\">{u.Audience}</span>" : "";
                var edited = u.EditedAt is { } at ? $" <span class=\"edited\">(edited {Time(at)})</span>" : "";
                html.Append($"<li><p class=\"update-head\"><strong>{E(u.Subject)}</strong>{audience} · {Time(u.PublishedAt)}{edited}</p>\n<p class=\"update-body\">{Body(u.Body)}</p></li>\n");
            }
            html.Append("</ol>\n");
        }
        html.Append("</article>\n");
    }

    private static void Head(StringBuilder html, string title, string links) => html.Append($"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        <title>{E(title)}</title>
        <link rel="stylesheet" href="{StylesheetPath}">
        {links}
        </head>
        <body>
        <a class="skip" href="#main">Skip to content</a>

        """);

    private static string Time(DateTimeOffset at) =>
        $"<time datetime=\"{at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}\">{at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC</time>";

    private static string Body(string body) => E(body.Trim()).ReplaceLineEndings("<br>\n");

    private static string Css(ComponentState state) => state switch
    {
        ComponentState.Operational => "operational",
        ComponentState.UnderMaintenance => "maintenance",
        ComponentState.DegradedPerformance => "degraded",
        ComponentState.PartialOutage => "partial",
        _ => "major",
    };

    /// <summary>A shape per state, for readers who cannot tell the colours apart; hidden from screen readers, which read the words.</summary>
    private static string Mark(ComponentState state) => state switch
    {
        ComponentState.Operational => "✓",
        ComponentState.UnderMaintenance => "◆",
        ComponentState.DegradedPerformance => "▲",
        ComponentState.PartialOutage => "!",
        _ => "✕",
    };

    private static string E(string text) => WebUtility.HtmlEncode(text);

    /// <summary>Colours meet WCAG AA contrast (4.5:1 or more) against the white background.</summary>
    public const string Stylesheet = """
        :root { color-scheme: light; }
        body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; background: #fff; margin: 0 auto; max-width: 52rem; padding: 1rem; }
        a { color: #0550ae; }
        .skip { position: absolute; left: -999px; }
        .skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; }
        header { border-bottom: 1px solid #d0d7de; margin-bottom: 1rem; }
        .unit { color: #57606a; margin: 0; }
        h1 { margin: .25rem 0 .5rem; }
        .overall { font-size: 1.25rem; font-weight: 600; padding: .75rem 1rem; border-radius: 6px; border: 2px solid currentColor; }
        .components { list-style: none; padding: 0; }
        .components li { display: flex; justify-content: space-between; padding: .5rem 0; border-bottom: 1px solid #d0d7de; }
        .name { font-weight: 600; }
        .state-operational { color: #116329; }
        .state-maintenance { color: #0550ae; }
        .state-degraded { color: #7d4e00; }
        .state-partial { color: #953800; }
        .state-major { color: #a40e26; }
        .incident { border: 1px solid #d0d7de; border-radius: 6px; padding: 0 1rem; margin: 1rem 0; }
        .meta, .update-head { color: #424a53; }
        .label { font-size: .8rem; border: 1px solid #57606a; border-radius: 1rem; padding: 0 .5rem; color: #424a53; font-weight: normal; }
        .edited { font-style: italic; }
        .updates { padding-left: 1.25rem; }
        .problem { color: #a40e26; font-weight: 600; }
        footer { border-top: 1px solid #d0d7de; margin-top: 2rem; color: #424a53; }
        :focus-visible { outline: 3px solid #0969da; outline-offset: 2px; }
        """;
}
