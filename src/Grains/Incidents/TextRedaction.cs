using System.Net;
using System.Text.RegularExpressions;

namespace IncidentActors.Incidents;

/// <summary>
/// Free text made fit for outside readers: the people given become "person 1", "person 2", … in that order; IP
/// addresses and host names become "[address]" and "[host]"; secrets after words such as password, token or key,
/// bearer tokens, private keys and CVE ids become "[redacted]" or "[security detail]". Errs towards removing: a file
/// name such as "config.yaml" reads as a host and goes too.
/// </summary>
internal sealed partial class TextRedactor
{
    private readonly Dictionary<string, string> _pseudonyms;
    private readonly Regex? _mentions;

    public TextRedactor(IReadOnlyList<string> people)
    {
        _pseudonyms = people.Select((person, i) => (person, name: $"person {i + 1}")).ToDictionary(p => p.person, p => p.name, StringComparer.Ordinal);
        // Longest first, so that an id holding another ("ann" in "anna") is replaced whole.
        _mentions = people.Count == 0 ? null
            : new Regex($@"(?<![\w.-])({string.Join("|", people.OrderByDescending(p => p.Length).Select(Regex.Escape))})(?![\w-])", RegexOptions.CultureInvariant);
    }

    public int PeopleReplaced => _pseudonyms.Count;

    /// <summary>An actor: its pseudonym when a person, else the actor's text redacted.</summary>
    public string Actor(string actor) => _pseudonyms.GetValueOrDefault(actor) ?? Redact(actor);

    public string Redact(string text)
    {
        text = PemBlock().Replace(text, "[redacted key]");
        text = BearerToken().Replace(text, "Bearer [redacted]");
        text = SecretAssignment().Replace(text, m => m.Groups["label"].Value + m.Groups["separator"].Value + "[redacted]");
        text = CveId().Replace(text, "[security detail]");
        if (_mentions is not null)
        {
            text = _mentions.Replace(text, m => _pseudonyms[m.Value]);
        }
        text = AddressCandidate().Replace(text, m => IPAddress.TryParse(m.Groups["address"].Value, out _) ? "[address]" : m.Value);
        return HostName().Replace(text, "[host]");
    }

    [GeneratedRegex(@"-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----")]
    private static partial Regex PemBlock();

    [GeneratedRegex(@"\bBearer\s+[A-Za-z0-9._~+/-]+=*", RegexOptions.IgnoreCase)]
    private static partial Regex BearerToken();

    [GeneratedRegex(@"(?<label>\b(?:password|passwd|passphrase|secret|token|api[ _-]?key|access[ _-]?key|private[ _-]?key|credentials?)s?)(?<separator>\s*[:=]\s*|\s+(?:is|was|were)\s+)\S+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretAssignment();

    [GeneratedRegex(@"\bCVE-\d{4}-\d{4,}\b", RegexOptions.IgnoreCase)]
    private static partial Regex CveId();

    /// <summary>Dotted quads and colon groups (with an optional port or zone), confirmed by parsing: times such as 03:15:00 stay.</summary>
    [GeneratedRegex(@"(?<![\w.:])(?<address>\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:%\w+)?)(?::\d{1,5})?(?![\w.:])")]
    private static partial Regex AddressCandidate();

    /// <summary>Two or more dotted labels ending in letters (db-1.prod.internal, api.example.com), with an optional port.</summary>
    [GeneratedRegex(@"(?<![\w.-])[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.[a-z]{2,63}(?::\d{1,5})?(?![\w-])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HostName();
}
