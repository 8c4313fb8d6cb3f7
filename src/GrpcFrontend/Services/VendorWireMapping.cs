using Google.Protobuf.WellKnownTypes;
using Domain = IncidentActors;
using V1 = IncidentActors.Api.V1;

namespace IncidentActors.GrpcFrontend.Services;

/// <summary>Maps vendors and their engagements between the wire and the domain.</summary>
internal static class VendorWireMapping
{
    public static Domain.Vendors.VendorDefinition ToDomain(V1.RegisterVendorRequest request) =>
        new(request.Id, request.Name, request.ContractualResponseTime?.ToTimeSpan() ?? TimeSpan.Zero, request.Contact);

    public static V1.Vendor ToWire(Domain.Vendors.VendorView view) => new()
    {
        Id = view.Definition.Id,
        Name = view.Definition.Name,
        ContractualResponseTime = Duration.FromTimeSpan(view.Definition.ContractualResponseTime),
        Contact = view.Definition.Contact,
        RegisteredAt = Timestamp.FromDateTimeOffset(view.RegisteredAt),
        UpdatedAt = Timestamp.FromDateTimeOffset(view.UpdatedAt),
        Invitations =
        {
            view.Invitations.Select(i => new V1.VendorInvitation { IncidentId = i.IncidentId, InvitedAt = Timestamp.FromDateTimeOffset(i.InvitedAt) }),
        },
    };

    public static V1.VendorEngagement ToWire(Domain.Incidents.VendorEngagement engagement) => new()
    {
        VendorId = engagement.VendorId,
        VendorName = engagement.VendorName,
        ContractualResponseTime = Duration.FromTimeSpan(engagement.ContractualResponseTime),
        InvitedBy = engagement.InvitedBy,
        InvitedAt = Timestamp.FromDateTimeOffset(engagement.InvitedAt),
        RespondBy = Timestamp.FromDateTimeOffset(engagement.RespondBy),
        RespondedAt = WireMapping.ToWire(engagement.RespondedAt),
        Response = engagement.Response ?? "",
        BreachedAt = WireMapping.ToWire(engagement.BreachedAt),
        LateBy = engagement.LateBy is { } late ? Duration.FromTimeSpan(late) : null,
    };

    public static V1.VendorIncident ToWire(Domain.Incidents.VendorIncidentView view) => new()
    {
        Id = view.Id,
        Title = view.Title,
        ServiceId = view.ServiceId,
        Status = WireMapping.ToWire(view.Status),
        Severity = BusinessUnitWireMapping.ToWire(view.Severity),
        State = view.State,
        OpenedAt = Timestamp.FromDateTimeOffset(view.OpenedAt),
        ResolvedAt = WireMapping.ToWire(view.ResolvedAt),
        Engagement = ToWire(view.Engagement),
    };
}
