using System.Collections.Immutable;
using IncidentActors.Communications;
using IncidentActors.Errors;
using IncidentActors.Services;

namespace IncidentActors.BusinessUnits;

/// <summary>What makes a business unit's local policy usable by the shared process.</summary>
public static class BusinessUnitValidator
{
    public const int MaxStates = 20;
    public const int MaxTransitions = 100;
    public const int MaxRegulatoryTags = 20;
    public const int MaxStakeholdersPerTag = 20;
    public const int MaxMajorIncidentStakeholders = 50;
    public const int MaxReportingDeadlinesPerTag = 10;
    public const int MaxBusinessDays = 60;
    public static readonly TimeSpan MaxReportingWindow = TimeSpan.FromDays(90);
    public static readonly TimeSpan MinTimeLimit = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxTimeLimit = TimeSpan.FromDays(7);

    /// <summary>A century: anything longer is "keep", which 0 says.</summary>
    public const int MaxRetentionDays = 36_500;
    public const int MaxMttrBreachPeriods = 12;
    public static readonly TimeSpan MaxResolveTarget = TimeSpan.FromDays(90);

    public static void Validate(string key, BusinessUnitDefinition unit)
    {
        var violations = ImmutableArray.CreateBuilder<FieldViolation>();
        AlertValidator.Identifier(violations, "id", unit.Id, required: true);
        if (unit.Id != key)
        {
            violations.Add(new("id", $"'{unit.Id}' does not match the business unit addressed, '{key}'."));
        }
        AlertValidator.Text(violations, "name", unit.Name, AlertValidator.MaxIdLength, required: true);
        AlertValidator.Identifier(violations, "home_region", unit.HomeRegion, required: true);
        if (unit.Lifecycle is null)
        {
            violations.Add(new("lifecycle", "is required: itil, sre or a custom model."));
        }
        else
        {
            ValidateLifecycle(violations, unit.Lifecycle);
        }
        ValidateMatrix(violations, unit.Severity);
        ValidateTags(violations, unit.RegulatoryTags);
        ValidateTimeLimits(violations, unit.TimeLimits);
        ValidateStakeholders(violations, unit.MajorIncidentStakeholders);
        ValidateRetention(violations, unit.Retention);
        ValidateTargets(violations, unit.Targets);
        ValidateCommunications(violations, unit.Communications);
        if (violations.Count > 0)
        {
            throw new InvalidRequestException(violations.ToImmutable());
        }
    }

    private static void ValidateCommunications(ImmutableArray<FieldViolation>.Builder violations, Communications.CommunicationsPolicy? policy)
    {
        if (policy is null)
        {
            return;
        }
        var intervals = policy.Intervals.IsDefault ? [] : policy.Intervals;
        for (var i = 0; i < intervals.Length; i++)
        {
            if (!Enum.IsDefined(intervals[i].Severity))
            {
                violations.Add(new($"communications.update_intervals[{i}].severity", "must be SEV1 to SEV4."));
            }
            if (intervals[i].Every < MinTimeLimit || intervals[i].Every > MaxTimeLimit)
            {
                violations.Add(new($"communications.update_intervals[{i}].every", $"must be between {MinTimeLimit} and {MaxTimeLimit}."));
            }
        }
        foreach (var duplicate in intervals.GroupBy(i => i.Severity).Where(g => g.Count() > 1))
        {
            violations.Add(new("communications.update_intervals", $"{duplicate.Key} has {duplicate.Count()} intervals."));
        }
        var confirmations = policy.ReadConfirmations.IsDefault ? [] : policy.ReadConfirmations;
        for (var i = 0; i < confirmations.Length; i++)
        {
            var field = $"communications.read_confirmations[{i}]";
            if (!Enum.IsDefined(confirmations[i].Audience))
            {
                violations.Add(new($"{field}.audience", "must be an audience."));
            }
            if (!Enum.IsDefined(confirmations[i].MinimumSeverity))
            {
                violations.Add(new($"{field}.minimum_severity", "must be SEV1 to SEV4."));
            }
            if (confirmations[i].Within < MinTimeLimit || confirmations[i].Within > MaxTimeLimit)
            {
                violations.Add(new($"{field}.within", $"must be between {MinTimeLimit} and {MaxTimeLimit}."));
            }
            if (confirmations[i].EscalateAfter < MinTimeLimit || confirmations[i].EscalateAfter > MaxTimeLimit)
            {
                violations.Add(new($"{field}.escalate_after", $"must be between {MinTimeLimit} and {MaxTimeLimit}."));
            }
        }
    }

    private static void ValidateRetention(ImmutableArray<FieldViolation>.Builder violations, RetentionPolicy? retention)
    {
        if (retention is null)
        {
            return;
        }
        if (retention.ArchiveAfterDays is < 0 or > MaxRetentionDays)
        {
            violations.Add(new("retention.archive_after_days", $"must be 0 (keep) to {MaxRetentionDays}."));
        }
        if (retention.DeleteAfterDays is < 0 or > MaxRetentionDays)
        {
            violations.Add(new("retention.delete_archived_after_days", $"must be 0 (keep) to {MaxRetentionDays}."));
        }
        else if (retention.DeleteAfterDays > 0 && (retention.ArchiveAfterDays <= 0 || retention.DeleteAfterDays <= retention.ArchiveAfterDays))
        {
            violations.Add(new("retention.delete_archived_after_days", "deletes archives, so it must come after archive_after_days, which must be set."));
        }
    }

    private static void ValidateLifecycle(ImmutableArray<FieldViolation>.Builder violations, LifecycleModel model)
    {
        // The model's own questions (Allows, NextIn) read its transitions: none given are none.
        model = model.Transitions.IsDefault ? model with { Transitions = [] } : model;
        AlertValidator.Identifier(violations, "lifecycle.name", model.Name, required: true);
        if (model.States.IsDefaultOrEmpty || model.States.Length < 2 || model.States.Length > MaxStates)
        {
            violations.Add(new("lifecycle.states", $"must hold 2 to {MaxStates} states."));
            return;
        }
        for (var i = 0; i < model.States.Length; i++)
        {
            AlertValidator.Identifier(violations, $"lifecycle.states[{i}].name", model.States[i].Name, required: true);
            if (!Enum.IsDefined(model.States[i].Phase))
            {
                violations.Add(new($"lifecycle.states[{i}].phase", "is not a known phase."));
            }
            // A review follows resolution, and resolving is automatic: only a closing state can wait for one.
            if (model.States[i].NeedsReview && model.States[i].Phase != LifecyclePhase.Closed)
            {
                violations.Add(new($"lifecycle.states[{i}].needs_review", "only a state of the closed phase can need a review."));
            }
            if (model.States[i].PublicStatus is { } shown && (!Enum.IsDefined(shown)
                || (shown == PublicStatus.Resolved) != (model.States[i].Phase is LifecyclePhase.Resolved or LifecyclePhase.Closed)))
            {
                violations.Add(new($"lifecycle.states[{i}].public_status", "is resolved exactly for the states of the resolved and closed phases."));
            }
        }
        foreach (var duplicate in model.States.GroupBy(s => s.Name).Where(g => g.Count() > 1))
        {
            violations.Add(new("lifecycle.states", $"'{duplicate.Key}' is declared {duplicate.Count()} times."));
        }
        if (model.Initial.Phase != LifecyclePhase.Open)
        {
            violations.Add(new("lifecycle.states[0]", $"'{model.Initial.Name}' is where incidents start, so its phase must be open."));
        }
        var transitions = model.Transitions;
        if (transitions.Length > MaxTransitions)
        {
            violations.Add(new("lifecycle.transitions", $"holds {transitions.Length}; at most {MaxTransitions}."));
            return;
        }
        for (var i = 0; i < transitions.Length; i++)
        {
            var t = transitions[i];
            foreach (var (end, name) in new[] { ("from", t.From), ("to", t.To) }.Where(e => model.State(e.Item2) is null))
            {
                violations.Add(new($"lifecycle.transitions[{i}].{end}", $"'{name}' is not a state of the model."));
            }
            if (t.From == t.To)
            {
                violations.Add(new($"lifecycle.transitions[{i}]", $"'{t.From}' cannot move to itself."));
            }
            else if (model.State(t.From) is { Phase: LifecyclePhase.Closed })
            {
                violations.Add(new($"lifecycle.transitions[{i}]", $"'{t.From}' is closed: a closed incident does not move again."));
            }
            else if (model.State(t.To) is { Phase: LifecyclePhase.Open } && model.State(t.From) is { Phase: not LifecyclePhase.Open })
            {
                violations.Add(new($"lifecycle.transitions[{i}]", $"'{t.To}' is open: an acknowledged incident does not become unacknowledged; reassign it instead."));
            }
            else if (model.State(t.To) is { Phase: LifecyclePhase.Closed } && model.State(t.From) is { Phase: not LifecyclePhase.Resolved })
            {
                violations.Add(new($"lifecycle.transitions[{i}]", $"'{t.To}' is closed: an incident closes only from a resolved state."));
            }
        }
        if (model.NextIn(model.Initial.Name, LifecyclePhase.Acknowledged) is null)
        {
            violations.Add(new("lifecycle.transitions", $"'{model.Initial.Name}' needs a transition to an acknowledged state: acknowledging is what stops escalation."));
        }
        foreach (var state in model.States.Where(s => s.Phase < LifecyclePhase.Resolved && model.NextIn(s.Name, LifecyclePhase.Resolved) is null))
        {
            violations.Add(new("lifecycle.transitions", $"'{state.Name}' needs a transition to a resolved state: monitoring may resolve an incident at any time."));
        }
    }

    private static void ValidateMatrix(ImmutableArray<FieldViolation>.Builder violations, SeverityMatrix? matrix)
    {
        if (matrix is null || matrix.Rows.IsDefault || matrix.Rows.Length != SeverityMatrix.Size
            || matrix.Rows.Any(r => r.IsDefault || r.Length != SeverityMatrix.Size))
        {
            violations.Add(new("severity_matrix", $"must have {SeverityMatrix.Size} rows (impact: extensive, significant, moderate, minor) " +
                $"of {SeverityMatrix.Size} severities (urgency: critical, high, medium, low)."));
            return;
        }
        for (var row = 0; row < SeverityMatrix.Size; row++)
        {
            for (var column = 0; column < SeverityMatrix.Size; column++)
            {
                var severity = matrix.Rows[row][column];
                if (!Enum.IsDefined(severity))
                {
                    violations.Add(new($"severity_matrix[{row}][{column}]", "must be SEV1 to SEV4."));
                }
                else if ((row > 0 && severity < matrix.Rows[row - 1][column]) || (column > 0 && severity < matrix.Rows[row][column - 1]))
                {
                    violations.Add(new($"severity_matrix[{row}][{column}]",
                        $"is {severity}, worse than for a wider impact or a higher urgency: severity must not rise as impact narrows or urgency falls."));
                }
            }
        }
    }

    private static void ValidateTargets(ImmutableArray<FieldViolation>.Builder violations, MetricTargets? targets)
    {
        if (targets is null)
        {
            return;
        }
        if (targets.MttrBreachPeriods is < 1 or > MaxMttrBreachPeriods)
        {
            violations.Add(new("metric_targets.mttr_breach_periods", $"must be 1 to {MaxMttrBreachPeriods} weeks."));
        }
        var severities = targets.Severities.IsDefault ? [] : targets.Severities;
        for (var i = 0; i < severities.Length; i++)
        {
            var target = severities[i];
            if (!Enum.IsDefined(target.Severity))
            {
                violations.Add(new($"metric_targets.severities[{i}].severity", "must be SEV1 to SEV4."));
            }
            if (target.AcknowledgeWithin <= TimeSpan.Zero || target.AcknowledgeWithin > MaxTimeLimit)
            {
                violations.Add(new($"metric_targets.severities[{i}].acknowledge_within", $"must be more than 0 and at most {MaxTimeLimit}."));
            }
            if (target.ResolveWithin < target.AcknowledgeWithin || target.ResolveWithin > MaxResolveTarget)
            {
                violations.Add(new($"metric_targets.severities[{i}].resolve_within", $"must be at least acknowledge_within and at most {MaxResolveTarget}."));
            }
        }
        foreach (var duplicate in severities.GroupBy(t => t.Severity).Where(g => g.Count() > 1))
        {
            violations.Add(new("metric_targets.severities", $"{duplicate.Key} has {duplicate.Count()} targets; give one."));
        }
    }

    private static void ValidateTimeLimits(ImmutableArray<FieldViolation>.Builder violations, ImmutableArray<ResponseTimeLimit> limits)
    {
        if (limits.IsDefault)
        {
            return;
        }
        for (var i = 0; i < limits.Length; i++)
        {
            var limit = limits[i];
            if (!Enum.IsDefined(limit.Severity))
            {
                violations.Add(new($"time_limits[{i}].severity", "must be SEV1 to SEV4."));
            }
            if (!Enum.IsDefined(limit.Duty))
            {
                violations.Add(new($"time_limits[{i}].duty", "must be a role to fill or the impact assessment."));
            }
            if (limit.Within < MinTimeLimit || limit.Within > MaxTimeLimit)
            {
                violations.Add(new($"time_limits[{i}].within", $"must be between {MinTimeLimit} and {MaxTimeLimit}."));
            }
        }
        foreach (var duplicate in limits.GroupBy(l => (l.Severity, l.Duty)).Where(g => g.Count() > 1))
        {
            violations.Add(new("time_limits", $"{duplicate.Key.Duty} for {duplicate.Key.Severity} is limited {duplicate.Count()} times."));
        }
    }

    private static void ValidateStakeholders(ImmutableArray<FieldViolation>.Builder violations, ImmutableArray<string> stakeholders)
    {
        stakeholders = stakeholders.IsDefault ? [] : stakeholders;
        if (stakeholders.Length > MaxMajorIncidentStakeholders)
        {
            violations.Add(new("major_incident_stakeholders", $"names {stakeholders.Length} responders; at most {MaxMajorIncidentStakeholders}."));
            return;
        }
        for (var i = 0; i < stakeholders.Length; i++)
        {
            AlertValidator.Identifier(violations, $"major_incident_stakeholders[{i}]", stakeholders[i], required: true);
        }
    }

    /// <summary>Each deadline named once, with a window of a duration or of business days, and owners to submit and be nagged.</summary>
    private static void ValidateReportingDeadlines(ImmutableArray<FieldViolation>.Builder violations, string path, RegulatoryTag tag)
    {
        if (tag.TimeZone is not null)
        {
            AlertValidator.TimeZone(violations, $"{path}.time_zone", tag.TimeZone);
        }
        var deadlines = tag.Deadlines.IsDefault ? [] : tag.Deadlines;
        if (deadlines.Length > MaxReportingDeadlinesPerTag)
        {
            violations.Add(new($"{path}.deadlines", $"holds {deadlines.Length}; at most {MaxReportingDeadlinesPerTag}."));
            return;
        }
        for (var i = 0; i < deadlines.Length; i++)
        {
            var (d, at) = (deadlines[i], $"{path}.deadlines[{i}]");
            AlertValidator.Identifier(violations, $"{at}.name", d.Name, required: true);
            if ((d.Within is null) == (d.BusinessDays is null))
            {
                violations.Add(new($"{at}.within", "give either a duration (within) or a number of business days, not both."));
            }
            else if (d.Within is { } within && (within < MinTimeLimit || within > MaxReportingWindow))
            {
                violations.Add(new($"{at}.within", $"must be between {MinTimeLimit.TotalMinutes:0} minute and {MaxReportingWindow.TotalDays:0} days."));
            }
            else if (d.BusinessDays is { } days && days is < 1 or > MaxBusinessDays)
            {
                violations.Add(new($"{at}.business_days", $"must be 1 to {MaxBusinessDays}."));
            }
            if (!Enum.IsDefined(d.StartsOn))
            {
                violations.Add(new($"{at}.starts_on", "must be tag applied or major declared."));
            }
            var owners = d.Owners.IsDefault ? [] : d.Owners;
            if (owners.Length is 0 or > MaxStakeholdersPerTag)
            {
                violations.Add(new($"{at}.owners", $"must name 1 to {MaxStakeholdersPerTag} responders who submit the report."));
            }
            for (var j = 0; j < owners.Length; j++)
            {
                AlertValidator.Identifier(violations, $"{at}.owners[{j}]", owners[j], required: true);
            }
        }
        foreach (var duplicate in deadlines.GroupBy(d => d.Name).Where(g => g.Count() > 1))
        {
            violations.Add(new($"{path}.deadlines", $"'{duplicate.Key}' is declared {duplicate.Count()} times."));
        }
    }

    private static void ValidateTags(ImmutableArray<FieldViolation>.Builder violations, ImmutableArray<RegulatoryTag> tags)
    {
        if (tags.IsDefault)
        {
            return;
        }
        if (tags.Length > MaxRegulatoryTags)
        {
            violations.Add(new("regulatory_tags", $"holds {tags.Length}; at most {MaxRegulatoryTags}."));
            return;
        }
        for (var i = 0; i < tags.Length; i++)
        {
            AlertValidator.Identifier(violations, $"regulatory_tags[{i}].tag", tags[i].Tag, required: true);
            var stakeholders = tags[i].Stakeholders.IsDefault ? [] : tags[i].Stakeholders;
            if (stakeholders.Length is 0 or > MaxStakeholdersPerTag)
            {
                violations.Add(new($"regulatory_tags[{i}].stakeholders", $"must name 1 to {MaxStakeholdersPerTag} responders to pull in."));
            }
            for (var j = 0; j < stakeholders.Length; j++)
            {
                AlertValidator.Identifier(violations, $"regulatory_tags[{i}].stakeholders[{j}]", stakeholders[j], required: true);
            }
            ValidateReportingDeadlines(violations, $"regulatory_tags[{i}]", tags[i]);
        }
        foreach (var duplicate in tags.GroupBy(t => t.Tag).Where(g => g.Count() > 1))
        {
            violations.Add(new("regulatory_tags", $"'{duplicate.Key}' is declared {duplicate.Count()} times."));
        }
    }
}
