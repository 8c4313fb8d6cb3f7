using System.Collections.Immutable;
using System.Text.Json;
using IncidentActors.Errors;
using IncidentActors.Incidents;

namespace IncidentActors.GrpcFrontend.Webhooks;

internal enum ChatVerb
{
    Acknowledge,
    Resolve,
    Update,
    Assign,
}

/// <summary>
/// A command a chat tool called back with: <c>{"user_id", "incident_id", "command": "ack" | "resolve" | "update" |
/// "assign", "text", "role", "assignee"}</c>. <c>text</c> is the note of an acknowledgement or resolution and the
/// update itself; <c>assign</c> names a <c>role</c> (commander, communications_lead, technical_lead, scribe) and the
/// chat user (<c>assignee</c>) to give it to. Who acts is the chat user the integration maps, never a name in the body.
/// </summary>
internal sealed record ChatCommand(ChatVerb Verb, string UserId, string IncidentId, string? Text, IncidentRole? Role, string? Assignee)
{
    /// <summary>The command, or every reason the body is not one.</summary>
    public static (ChatCommand? Command, ImmutableArray<FieldViolation> Violations) Parse(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            return (null, [new("", $"is not valid JSON: {e.Message}")]);
        }
        using (document)
        {
            var root = document.RootElement;
            var malformed = JsonBodyChecks.Find(root);
            if (!malformed.IsEmpty)
            {
                return (null, malformed);
            }
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, [new("", "must be a JSON object.")]);
            }
            var v = ImmutableArray.CreateBuilder<FieldViolation>();
            var user = JsonFields.String(root, "user_id", "user_id", v, required: true);
            var incident = JsonFields.String(root, "incident_id", "incident_id", v, required: true);
            var command = JsonFields.String(root, "command", "command", v, required: true);
            var text = JsonFields.String(root, "text", "text", v, required: false, freeText: true);
            var verb = command switch
            {
                null => (ChatVerb?)null,
                "ack" or "acknowledge" => ChatVerb.Acknowledge,
                "resolve" => ChatVerb.Resolve,
                "update" => ChatVerb.Update,
                "assign" => ChatVerb.Assign,
                _ => Unknown(v, command),
            };
            IncidentRole? role = null;
            string? assignee = null;
            if (verb == ChatVerb.Update && string.IsNullOrWhiteSpace(text))
            {
                v.Add(new("text", "is required: the update to post."));
            }
            if (verb == ChatVerb.Assign)
            {
                role = ParseRole(v, JsonFields.String(root, "role", "role", v, required: true));
                assignee = JsonFields.String(root, "assignee", "assignee", v, required: true);
            }
            return v.Count > 0 ? (null, v.ToImmutable()) : (new ChatCommand(verb!.Value, user!, incident!, text, role, assignee), []);
        }
    }

    private static ChatVerb? Unknown(ImmutableArray<FieldViolation>.Builder v, string command)
    {
        v.Add(new("command", $"'{command}' is no command; send ack, resolve, update or assign."));
        return null;
    }

    private static IncidentRole? ParseRole(ImmutableArray<FieldViolation>.Builder v, string? role)
    {
        IncidentRole? parsed = role switch
        {
            null => null,
            "commander" => IncidentRole.Commander,
            "communications_lead" => IncidentRole.CommunicationsLead,
            "technical_lead" => IncidentRole.TechnicalLead,
            "scribe" => IncidentRole.Scribe,
            _ => null,
        };
        if (role is not null && parsed is null)
        {
            v.Add(new("role", $"'{role}' is no role; send commander, communications_lead, technical_lead or scribe."));
        }
        return parsed;
    }
}
