namespace IncidentActors.Errors;

[GenerateSerializer, Immutable, Alias("IncidentActors.Errors.FieldViolation")]
public sealed record FieldViolation(
    [property: Id(0)] string Field,
    [property: Id(1)] string Description);
