using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IncidentActors.GrpcFrontend.StatusPages;

/// <summary>
/// Signing in to internal status pages from a browser: the form posts a person's token, kept in an HttpOnly,
/// SameSite=Strict cookie scoped to /status (Secure over HTTPS). The bearer authentication reads it on status-page
/// GETs that bring no Authorization header, so it is validated exactly like a bearer token, on every request.
/// A browser has no other way to send one; the cookie holds nothing a bearer header would not.
/// </summary>
internal static class StatusPageSignIn
{
    public const string CookieName = "ia_status_token";
    public const string SignInPath = "/status/signin";
    public const string SignOutPath = "/status/signout";

    /// <summary>Tokens are a few kilobytes at most; a cookie must fit in a request header.</summary>
    private const int MaxTokenLength = 6 * 1024;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(SignInPath, (HttpContext http) =>
            StatusPageEndpoints.WriteHtmlAsync(http, StatusCodes.Status200OK, true, StatusPageHtml.SignIn(ReturnPath(http.Request.Query["return"].ToString()), null)));
        endpoints.MapPost(SignInPath, SignInAsync);
        endpoints.MapPost(SignOutPath, (HttpContext http) =>
        {
            http.Response.Cookies.Delete(CookieName, Options(http));
            StatusPageEndpoints.Secure(http.Response, internalPage: true);
            return Results.Redirect("/status/signin", permanent: false);
        });
    }

    /// <summary>For <see cref="JwtBearerEvents.OnMessageReceived"/>: the cookie's token on status-page reads without a header.</summary>
    public static Task TokenFromCookie(MessageReceivedContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) && request.Path.StartsWithSegments("/status") && string.IsNullOrEmpty(request.Headers.Authorization)
            && request.Cookies[CookieName] is { Length: > 0 } token)
        {
            context.Token = token;
        }
        return Task.CompletedTask;
    }

    private static async Task SignInAsync(HttpContext http)
    {
        // SameSite keeps the cookie from other sites' requests; this keeps other sites from signing a reader in as someone else.
        if (http.Request.Headers.Origin.ToString() is { Length: > 0 } origin && origin != $"{http.Request.Scheme}://{http.Request.Host}")
        {
            await StatusPageEndpoints.WriteHtmlAsync(http, StatusCodes.Status403Forbidden, true, StatusPageHtml.Message("Not allowed", "Sign in from the status page itself."));
            return;
        }
        if (!http.Request.HasFormContentType)
        {
            await StatusPageEndpoints.WriteHtmlAsync(http, StatusCodes.Status400BadRequest, true, StatusPageHtml.SignIn("/status/", "Send the sign-in form."));
            return;
        }
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var returnPath = ReturnPath(form["return"].ToString());
        var token = form["token"].ToString().Trim();
        if (token.Length == 0 || token.Length > MaxTokenLength || !token.All(c => c is > ' ' and < '\x7f'))
        {
            await StatusPageEndpoints.WriteHtmlAsync(http, StatusCodes.Status400BadRequest, true, StatusPageHtml.SignIn(returnPath, "Paste an access token: one line of printable characters."));
            return;
        }
        http.Response.Cookies.Append(CookieName, token, Options(http));
        StatusPageEndpoints.Secure(http.Response, internalPage: true);
        http.Response.Redirect(returnPath);
    }

    private static CookieOptions Options(HttpContext http) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = http.Request.IsHttps,
        Path = "/status",
        IsEssential = true,
    };

    /// <summary>Only back to a status page of this host: never elsewhere (an open redirect).</summary>
    private static string ReturnPath(string asked) =>
        asked.StartsWith("/status/", StringComparison.Ordinal) && !asked.Contains('\\') && !asked.Any(char.IsControl) && asked.Length <= 2048 ? asked : "/status/signin";
}
