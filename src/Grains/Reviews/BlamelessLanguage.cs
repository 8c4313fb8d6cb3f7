using System.Collections.Immutable;
using System.Text.RegularExpressions;
using IncidentActors.Errors;

namespace IncidentActors.Reviews;

/// <summary>
/// Contributing factors describe systems and conditions, not people: a factor naming a person the incident knows (a
/// responder id, a participant, a name from their responder records, or a part of that name) is refused.
/// </summary>
internal static class BlamelessLanguage
{
    /// <summary>Shorter parts of a name ("Al", "Li") are too often ordinary words to refuse them.</summary>
    private const int MinNamePartLength = 3;

    public static void Check(ImmutableArray<FieldViolation>.Builder violations, ImmutableArray<ContributingFactor> factors, IEnumerable<string> people)
    {
        var words = people.SelectMany(p => new[] { p }.Concat(p.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(part => part.Length >= MinNamePartLength)))
            .Distinct(StringComparer.OrdinalIgnoreCase).OrderByDescending(w => w.Length).ToList();
        if (words.Count == 0)
        {
            return;
        }
        var mention = new Regex($@"(?<![\w.-])({string.Join("|", words.Select(Regex.Escape))})(?![\w-])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        for (var i = 0; i < factors.Length; i++)
        {
            if (mention.Match(factors[i].Description) is { Success: true } named)
            {
                violations.Add(new($"content.factors[{i}].description",
                    $"names '{named.Value}', a person in this incident; describe the systems and conditions that let it happen, not who."));
            }
        }
    }
}
