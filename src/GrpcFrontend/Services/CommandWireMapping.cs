using Google.Protobuf.WellKnownTypes;
using Domain = IncidentActors;
using V1 = IncidentActors.Api.V1;

namespace IncidentActors.GrpcFrontend.Services;

/// <summary>Maps major incidents and enterprise-wide events between the wire and the domain.</summary>
internal static class CommandWireMapping
{
    private const int Unspecified = -1;

    public static Domain.Incidents.MajorIncidentCriterion ToDomain(V1.MajorIncidentCriterion criterion) =>
        criterion == V1.MajorIncidentCriterion.Unspecified ? (Domain.Incidents.MajorIncidentCriterion)Unspecified : (Domain.Incidents.MajorIncidentCriterion)((int)criterion - 1);

    public static Domain.Incidents.RestorationEvidence ToDomain(V1.RestorationEvidence evidence) =>
        evidence == V1.RestorationEvidence.Unspecified ? (Domain.Incidents.RestorationEvidence)Unspecified : (Domain.Incidents.RestorationEvidence)((int)evidence - 1);

    public static V1.MajorIncident? ToWire(Domain.Incidents.MajorIncident? major)
    {
        if (major is null)
        {
            return null;
        }
        var wire = new V1.MajorIncident
        {
            Criterion = (V1.MajorIncidentCriterion)((int)major.Criterion + 1),
            DeclaredBy = major.DeclaredBy,
            DeclaredAt = Timestamp.FromDateTimeOffset(major.DeclaredAt),
            Bridge = major.Bridge,
            Participants = { major.Participants },
            NotifiedStakeholders = { major.NotifiedStakeholders },
            Restoration = ToWire(major.Restoration),
            DeescalatedAt = major.DeescalatedAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
            DeescalatedBy = major.DeescalatedBy ?? "",
        };
        wire.Confirmations.AddRange(major.Confirmations.Select(c => new V1.StakeholderConfirmation
        {
            StakeholderId = c.StakeholderId,
            At = Timestamp.FromDateTimeOffset(c.At),
        }));
        return wire;
    }

    public static V1.RestorationVerification? ToWire(Domain.Incidents.RestorationVerification? restoration) => restoration is null ? null : new()
    {
        Evidence = (V1.RestorationEvidence)((int)restoration.Evidence + 1),
        Detail = restoration.Detail,
        VerifiedBy = restoration.VerifiedBy,
        At = Timestamp.FromDateTimeOffset(restoration.At),
    };

    public static V1.EnterpriseEvent ToWire(Domain.Command.EnterpriseEventView view)
    {
        var wire = new V1.EnterpriseEvent
        {
            Id = view.Id,
            Title = view.Title,
            Commander = view.Commander,
            OpenedAt = Timestamp.FromDateTimeOffset(view.OpenedAt),
            ClosedAt = view.ClosedAt is { } closed ? Timestamp.FromDateTimeOffset(closed) : null,
            Severity = view.Severity is { } severity ? BusinessUnitWireMapping.ToWire(severity) : V1.IncidentSeverity.Unspecified,
        };
        wire.Children.AddRange(view.Children.Select(c => new V1.EventChild
        {
            IncidentId = c.IncidentId,
            BusinessUnitId = c.BusinessUnitId,
            CentralCommand = c.Status == Domain.Command.EventChildStatus.CentralCommand,
            Since = Timestamp.FromDateTimeOffset(c.Since),
        }));
        wire.Updates.AddRange(view.Communications.Select(c => new V1.EventUpdate { Message = c.Message, By = c.By, At = Timestamp.FromDateTimeOffset(c.At) }));
        wire.Timeline.AddRange(view.Timeline.Select(WireMapping.ToWire));
        wire.CentralUpdates.AddRange((view.Updates.IsDefault ? [] : view.Updates).Select(u => new V1.CentralUpdate
        {
            Number = u.Number,
            Audience = (V1.UpdateAudience)((int)u.Audience + 1),
            Subject = u.Subject,
            Body = u.Body,
            Status = (V1.UpdateStatus)((int)u.Status + 1),
            DraftedBy = u.DraftedBy,
            DraftedAt = Timestamp.FromDateTimeOffset(u.DraftedAt),
            ApprovedBy = u.ApprovedBy ?? "",
            ApprovedAt = u.ApprovedAt is { } approved ? Timestamp.FromDateTimeOffset(approved) : null,
            PublishedBy = u.PublishedBy ?? "",
            PublishedAt = u.PublishedAt is { } published ? Timestamp.FromDateTimeOffset(published) : null,
            PendingIncidents = { u.Pending.IsDefault ? [] : u.Pending },
            DeliveredIncidents = { u.Delivered.IsDefault ? [] : u.Delivered },
        }));
        wire.CentralRotationId = view.CentralRotationId ?? "";
        if (view.PendingCentralHandover is { } pending)
        {
            wire.PendingCentralHandover = new V1.PendingCentralHandover
            {
                RotationId = pending.RotationId,
                Region = pending.Region ?? "",
                OutgoingCommander = pending.OutgoingCommander,
                IncomingCommander = pending.IncomingCommander,
                Boundary = Timestamp.FromDateTimeOffset(pending.Boundary),
                AcceptBy = Timestamp.FromDateTimeOffset(pending.AcceptBy),
            };
        }
        return wire;
    }

    public static V1.EventProposal ToWire(Domain.Command.EventProposal proposal)
    {
        var wire = new V1.EventProposal { Id = proposal.Id, ProposedAt = Timestamp.FromDateTimeOffset(proposal.ProposedAt) };
        wire.Incidents.AddRange(proposal.Incidents.Select(n => new V1.ProposedIncident
        {
            IncidentId = n.IncidentId,
            BusinessUnitId = n.BusinessUnitId,
            Title = n.Title,
            DeclaredAt = Timestamp.FromDateTimeOffset(n.DeclaredAt),
        }));
        return wire;
    }
}
