using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace IncidentActors.GrpcFrontend.StatusPages;

/// <summary>
/// Renderings of status pages by page, variant (format, history page, the restricted incidents a reader may see, the
/// origin links point to) and content version: a request for unchanged content costs a lookup, not a rendering of its
/// whole history. One rendering per variant is kept; a new version replaces it.
/// </summary>
internal sealed class StatusPageCache
{
    /// <summary>Far above pages × variants in use; reaching it (hosts or readers churning variants) starts over.</summary>
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Rendering> _renderings = new(StringComparer.Ordinal);

    public sealed record Rendering(string ContentVersion, byte[] Body, string ETag);

    public Rendering Get(string variant, string contentVersion, Func<byte[]> render)
    {
        if (_renderings.TryGetValue(variant, out var held) && held.ContentVersion == contentVersion)
        {
            return held;
        }
        if (_renderings.Count >= MaxEntries)
        {
            _renderings.Clear();
        }
        var body = render();
        var rendering = new Rendering(contentVersion, body, $"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(variant + "\n" + contentVersion)))[..32]}\"");
        _renderings[variant] = rendering;
        return rendering;
    }
}
