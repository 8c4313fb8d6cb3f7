using System.Collections.Immutable;
using IncidentActors.Errors;

namespace IncidentActors.Responders;

public static class WebhookContactValidator
{
    public const int MaxUrlLength = 2048;
    public const int MinSecretLength = 16;
    public const int MaxSecretLength = 256;

    /// <summary>
    /// HTTPS to a public host: a page carries incident details and must not cross a network in clear, nor be aimed at
    /// internal hosts. Allow-listed hosts are exempt. Each webhook has its own URL, which names its delivery channel.
    /// </summary>
    public static void Validate(ImmutableArray<WebhookContact> webhooks, WebhookDestinations destinations)
    {
        var violations = ImmutableArray.CreateBuilder<FieldViolation>();
        var urls = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < webhooks.Length; i++)
        {
            var (url, secret) = (webhooks[i]?.Url ?? "", webhooks[i]?.Secret ?? "");
            if (UrlRefusal(url, destinations) is { } refusal)
            {
                violations.Add(new($"webhooks[{i}].url", refusal));
            }
            if (!urls.TryAdd(url, i))
            {
                violations.Add(new($"webhooks[{i}].url", $"is the URL of webhooks[{urls[url]}] too; each webhook needs its own."));
            }
            if (secret.Length is < MinSecretLength or > MaxSecretLength)
            {
                violations.Add(new($"webhooks[{i}].secret", $"must be {MinSecretLength} to {MaxSecretLength} characters."));
            }
        }
        if (violations.Count > 0)
        {
            throw new InvalidRequestException(violations.ToImmutable());
        }
    }

    /// <summary>Why a webhook may not be sent to this URL, or null when it may; also for the other webhooks the backend calls.</summary>
    public static string? UrlRefusal(string url, WebhookDestinations destinations) =>
        url.Length > MaxUrlLength ? $"is {url.Length} characters; at most {MaxUrlLength}."
        : !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") ? $"'{url}' is not an absolute http(s) URL."
        : destinations.IsAllowListed(uri.Host) ? null
        : Refusal(uri);

    private static string? Refusal(Uri uri) =>
        uri.Scheme == "http" ? $"must use https (plain http only to hosts in {WebhookDeliveryOptions.Section}:AllowedInternalHosts)."
        : WebhookDestinations.IsInternalOnItsFace(uri) ? "points at this machine or an internal address; pages go to public hosts only."
        : null;
}
