using Google.Protobuf.WellKnownTypes;
using Domain = IncidentActors;
using V1 = IncidentActors.Api.V1;

namespace IncidentActors.GrpcFrontend.Services;

/// <summary>Maps linked items, and the temporary fixes whose expiry raises them, between the wire and the domain.</summary>
internal static class LinkWireMapping
{
    private const int Unspecified = -1;

    public static Domain.Incidents.LinkedItemKind ToDomain(V1.LinkedItemKind kind) =>
        kind == V1.LinkedItemKind.Unspecified ? (Domain.Incidents.LinkedItemKind)Unspecified : (Domain.Incidents.LinkedItemKind)((int)kind - 1);

    public static V1.LinkedItem ToWire(Domain.Incidents.LinkedItem item) => new()
    {
        Kind = (V1.LinkedItemKind)((int)item.Kind + 1),
        Reference = item.Reference,
        Title = item.Title,
        LinkedBy = item.LinkedBy,
        LinkedAt = Timestamp.FromDateTimeOffset(item.LinkedAt),
        DoneAt = WireMapping.ToWire(item.DoneAt),
        DoneBy = item.DoneBy ?? "",
    };

    public static V1.TemporaryFix ToWire(Domain.Incidents.TemporaryFix fix) => new()
    {
        Number = fix.Number,
        Description = fix.Description,
        ExpiresAt = Timestamp.FromDateTimeOffset(fix.ExpiresAt),
        RecordedBy = fix.RecordedBy,
        RecordedAt = Timestamp.FromDateTimeOffset(fix.RecordedAt),
        PermanentFix = fix.PermanentFix ?? "",
        MadePermanentBy = fix.MadePermanentBy ?? "",
        MadePermanentAt = WireMapping.ToWire(fix.MadePermanentAt),
        ExpiredAt = WireMapping.ToWire(fix.ExpiredAt),
    };
}
