using Google.Protobuf;
using Grpc.Core;
using IncidentActors.Access;
using IncidentActors.Audit;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace IncidentActors.GrpcFrontend.Access;

/// <summary>
/// Writes every call that changed something or was refused to the audit log of the business unit it concerned: the
/// unit the request or its answer names, else the organisation-wide log. Alert intake and heartbeats are left out:
/// they come by the thousand, and what they did is in the incidents' timelines and counts.
/// </summary>
internal sealed class AuditTrail(IGrainFactory grains, TimeProvider clock, ILogger<AuditTrail> logger)
{
    private static readonly string[] TargetFields = ["id", "incident_id", "service_id", "event_id", "principal_id", "key_id", "proposal_id", "business_unit_id"];

    public static bool Records(string method, bool refused) =>
        refused || !(method.Contains("/Get", StringComparison.Ordinal) || method.Contains("/List", StringComparison.Ordinal)
            || method.Contains("/Watch", StringComparison.Ordinal) || method.Contains("/Verify", StringComparison.Ordinal)
            || method.Contains("/Query", StringComparison.Ordinal)
            || method.EndsWith("/WhoAmI", StringComparison.Ordinal) || method.StartsWith("/grpc.", StringComparison.Ordinal)
            || method.StartsWith("/incidentactors.v1.AlertIntake/", StringComparison.Ordinal)
            || method.EndsWith("/SendHeartbeat", StringComparison.Ordinal));

    /// <summary>Stored before the call's answer goes out; a failure to store is logged, and the answer, already decided, still goes.</summary>
    public Task RecordAsync(ServerCallContext context, Principal? principal, object? request, object? response, StatusCode outcome) =>
        AppendAsync(Field(request, "business_unit_id") ?? Field(response, "business_unit_id"), new AuditEntry(clock.GetUtcNow(), principal?.Id ?? "anonymous",
            context.Method, TargetFields.Select(f => Field(request, f)).FirstOrDefault(v => v is not null) ?? "",
            outcome == StatusCode.OK ? "OK" : outcome.ToString(), context.Peer));

    /// <summary>
    /// A refusal at an HTTP endpoint's door (webhooks, the metrics scrape), in the organisation-wide log: no unit is known
    /// before the caller is. The operation is the method and route, as the access table names the endpoint.
    /// </summary>
    public Task RecordRefusalAsync(HttpContext http, Principal? principal, string target, StatusCode outcome) =>
        RecordHttpAsync(http, null, principal, $"{http.Request.Method} {(http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? http.Request.Path.Value}",
            target, outcome);

    /// <summary>A call that arrived over an HTTP endpoint, in the unit's log (the organisation-wide one without a unit).</summary>
    public Task RecordHttpAsync(HttpContext http, string? unit, Principal? principal, string operation, string target, StatusCode outcome) =>
        AppendAsync(unit, new AuditEntry(clock.GetUtcNow(), principal?.Id ?? "anonymous", operation, target, outcome == StatusCode.OK ? "OK" : outcome.ToString(),
            $"{http.Connection.RemoteIpAddress}:{http.Connection.RemotePort}"));

    private async Task AppendAsync(string? unit, AuditEntry entry)
    {
        try
        {
            await grains.GetGrain<IAuditLogGrain>(IAuditLogGrain.Key(unit, DateOnly.FromDateTime(entry.At.UtcDateTime))).Append(entry, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogError(e, "The audit entry of {Operation} by {Principal} on {Target} ({Outcome}) could not be stored", entry.Operation, entry.PrincipalId,
                entry.Target, entry.Outcome);
        }
    }

    private static string? Field(object? message, string name) =>
        message is IMessage m && m.Descriptor.FindFieldByName(name) is { FieldType: Google.Protobuf.Reflection.FieldType.String, IsRepeated: false } field
            && field.Accessor.GetValue(m) is string { Length: > 0 } value
            ? value
            : null;
}
