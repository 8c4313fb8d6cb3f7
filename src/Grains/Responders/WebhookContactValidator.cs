using System.Collections.Immutable;
using System.Net;
using IncidentActors.Errors;

namespace IncidentActors.Responders;

public static class WebhookContactValidator
{
    public const int MaxUrlLength = 2048;
    public const int MinSecretLength = 16;
    public const int MaxSecretLength = 256;

    /// <summary>HTTPS, except to this machine: a page carries incident details and must not cross a network in clear.</summary>
    public static void Validate(ImmutableArray<WebhookContact> webhooks)
    {
        var violations = ImmutableArray.CreateBuilder<FieldViolation>();
        for (var i = 0; i < webhooks.Length; i++)
        {
            var (url, secret) = (webhooks[i].Url ?? "", webhooks[i].Secret ?? "");
            if (url.Length > MaxUrlLength)
            {
                violations.Add(new($"webhooks[{i}].url", $"is {url.Length} characters; at most {MaxUrlLength}."));
            }
            else if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                violations.Add(new($"webhooks[{i}].url", $"'{url}' is not an absolute http(s) URL."));
            }
            else if (uri.Scheme == "http" && !IsLoopback(uri))
            {
                violations.Add(new($"webhooks[{i}].url", "must use https (plain http only to this machine)."));
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

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
