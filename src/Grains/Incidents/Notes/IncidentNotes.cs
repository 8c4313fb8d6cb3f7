using IncidentActors.Services;

namespace IncidentActors.Incidents;

/// <summary>Free-form notes in an incident's timeline: what responders found, decided or tried, in their words.</summary>
internal static class IncidentNotes
{
    public const int MaxNoteLength = 4096;

    public static bool Add(IncidentContext incident, string text, ResponderAction action)
    {
        IncidentInput.Check(v => AlertValidator.Text(v, "text", text, MaxNoteLength, required: true));
        incident.EnsureExists();
        incident.Append(incident.Now, action.ResponderId, TimelineEntryKind.NoteAdded, text);
        return true;
    }
}
