using System.Collections.Immutable;
using IncidentActors.BusinessUnits;

namespace IncidentActors.Incidents;

/// <summary>
/// A report owed to a regulator under one of the incident's regulatory tags, and the evidence of what was sent.
/// Taken from the tag as it was when the incident was tagged; a clock waiting for its trigger has no
/// <see cref="StartedAt"/> yet. Its owners are nagged at half and nine tenths of the window until a report is delivered.
/// </summary>
/// <param name="Number">1-based, in the order the incident's clocks were taken on; names its deadline.</param>
/// <param name="Nags">How many of the two nags were sent.</param>
/// <param name="Approval">An approver's approval of a report text, which a submission of that same text needs.</param>
[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.RegulatoryClock")]
public sealed record RegulatoryClock(
    [property: Id(0)] int Number,
    [property: Id(1)] string Tag,
    [property: Id(2)] string Name,
    [property: Id(3)] ClockTrigger StartsOn,
    [property: Id(4)] TimeSpan? Within,
    [property: Id(5)] int? BusinessDays,
    [property: Id(6)] string TimeZone,
    [property: Id(7)] ImmutableArray<string> Owners,
    [property: Id(8)] DateTimeOffset? StartedAt = null,
    [property: Id(9)] DateTimeOffset? Due = null,
    [property: Id(10)] int Nags = 0,
    [property: Id(11)] DateTimeOffset? MissedAt = null,
    [property: Id(12)] ReportApproval? Approval = null,
    [property: Id(13)] RegulatorySubmission? Submission = null)
{
    /// <summary>Reported: a submission reached the regulator. Nags and the deadline stop then.</summary>
    public bool Reported => Submission?.Delivery.Delivered == true;
}

/// <summary>One of the unit's approvers approved this text (by its SHA-256) for the clock.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.ReportApproval")]
public sealed record ReportApproval(
    [property: Id(0)] string Sha256,
    [property: Id(1)] string ApprovedBy,
    [property: Id(2)] DateTimeOffset ApprovedAt);

/// <summary>
/// The evidence of a report: its text and SHA-256, who submitted and who approved it, when, what the regulator's
/// endpoint answered, and the regulator's acknowledgement once recorded. <see cref="UpdateNumber"/> when the text is
/// a published regulators' communications update.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.RegulatorySubmission")]
public sealed record RegulatorySubmission(
    [property: Id(0)] string Text,
    [property: Id(1)] string Sha256,
    [property: Id(2)] string SubmittedBy,
    [property: Id(3)] string ApprovedBy,
    [property: Id(4)] DateTimeOffset SubmittedAt,
    [property: Id(5)] RegulatorDelivery Delivery,
    [property: Id(6)] int? UpdateNumber = null,
    [property: Id(7)] RegulatorAcknowledgement? Acknowledgement = null);

/// <summary>What the regulator's endpoint answered: its HTTP status and reference, or why delivery failed.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.RegulatorDelivery")]
public sealed record RegulatorDelivery(
    [property: Id(0)] bool Delivered,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] int? HttpStatus,
    [property: Id(3)] string? Reference,
    [property: Id(4)] string? Error);

/// <summary>The regulator acknowledged the report under its reference, as recorded by an owner or approver.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.RegulatorAcknowledgement")]
public sealed record RegulatorAcknowledgement(
    [property: Id(0)] string Reference,
    [property: Id(1)] string RecordedBy,
    [property: Id(2)] DateTimeOffset At);
