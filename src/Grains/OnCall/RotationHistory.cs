using System.Collections.Immutable;

namespace IncidentActors.OnCall;

/// <summary>How a rotation's definition changes without rewriting who was on call.</summary>
public static class RotationHistory
{
    /// <summary>The versions to keep, at most: older ones describe a past no one asks about.</summary>
    public const int MaxVersions = 50;

    /// <summary>
    /// The new definition takes effect when the shift on call now ends (at once when nobody is on
    /// call); the person on call keeps their shift, and every earlier instant keeps its answer.
    /// </summary>
    public static ImmutableArray<RotationVersion> Apply(ImmutableArray<RotationVersion> history, RotationDefinition definition, DateTimeOffset now)
    {
        var effectiveFrom = history.IsDefaultOrEmpty ? now : OnCallSchedule.OnCallAt(history, now)?.End ?? now;
        var kept = history.IsDefault ? [] : history.Where(v => v.EffectiveFrom < effectiveFrom);
        return [.. kept.TakeLast(MaxVersions - 1), new RotationVersion(effectiveFrom, definition)];
    }
}
