using Google.Protobuf.WellKnownTypes;
using Domain = IncidentActors;
using V1 = IncidentActors.Api.V1;

namespace IncidentActors.GrpcFrontend.Services;

/// <summary>Regulatory tags' reporting deadlines and incidents' reporting clocks on the wire.</summary>
internal static class RegulatoryWireMapping
{
    /// <summary>What a regulator endpoint's secret reads back as; sent back with the same URL, it keeps the stored one.</summary>
    public const string MaskedSecret = "********";

    public static Domain.BusinessUnits.RegulatoryTag ToDomain(V1.RegulatoryTag tag) => new(
        tag.Tag,
        [.. tag.Stakeholders],
        [.. tag.Deadlines.Select(d => new Domain.BusinessUnits.ReportingDeadline(d.Name, d.Within?.ToTimeSpan(), d.BusinessDays == 0 ? null : d.BusinessDays,
            // Unspecified becomes a value no trigger has, which validation names.
            (Domain.BusinessUnits.ClockTrigger)((int)d.StartsOn - 1), [.. d.Owners]))],
        WireMapping.Optional(tag.TimeZone),
        tag.Regulator is { } r ? new Domain.BusinessUnits.RegulatorEndpoint(r.Url, r.Secret == MaskedSecret ? "" : r.Secret) : null);

    public static V1.RegulatoryTag ToWire(Domain.BusinessUnits.RegulatoryTag tag) => new()
    {
        Tag = tag.Tag,
        Stakeholders = { tag.Stakeholders },
        Deadlines =
        {
            (tag.Deadlines.IsDefault ? [] : tag.Deadlines).Select(d => new V1.ReportingDeadline
            {
                Name = d.Name,
                Within = d.Within is { } within ? Duration.FromTimeSpan(within) : null,
                BusinessDays = d.BusinessDays ?? 0,
                StartsOn = ToWire(d.StartsOn),
                Owners = { d.Owners },
            }),
        },
        TimeZone = tag.TimeZone ?? "",
        Regulator = tag.Regulator is { } r ? new V1.RegulatorEndpoint { Url = r.Url, Secret = MaskedSecret } : null,
    };

    public static V1.RegulatoryClock ToWire(Domain.Incidents.RegulatoryClock clock) => new()
    {
        Number = clock.Number,
        Tag = clock.Tag,
        Name = clock.Name,
        StartsOn = ToWire(clock.StartsOn),
        Within = clock.Within is { } within ? Duration.FromTimeSpan(within) : null,
        BusinessDays = clock.BusinessDays ?? 0,
        TimeZone = clock.TimeZone,
        Owners = { clock.Owners },
        StartedAt = WireMapping.Optional(clock.StartedAt),
        Due = WireMapping.Optional(clock.Due),
        Nags = clock.Nags,
        MissedAt = WireMapping.Optional(clock.MissedAt),
        Approval = clock.Approval is { } a
            ? new V1.ReportApproval { Sha256 = a.Sha256, ApprovedBy = a.ApprovedBy, ApprovedAt = Timestamp.FromDateTimeOffset(a.ApprovedAt) }
            : null,
        Submission = clock.Submission is { } s ? ToWire(s) : null,
        Reported = clock.Reported,
    };

    private static V1.RegulatorySubmission ToWire(Domain.Incidents.RegulatorySubmission s) => new()
    {
        Text = s.Text,
        Sha256 = s.Sha256,
        SubmittedBy = s.SubmittedBy,
        ApprovedBy = s.ApprovedBy,
        SubmittedAt = Timestamp.FromDateTimeOffset(s.SubmittedAt),
        Delivery = new V1.RegulatorDelivery
        {
            Delivered = s.Delivery.Delivered,
            At = Timestamp.FromDateTimeOffset(s.Delivery.At),
            HttpStatus = s.Delivery.HttpStatus ?? 0,
            Reference = s.Delivery.Reference ?? "",
            Error = s.Delivery.Error ?? "",
        },
        UpdateNumber = s.UpdateNumber ?? 0,
        Acknowledgement = s.Acknowledgement is { } ack
            ? new V1.RegulatorAcknowledgement { Reference = ack.Reference, RecordedBy = ack.RecordedBy, At = Timestamp.FromDateTimeOffset(ack.At) }
            : null,
    };

    private static V1.ClockTrigger ToWire(Domain.BusinessUnits.ClockTrigger trigger) => (V1.ClockTrigger)((int)trigger + 1);
}
