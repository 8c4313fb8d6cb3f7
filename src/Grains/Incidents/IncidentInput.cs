using System.Collections.Immutable;
using IncidentActors.Errors;

namespace IncidentActors.Incidents;

/// <summary>Checks of what callers send an incident: every violation is reported at once, and none changes anything.</summary>
internal static class IncidentInput
{
    public const int MaxDetailLength = 2048;

    public static void Check(Action<ImmutableArray<FieldViolation>.Builder> checks)
    {
        var violations = ImmutableArray.CreateBuilder<FieldViolation>();
        checks(violations);
        if (violations.Count > 0)
        {
            throw new InvalidRequestException(violations.ToImmutable());
        }
    }
}
