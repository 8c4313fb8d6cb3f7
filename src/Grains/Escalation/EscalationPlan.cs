using System.Collections.Immutable;
using IncidentActors.Errors;
using IncidentActors.Services;

namespace IncidentActors.Escalation;

/// <summary>Where escalation goes next under a policy, and what makes a policy valid.</summary>
public static class EscalationPlan
{
    public const int MaxLevels = 20;
    public const int MaxTargetsPerLevel = 20;
    public const int MaxRepeats = 10;
    public static readonly TimeSpan MinAcknowledgeWithin = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxAcknowledgeWithin = TimeSpan.FromDays(1);

    /// <summary>The step after an unanswered one: the next level, the first level of the next round, or null when exhausted.</summary>
    public static EscalationStep? After(EscalationPolicyDefinition policy, EscalationStep step)
    {
        if (step.Level + 1 < policy.Levels.Length)
        {
            return step with { Level = step.Level + 1 };
        }
        return step.Round < policy.Repeats ? new EscalationStep(0, step.Round + 1) : null;
    }

    /// <summary>A commander's jump to a level (1-based as people count them), in the current round.</summary>
    public static EscalationStep SkipTo(EscalationPolicyDefinition policy, EscalationStep current, int level)
    {
        if (level < 1 || level > policy.Levels.Length)
        {
            throw new InvalidRequestException("level", $"must be between 1 and {policy.Levels.Length}, the levels of policy '{policy.Id}'.");
        }
        return current with { Level = level - 1 };
    }

    public static void Validate(string key, EscalationPolicyDefinition policy)
    {
        var violations = ImmutableArray.CreateBuilder<FieldViolation>();
        AlertValidator.Identifier(violations, "id", policy.Id, required: true);
        if (!string.IsNullOrEmpty(policy.Id) && policy.Id != key)
        {
            violations.Add(new("id", $"'{AlertValidator.Truncate(policy.Id)}' does not match the policy addressed, '{AlertValidator.Truncate(key)}'."));
        }
        AlertValidator.Text(violations, "name", policy.Name, AlertValidator.MaxIdLength, required: true);
        if (policy.Levels.IsDefaultOrEmpty || policy.Levels.Length > MaxLevels)
        {
            violations.Add(new("levels", $"must hold 1 to {MaxLevels} levels."));
        }
        else
        {
            for (var i = 0; i < policy.Levels.Length; i++)
            {
                ValidateLevel(violations, $"levels[{i}]", policy.Levels[i]);
            }
        }
        if (policy.Repeats is < 0 or > MaxRepeats)
        {
            violations.Add(new("repeats", $"must be between 0 and {MaxRepeats}."));
        }
        if (policy.HandoverAcknowledgeWithin < MinAcknowledgeWithin || policy.HandoverAcknowledgeWithin > MaxAcknowledgeWithin)
        {
            violations.Add(new("handover_acknowledge_within", $"must be between {MinAcknowledgeWithin} and {MaxAcknowledgeWithin}."));
        }
        if (violations.Count > 0)
        {
            throw new InvalidRequestException(violations.ToImmutable());
        }
    }

    private static void ValidateLevel(ImmutableArray<FieldViolation>.Builder violations, string path, EscalationLevel level)
    {
        if (level.Targets.IsDefaultOrEmpty || level.Targets.Length > MaxTargetsPerLevel)
        {
            violations.Add(new($"{path}.targets", $"must hold 1 to {MaxTargetsPerLevel} targets."));
        }
        else
        {
            for (var t = 0; t < level.Targets.Length; t++)
            {
                var target = level.Targets[t];
                if (!Enum.IsDefined(target.Kind))
                {
                    violations.Add(new($"{path}.targets[{t}].kind", "must be a responder or a rotation."));
                }
                AlertValidator.Identifier(violations, $"{path}.targets[{t}].id", target.Id, required: true);
            }
        }
        if (level.AcknowledgeWithin < MinAcknowledgeWithin || level.AcknowledgeWithin > MaxAcknowledgeWithin)
        {
            violations.Add(new($"{path}.acknowledge_within", $"must be between {MinAcknowledgeWithin} and {MaxAcknowledgeWithin}."));
        }
    }
}
