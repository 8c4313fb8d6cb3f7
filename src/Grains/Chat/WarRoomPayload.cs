using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IncidentActors.Incidents;

namespace IncidentActors.Chat;

/// <summary>The room a provisioning webhook answered, or why it did not and whether to ask again.</summary>
internal sealed record WarRoomReply(string? Url, string? Channel, string? Error, bool Retryable);

/// <summary>
/// What a war-room provisioning webhook is sent and answers. The request is shaped for a Slack or Teams bridge: the
/// channel to create (<c>channel</c>, a Slack-legal name from the incident id), its <c>topic</c>, the incident's
/// <c>title</c>, <c>severity</c> and <c>incident_id</c>, and the <c>participants</c> to invite with their part
/// (commander and the other role holders, responders paged or on the bridge, the stakeholders told). The
/// <c>idempotency_key</c> (also the <c>Idempotency-Key</c> header) is the same on every attempt, so a receiver that
/// saw it answers the room it opened rather than opening a second. It answers <c>{"url": ..., "channel": ...}</c>.
/// </summary>
internal static class WarRoomPayload
{
    public const int MaxChannelLength = 80;

    public static string IdempotencyKey(string incidentId) => $"{incidentId}/war-room";

    /// <summary>Slack's rule for channel names: lower case letters, digits, '-' and '_', at most 80 characters.</summary>
    public static string ChannelName(string incidentId)
    {
        var name = new StringBuilder("inc-");
        foreach (var c in incidentId.ToLowerInvariant())
        {
            name.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' ? c : '-');
        }
        return name.Length > MaxChannelLength ? name.ToString(0, MaxChannelLength) : name.ToString();
    }

    /// <summary>Everyone once, under their first part: role holders, then responders, then stakeholders.</summary>
    public static IReadOnlyList<(string Id, string Part)> Participants(IncidentView incident)
    {
        var major = incident.Major;
        var parts = incident.Roles.OrderBy(r => r.Role).Select(r => (r.ResponderId, Part(r.Role)))
            .Concat(incident.Pages.Where(p => !p.IdempotencyKey.EndsWith($"/major/{p.ResponderId}", StringComparison.Ordinal)).Select(p => (p.ResponderId, "responder")))
            .Concat((major?.Participants ?? []).Select(p => (p, "responder")))
            .Concat((major?.NotifiedStakeholders ?? []).Select(p => (p, "stakeholder")));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. parts.Where(p => seen.Add(p.Item1))];
    }

    public static byte[] Body(IncidentView incident)
    {
        var severity = incident.IncidentSeverity.ToString().ToLowerInvariant();
        var participants = new JsonArray([.. Participants(incident).Select(p => (JsonNode)new JsonObject { ["id"] = p.Id, ["role"] = p.Part })]);
        return JsonSerializer.SerializeToUtf8Bytes(new JsonObject
        {
            ["idempotency_key"] = IdempotencyKey(incident.Id),
            ["incident_id"] = incident.Id,
            ["channel"] = ChannelName(incident.Id),
            ["topic"] = $"{severity.ToUpperInvariant()} major incident: {incident.Title}",
            ["title"] = incident.Title,
            ["severity"] = severity,
            ["business_unit_id"] = incident.BusinessUnitId,
            ["declared_by"] = incident.Major?.DeclaredBy,
            ["declared_at"] = incident.Major?.DeclaredAt.ToString("O", CultureInfo.InvariantCulture),
            ["participants"] = participants,
        });
    }

    /// <summary>
    /// A success answers a JSON object with the room's absolute http(s) <c>url</c>. One without is asked again: under the
    /// same idempotency key the receiver answers the room it opened, so asking again cannot open a second.
    /// </summary>
    public static WarRoomReply Read(string body, int httpStatus)
    {
        JsonObject? reply;
        try
        {
            reply = JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            reply = null;
        }
        return reply is not null && Text(reply["url"]) is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? new WarRoomReply(url, Text(reply["channel"]), null, Retryable: false)
            : new WarRoomReply(null, null, $"HTTP {httpStatus} without a room URL", Retryable: true);
    }

    private static string Part(IncidentRole role) => role switch
    {
        IncidentRole.Commander => "commander",
        IncidentRole.CommunicationsLead => "communications_lead",
        IncidentRole.TechnicalLead => "technical_lead",
        _ => "scribe",
    };

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
}
