using System.Globalization;
using System.Text;
using Grpc.Core;
using IncidentActors.Access;
using IncidentActors.Errors;
using IncidentActors.GrpcFrontend.Access;
using IncidentActors.StatusPages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace IncidentActors.GrpcFrontend.StatusPages;

/// <summary>
/// Status pages over HTTP: <c>/status/{id}</c> (HTML, <c>?page=n</c> for older history), <c>/status/{id}/feed.atom</c> and
/// <c>/status/{id}/feed.json</c>. Public pages answer anyone; internal ones people with a role in the page's unit, by
/// bearer token or the sign-in cookie (<see cref="StatusPageSignIn"/>), and answer 401 with the sign-in form otherwise.
/// Every answer carries a strict content security policy; internal ones are never stored by caches.
/// </summary>
public static class StatusPageEndpoints
{
    private enum Format
    {
        Html,
        Atom,
        Json,
    }

    public static string PathOf(string pageId) => "/status/" + Uri.EscapeDataString(pageId);

    public static IServiceCollection AddStatusPages(this IServiceCollection services) => services.AddSingleton<StatusPageCache>();

    public static IEndpointRouteBuilder MapStatusPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/status/{pageId}", (HttpContext http, string pageId) => ServeAsync(http, pageId, Format.Html));
        endpoints.MapGet("/status/{pageId}/feed.atom", (HttpContext http, string pageId) => ServeAsync(http, pageId, Format.Atom));
        endpoints.MapGet("/status/{pageId}/feed.json", (HttpContext http, string pageId) => ServeAsync(http, pageId, Format.Json));
        endpoints.MapGet(StatusPageHtml.StylesheetPath, (HttpContext http) =>
        {
            Secure(http.Response, internalPage: false);
            http.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Text(StatusPageHtml.Stylesheet, "text/css", Encoding.UTF8);
        });
        StatusPageSignIn.Map(endpoints);
        return endpoints;
    }

    private static async Task ServeAsync(HttpContext http, string pageId, Format format)
    {
        var grains = http.RequestServices.GetRequiredService<IGrainFactory>();
        StatusPageContent content;
        try
        {
            content = await grains.GetGrain<IStatusPageGrain>(pageId).GetContent(http.RequestAborted);
        }
        catch (ResourceNotFoundException)
        {
            await WriteHtmlAsync(http, StatusCodes.Status404NotFound, false, StatusPageHtml.Message("Page not found", $"There is no status page {pageId}."));
            return;
        }
        var page = content.Page.Definition;
        var isInternal = page.Visibility == StatusPageVisibility.Internal;
        string? reader = null;
        var restrictedShown = "";
        if (isInternal)
        {
            var principal = await http.RequestServices.GetRequiredService<PrincipalResolver>().ResolveAsync(http.User, http.RequestAborted);
            if (principal is null || !principal.Holds(AccessTable.Read, page.BusinessUnitId))
            {
                await RefuseAsync(http, principal, page, format);
                return;
            }
            reader = principal.Id;
            content = ForReader(content, principal);
            restrictedShown = string.Join(',', content.Active.Concat(content.History).Where(i => !i.RestrictedTo.IsDefaultOrEmpty).Select(i => i.Id));
        }
        var historyPage = 1;
        if (format == Format.Html && http.Request.Query["page"] is { Count: > 0 } asked
            && (!int.TryParse(asked.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out historyPage) || historyPage < 1 || historyPage > StatusPageHtml.HistoryPages(content)))
        {
            await WriteHtmlAsync(http, StatusCodes.Status404NotFound, isInternal, StatusPageHtml.Message("Page not found", $"The incident history has {StatusPageHtml.HistoryPages(content)} page(s)."));
            return;
        }
        var origin = $"{http.Request.Scheme}://{http.Request.Host}";
        var variant = $"{page.Id}\n{format}\n{historyPage}\n{reader}\n{restrictedShown}\n{(format == Format.Html ? "" : origin)}";
        var rendering = http.RequestServices.GetRequiredService<StatusPageCache>().Get(variant, content.Version, () => format switch
        {
            Format.Atom => StatusFeeds.Atom(content, origin),
            Format.Json => StatusFeeds.Json(content, origin),
            _ => Encoding.UTF8.GetBytes(StatusPageHtml.Page(content, historyPage, reader)),
        });
        var response = http.Response;
        Secure(response, isInternal);
        response.Headers.ETag = rendering.ETag;
        response.Headers.LastModified = content.LastModified.ToString("R", CultureInfo.InvariantCulture);
        if (NotModified(http.Request, rendering.ETag, content.LastModified))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        response.ContentType = format switch
        {
            Format.Atom => "application/atom+xml; charset=utf-8",
            Format.Json => "application/feed+json; charset=utf-8",
            _ => "text/html; charset=utf-8",
        };
        response.ContentLength = rendering.Body.Length;
        await response.Body.WriteAsync(rendering.Body, http.RequestAborted);
    }

    /// <summary>Restricted incidents stay on an internal page only for readers of their groups (and the unit's commanders).</summary>
    private static StatusPageContent ForReader(StatusPageContent content, Principal reader)
    {
        var unit = content.Page.Definition.BusinessUnitId;
        bool Visible(PageIncident i) => reader.MaySee(unit, i.RestrictedTo.IsDefault ? [] : i.RestrictedTo);
        return content.Active.All(Visible) && content.History.All(Visible)
            ? content
            : content with { Active = [.. content.Active.Where(Visible)], History = [.. content.History.Where(Visible)] };
    }

    private static async Task RefuseAsync(HttpContext http, Principal? principal, StatusPageDefinition page, Format format)
    {
        await http.RequestServices.GetRequiredService<AuditTrail>().RecordRefusalAsync(http, principal, PathOf(page.Id),
            principal is null ? StatusCode.Unauthenticated : StatusCode.PermissionDenied);
        if (principal is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            await WriteHtmlAsync(http, StatusCodes.Status401Unauthorized, true, format == Format.Html
                ? StatusPageHtml.SignIn(http.Request.Path + http.Request.QueryString, null)
                : StatusPageHtml.Message("Sign-in required", "This feed is internal: send 'Authorization: Bearer <token>'."));
            return;
        }
        await WriteHtmlAsync(http, StatusCodes.Status403Forbidden, true, StatusPageHtml.Message("Not allowed",
            $"{principal.Id} holds no role in business unit {page.BusinessUnitId}, whose internal status page this is."));
    }

    internal static async Task WriteHtmlAsync(HttpContext http, int status, bool internalPage, string html)
    {
        Secure(http.Response, internalPage);
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(html, http.RequestAborted);
    }

    /// <summary>
    /// Nothing but the page's own stylesheet loads, forms post only here, no framing, no content sniffing. Public pages
    /// may be kept by caches but are checked again each time (ETag); internal pages are not kept at all.
    /// </summary>
    internal static void Secure(HttpResponse response, bool internalPage)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = internalPage ? "no-store" : "public, no-cache";
        if (internalPage)
        {
            headers.Vary = "Authorization, Cookie";
        }
    }

    /// <summary>If-None-Match decides when sent (RFC 9110 §13.2.2); If-Modified-Since only without it.</summary>
    private static bool NotModified(HttpRequest request, string etag, DateTimeOffset lastModified)
    {
        var typed = request.GetTypedHeaders();
        if (typed.IfNoneMatch is { Count: > 0 } tags)
        {
            return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(EntityTagHeaderValue.Parse(etag), useStrongComparison: false));
        }
        return typed.IfModifiedSince is { } since && lastModified.ToUnixTimeSeconds() <= since.ToUnixTimeSeconds();
    }
}
