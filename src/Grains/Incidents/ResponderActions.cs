using System.Collections.Immutable;
using IncidentActors.Errors;
using IncidentActors.Services;

namespace IncidentActors.Incidents;

/// <summary>Who acts, with an optional note: checked and written into timelines the same way wherever people act.</summary>
internal static class ResponderActions
{
    public static void Validate(ResponderAction action)
    {
        var violations = ImmutableArray.CreateBuilder<FieldViolation>();
        AlertValidator.Identifier(violations, "responder_id", action.ResponderId, required: true);
        AlertValidator.Text(violations, "note", action.Note, AlertValidator.MaxSummaryLength, required: false);
        if (violations.Count > 0)
        {
            throw new InvalidRequestException(violations.ToImmutable());
        }
    }

    public static string WithNote(string what, string? note) => string.IsNullOrWhiteSpace(note) ? what : $"{what}: {note}";
}
