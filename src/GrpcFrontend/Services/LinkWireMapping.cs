using Google.Protobuf.WellKnownTypes;
using Domain = IncidentActors;
using V1 = IncidentActors.Api.V1;

namespace IncidentActors.GrpcFrontend.Services;

/// <summary>Maps linked items between the wire and the domain.</summary>
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
        DoneAt = item.DoneAt is { } done ? Timestamp.FromDateTimeOffset(done) : null,
        DoneBy = item.DoneBy ?? "",
    };
}
