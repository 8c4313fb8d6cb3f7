using System.Collections.Immutable;

namespace IncidentActors.Errors;

/// <summary>The request is malformed; nothing was changed. Carries one violation per bad field.</summary>
[GenerateSerializer, Alias("IncidentActors.Errors.InvalidRequestException")]
public sealed class InvalidRequestException : Exception
{
    public InvalidRequestException(ImmutableArray<FieldViolation> violations)
        : base(Describe(violations))
    {
        Violations = violations;
    }

    public InvalidRequestException(string field, string description)
        : this([new FieldViolation(field, description)])
    {
    }

    [Id(0)]
    public ImmutableArray<FieldViolation> Violations { get; private set; }

    private static string Describe(ImmutableArray<FieldViolation> violations) =>
        "Invalid request: " + string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}"));
}
