using System.Collections.Immutable;
using Fluid;
using IncidentActors.Communications;
using IncidentActors.Errors;
using IncidentActors.Services;

namespace IncidentActors.Incidents;

/// <summary>
/// Parses and fills the units' Liquid templates. Templates are user input: rendering is bounded in steps, recursion
/// and output, and sees only the <see cref="UpdateModel"/> types registered here, member by member, never an object
/// reached by reflection. Technical detail an audience may not see yet is a value whose every member refuses.
/// </summary>
internal static class UpdateTemplates
{
    public const int MaxTemplates = 50;
    public const int MaxTemplateLength = 16_384;
    public const int MaxRenderedLength = 32_768;

    private static readonly FluidParser Parser = new();

    private static readonly TemplateOptions Options = new TemplateOptionsBuilder()
        .WithMaxSteps(20_000)
        .WithMaxRecursion(16)
        .WithMaxOutputSize(MaxRenderedLength)
        .WithMaxCollectionSize(1_000)
        .ConfigureMemberAccess(UpdateModel.Register)
        .Build();

    /// <summary>Checks a version before it is published: every template named once, for an audience, and parsing.</summary>
    public static void Validate(ImmutableArray<CommunicationTemplate> templates, string publishedBy) => IncidentInput.Check(v =>
    {
        AlertValidator.Identifier(v, "published_by", publishedBy, required: true);
        if (templates.Length > MaxTemplates)
        {
            v.Add(new("templates", $"holds {templates.Length} templates; at most {MaxTemplates}."));
        }
        for (var i = 0; i < templates.Length; i++)
        {
            var template = templates[i];
            AlertValidator.Identifier(v, $"templates[{i}].name", template.Name, required: true);
            if (!Enum.IsDefined(template.Audience))
            {
                v.Add(new($"templates[{i}].audience", "must be responders, executives, internal, customers, public or regulators."));
            }
            CheckLiquid(v, $"templates[{i}].subject", template.Subject);
            CheckLiquid(v, $"templates[{i}].body", template.Body);
        }
        foreach (var duplicate in templates.GroupBy(t => t.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            v.Add(new("templates", $"'{duplicate.Key}' is named {duplicate.Count()} times."));
        }
    });

    /// <summary>
    /// Fills one template field. A template that runs past its bounds, or asks for withheld detail, is refused naming
    /// the field; the incident is unchanged.
    /// </summary>
    public static async Task<string> FillAsync(string field, string source, UpdateModel model, CancellationToken cancellationToken)
    {
        if (!Parser.TryParse(source, out var template, out var error))
        {
            // Stored by a version that parsed: only a parser change gets here.
            throw new InvalidRequestException(field, $"does not parse as Liquid: {error}");
        }
        var context = new TemplateContext(model, Options) { CancellationToken = cancellationToken };
        try
        {
            return await template.RenderAsync(context);
        }
        catch (WithheldDetailException withheld)
        {
            throw new IllegalTransitionException(
                $"{field} uses technical.{withheld.Member}, which external audiences see only once the incident's disclosure is cleared (ClearDisclosure).");
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidRequestException(field, $"cannot be filled: {e.Message}");
        }
    }

    private static void CheckLiquid(ImmutableArray<FieldViolation>.Builder v, string field, string? source)
    {
        if (string.IsNullOrEmpty(source))
        {
            v.Add(new(field, "is required."));
        }
        else if (source.Length > MaxTemplateLength)
        {
            v.Add(new(field, $"is {source.Length} characters long; at most {MaxTemplateLength}."));
        }
        else if (!Parser.TryParse(source, out _, out var error))
        {
            v.Add(new(field, $"does not parse as Liquid: {error}"));
        }
    }
}
