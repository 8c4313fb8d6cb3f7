using System.Collections.Immutable;
using Google.Protobuf.WellKnownTypes;
using Domain = IncidentActors;
using V1 = IncidentActors.Api.V1;

namespace IncidentActors.GrpcFrontend.Services;

/// <summary>
/// Maps business units, lifecycle models, severity and impact between the wire and the domain.
/// An unspecified wire enum becomes a value the domain's validation rejects with its own message.
/// </summary>
internal static class BusinessUnitWireMapping
{
    private const int Unspecified = -1;

    public static Domain.BusinessUnits.BusinessUnitDefinition ToDomain(V1.BusinessUnit unit) => new(
        unit.Id,
        unit.Name,
        unit.HomeRegion,
        unit.LifecycleCase switch
        {
            V1.BusinessUnit.LifecycleOneofCase.StandardLifecycle => unit.StandardLifecycle switch
            {
                V1.StandardLifecycle.Itil => Domain.BusinessUnits.BusinessUnitDefaults.Itil,
                V1.StandardLifecycle.Sre => Domain.BusinessUnits.BusinessUnitDefaults.Sre,
                _ => null!,
            },
            V1.BusinessUnit.LifecycleOneofCase.CustomLifecycle => new(
                unit.CustomLifecycle.Name,
                [.. unit.CustomLifecycle.States.Select(s => new Domain.BusinessUnits.LifecycleState(s.Name, ToDomain(s.Phase), s.NeedsReview,
                    s.PublicStatus == V1.PublicStatus.Unspecified ? null : (Domain.Communications.PublicStatus)((int)s.PublicStatus - 1)))],
                [.. unit.CustomLifecycle.Transitions.Select(t => new Domain.BusinessUnits.LifecycleTransition(t.From, t.To))]),
            _ => null!,
        },
        unit.SeverityMatrix is null
            ? Domain.BusinessUnits.BusinessUnitDefaults.StandardMatrix
            : new([.. unit.SeverityMatrix.Rows.Select(r => r.Severities.Select(ToDomain).ToImmutableArray())]),
        [.. unit.RegulatoryTags.Select(RegulatoryWireMapping.ToDomain)],
        [.. unit.TimeLimits.Select(l => new Domain.BusinessUnits.ResponseTimeLimit(ToDomain(l.Severity), ToDomain(l.Duty), l.Within?.ToTimeSpan() ?? TimeSpan.Zero))],
        [.. unit.MajorIncidentStakeholders],
        unit.Retention is null ? null : new(unit.Retention.ArchiveAfterDays, unit.Retention.DeleteArchivedAfterDays),
        unit.MetricTargets is null ? null : new(
            [.. unit.MetricTargets.Severities.Select(t => new Domain.BusinessUnits.SeverityTarget(ToDomain(t.Severity),
                t.AcknowledgeWithin?.ToTimeSpan() ?? TimeSpan.Zero, t.ResolveWithin?.ToTimeSpan() ?? TimeSpan.Zero))],
            unit.MetricTargets.MttrBreachPeriods == 0 ? 2 : unit.MetricTargets.MttrBreachPeriods,
            unit.MetricTargets.ReviewRecurrences),
        unit.Communications is null ? null : new(
            new([.. unit.Communications.ApproverPeople], [.. unit.Communications.ApproverGroups]),
            new([.. unit.Communications.SpokespersonPeople], [.. unit.Communications.SpokespersonGroups]),
            [.. unit.Communications.UpdateIntervals.Select(i => new Domain.Communications.UpdateInterval(ToDomain(i.Severity), i.Every?.ToTimeSpan() ?? TimeSpan.Zero))],
            [.. unit.Communications.ReadConfirmations.Select(c => new Domain.Communications.ReadConfirmation(
                (Domain.Communications.UpdateAudience)((int)c.Audience - 1), ToDomain(c.MinimumSeverity),
                c.Within?.ToTimeSpan() ?? TimeSpan.Zero, c.EscalateAfter?.ToTimeSpan() ?? TimeSpan.Zero))]));

    public static V1.BusinessUnit ToWire(Domain.BusinessUnits.BusinessUnitDefinition unit)
    {
        var wire = new V1.BusinessUnit
        {
            Id = unit.Id,
            Name = unit.Name,
            HomeRegion = unit.HomeRegion,
            SeverityMatrix = new V1.SeverityMatrix(),
        };
        if (unit.Lifecycle == Domain.BusinessUnits.BusinessUnitDefaults.Itil)
        {
            wire.StandardLifecycle = V1.StandardLifecycle.Itil;
        }
        else if (unit.Lifecycle == Domain.BusinessUnits.BusinessUnitDefaults.Sre)
        {
            wire.StandardLifecycle = V1.StandardLifecycle.Sre;
        }
        else
        {
            wire.CustomLifecycle = new V1.LifecycleModel { Name = unit.Lifecycle.Name };
            wire.CustomLifecycle.States.AddRange(unit.Lifecycle.States.Select(s => new V1.LifecycleState
            {
                Name = s.Name, Phase = ToWire(s.Phase), NeedsReview = s.NeedsReview,
                PublicStatus = s.PublicStatus is { } shown ? ToWire(shown) : V1.PublicStatus.Unspecified,
            }));
            wire.CustomLifecycle.Transitions.AddRange(unit.Lifecycle.Transitions.Select(t => new V1.LifecycleTransition { From = t.From, To = t.To }));
        }
        foreach (var row in unit.Severity.Rows)
        {
            var wireRow = new V1.SeverityRow();
            wireRow.Severities.AddRange(row.Select(ToWire));
            wire.SeverityMatrix.Rows.Add(wireRow);
        }
        wire.RegulatoryTags.AddRange(unit.RegulatoryTags.Select(RegulatoryWireMapping.ToWire));
        wire.MajorIncidentStakeholders.AddRange(unit.MajorIncidentStakeholders.IsDefault ? [] : unit.MajorIncidentStakeholders);
        wire.TimeLimits.AddRange(unit.TimeLimits.Select(l => new V1.ResponseTimeLimit
        {
            Severity = ToWire(l.Severity),
            Duty = (V1.ResponseDuty)((int)l.Duty + 1),
            Within = Duration.FromTimeSpan(l.Within),
        }));
        if (unit.Retention is { } retention)
        {
            wire.Retention = new V1.Retention { ArchiveAfterDays = retention.ArchiveAfterDays, DeleteArchivedAfterDays = retention.DeleteAfterDays };
        }
        if (unit.Targets is { } targets)
        {
            wire.MetricTargets = new V1.MetricTargets { MttrBreachPeriods = targets.MttrBreachPeriods, ReviewRecurrences = targets.ReviewRecurrences };
            wire.MetricTargets.Severities.AddRange((targets.Severities.IsDefault ? [] : targets.Severities).Select(t => new V1.SeverityTarget
            {
                Severity = ToWire(t.Severity),
                AcknowledgeWithin = Duration.FromTimeSpan(t.AcknowledgeWithin),
                ResolveWithin = Duration.FromTimeSpan(t.ResolveWithin),
            }));
        }
        if (unit.Communications is { } communications)
        {
            wire.Communications = new V1.CommunicationsPolicy
            {
                ApproverPeople = { communications.Approvers.People },
                ApproverGroups = { communications.Approvers.Groups },
                SpokespersonPeople = { communications.Spokespersons.People },
                SpokespersonGroups = { communications.Spokespersons.Groups },
                UpdateIntervals = { communications.Intervals.Select(i => new V1.UpdateInterval { Severity = ToWire(i.Severity), Every = Duration.FromTimeSpan(i.Every) }) },
                ReadConfirmations =
                {
                    (communications.ReadConfirmations.IsDefault ? [] : communications.ReadConfirmations).Select(c => new V1.ReadConfirmationRule
                    {
                        Audience = (V1.UpdateAudience)((int)c.Audience + 1), MinimumSeverity = ToWire(c.MinimumSeverity),
                        Within = Duration.FromTimeSpan(c.Within), EscalateAfter = Duration.FromTimeSpan(c.EscalateAfter),
                    }),
                },
            };
        }
        return wire;
    }

    public static V1.LegalHold? ToWire(Domain.Audit.LegalHold? hold) => hold is null ? null : new V1.LegalHold
    {
        Reason = hold.Reason,
        PlacedBy = hold.PlacedBy,
        PlacedAt = Timestamp.FromDateTimeOffset(hold.PlacedAt),
    };

    public static Domain.BusinessUnits.BusinessImpact ToDomain(V1.BusinessImpact impact) =>
        impact == V1.BusinessImpact.Unspecified ? (Domain.BusinessUnits.BusinessImpact)Unspecified : (Domain.BusinessUnits.BusinessImpact)((int)impact - 1);

    public static Domain.BusinessUnits.Urgency ToDomain(V1.Urgency urgency) =>
        urgency == V1.Urgency.Unspecified ? (Domain.BusinessUnits.Urgency)Unspecified : (Domain.BusinessUnits.Urgency)((int)urgency - 1);

    public static V1.ImpactAssessment? ToWire(Domain.Incidents.ImpactAssessment? assessment) => assessment is null ? null : new()
    {
        Impact = ToWire(assessment.Impact),
        Urgency = ToWire(assessment.Urgency),
        Severity = ToWire(assessment.Severity),
        AssessedBy = assessment.AssessedBy,
        AssessedAt = Timestamp.FromDateTimeOffset(assessment.AssessedAt),
        Note = assessment.Note ?? "",
    };

    public static Domain.Incidents.IncidentRole ToDomain(V1.IncidentRole role) =>
        role == V1.IncidentRole.Unspecified ? (Domain.Incidents.IncidentRole)Unspecified : (Domain.Incidents.IncidentRole)((int)role - 1);

    public static V1.RoleAssignment ToWire(Domain.Incidents.RoleAssignment assignment) => new()
    {
        Role = (V1.IncidentRole)((int)assignment.Role + 1),
        ResponderId = assignment.ResponderId,
        Since = Timestamp.FromDateTimeOffset(assignment.Since),
        AssignedBy = assignment.AssignedBy,
    };

    public static V1.DutyClock ToWire(Domain.Incidents.DutyClock clock) => new()
    {
        Duty = (V1.ResponseDuty)((int)clock.Duty + 1),
        Due = Timestamp.FromDateTimeOffset(clock.Due),
        Misses = clock.Misses,
    };

    private static Domain.BusinessUnits.ResponseDuty ToDomain(V1.ResponseDuty duty) =>
        duty == V1.ResponseDuty.Unspecified ? (Domain.BusinessUnits.ResponseDuty)Unspecified : (Domain.BusinessUnits.ResponseDuty)((int)duty - 1);

    public static V1.Lifecycle ToWire(Domain.Incidents.LifecycleView lifecycle) => new()
    {
        Model = lifecycle.Model,
        State = lifecycle.State,
        Next = { lifecycle.Next },
    };

    private static Domain.BusinessUnits.LifecyclePhase ToDomain(V1.LifecyclePhase phase) =>
        phase == V1.LifecyclePhase.Unspecified ? (Domain.BusinessUnits.LifecyclePhase)Unspecified : (Domain.BusinessUnits.LifecyclePhase)((int)phase - 1);

    private static V1.LifecyclePhase ToWire(Domain.BusinessUnits.LifecyclePhase phase) => (V1.LifecyclePhase)((int)phase + 1);

    public static V1.PublicStatus ToWire(Domain.Communications.PublicStatus status) => (V1.PublicStatus)((int)status + 1);

    public static Domain.BusinessUnits.IncidentSeverity ToDomain(V1.IncidentSeverity severity) => (Domain.BusinessUnits.IncidentSeverity)(int)severity;

    public static V1.IncidentSeverity ToWire(Domain.BusinessUnits.IncidentSeverity severity) => (V1.IncidentSeverity)(int)severity;

    public static ImmutableArray<Domain.BusinessUnits.ClassificationRule> ToDomain(IEnumerable<V1.ClassificationRule> rules) =>
    [
        .. rules.Select(r => new Domain.BusinessUnits.ClassificationRule(r.Name, r.Category, ToDomain(r.Urgency),
            [.. r.When.Select(c => new Domain.BusinessUnits.RuleCondition(c.Field, c.Pattern))])),
    ];

    public static V1.ClassificationRules ToWire(string businessUnitId, Domain.BusinessUnits.ClassificationRules rules) => new()
    {
        BusinessUnitId = businessUnitId,
        Version = rules.Version,
        PublishedAt = rules.Version == 0 ? null : Timestamp.FromDateTimeOffset(rules.PublishedAt),
        PublishedBy = rules.PublishedBy,
        Rules =
        {
            rules.Rules.Select(r => new V1.ClassificationRule
            {
                Name = r.Name,
                Category = r.Category,
                Urgency = ToWire(r.Urgency),
                When = { r.When.Select(c => new V1.RuleCondition { Field = c.Field, Pattern = c.Pattern }) },
            }),
        },
    };

    public static V1.Classification? ToWire(Domain.Incidents.Classification? classification) => classification is null ? null : new()
    {
        RuleName = classification.RuleName,
        RulesVersion = classification.RulesVersion,
        Category = classification.Category,
        Urgency = ToWire(classification.Urgency),
        Impact = ToWire(classification.Impact),
        Severity = ToWire(classification.Severity),
    };

    public static V1.BusinessImpact ToWire(Domain.BusinessUnits.BusinessImpact impact) => (V1.BusinessImpact)((int)impact + 1);

    public static V1.Urgency ToWire(Domain.BusinessUnits.Urgency urgency) => (V1.Urgency)((int)urgency + 1);
}
