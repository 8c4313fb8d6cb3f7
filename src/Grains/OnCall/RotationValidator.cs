using System.Collections.Immutable;
using IncidentActors.Errors;
using IncidentActors.Services;

namespace IncidentActors.OnCall;

public static class RotationValidator
{
    public const int MaxLayers = 20;
    public const int MaxParticipants = 200;
    public const int MaxOverrides = 500;
    public static readonly TimeSpan MaxShiftLength = TimeSpan.FromDays(28);
    public static readonly TimeSpan MinShiftLength = TimeSpan.FromMinutes(1);

    public static void Validate(string key, RotationDefinition rotation)
    {
        var violations = ImmutableArray.CreateBuilder<FieldViolation>();
        AlertValidator.Identifier(violations, "id", rotation.Id, required: true);
        if (!string.IsNullOrEmpty(rotation.Id) && rotation.Id != key)
        {
            violations.Add(new("id", $"'{AlertValidator.Truncate(rotation.Id)}' does not match the rotation addressed, '{AlertValidator.Truncate(key)}'."));
        }
        AlertValidator.Text(violations, "name", rotation.Name, AlertValidator.MaxIdLength, required: true);
        var layers = rotation.Layers.IsDefault ? [] : rotation.Layers;
        var regions = rotation.FollowTheSun.IsDefault ? [] : rotation.FollowTheSun;
        var overrides = rotation.Overrides.IsDefault ? [] : rotation.Overrides;
        if (layers.Length == 0 && regions.Length == 0)
        {
            violations.Add(new("layers", "a rotation needs at least one layer or follow-the-sun region."));
        }
        if (layers.Length > MaxLayers)
        {
            violations.Add(new("layers", $"at most {MaxLayers} layers."));
        }
        for (var i = 0; i < layers.Length; i++)
        {
            var layer = layers[i];
            var path = $"layers[{i}]";
            AlertValidator.Text(violations, $"{path}.name", layer.Name, AlertValidator.MaxIdLength, required: true);
            Participants(violations, $"{path}.participants", layer.Participants);
            AlertValidator.TimeZone(violations, $"{path}.time_zone", layer.TimeZone);
            if (layer.ShiftLength < MinShiftLength || layer.ShiftLength > MaxShiftLength)
            {
                violations.Add(new($"{path}.shift_length", $"must be between {MinShiftLength} and {MaxShiftLength.TotalDays} days."));
            }
            for (var r = 0; r < (layer.Restrictions.IsDefault ? 0 : layer.Restrictions.Length); r++)
            {
                Window(violations, $"{path}.restrictions[{r}]", layer.Restrictions[r]);
            }
        }
        if (regions.Select(r => r.Region).Distinct(StringComparer.OrdinalIgnoreCase).Count() != regions.Length)
        {
            violations.Add(new("follow_the_sun", "region names must be distinct."));
        }
        for (var i = 0; i < regions.Length; i++)
        {
            AlertValidator.Identifier(violations, $"follow_the_sun[{i}].region", regions[i].Region, required: true);
            Participants(violations, $"follow_the_sun[{i}].participants", regions[i].Participants);
            AlertValidator.TimeZone(violations, $"follow_the_sun[{i}].time_zone", regions[i].TimeZone);
        }
        if (overrides.Length > MaxOverrides)
        {
            violations.Add(new("overrides", $"at most {MaxOverrides} overrides."));
        }
        for (var i = 0; i < overrides.Length; i++)
        {
            AlertValidator.Identifier(violations, $"overrides[{i}].responder_id", overrides[i].ResponderId, required: true);
            AlertValidator.Text(violations, $"overrides[{i}].reason", overrides[i].Reason, AlertValidator.MaxSummaryLength, required: false);
            if (overrides[i].End <= overrides[i].Start)
            {
                violations.Add(new($"overrides[{i}].end", "must be after its start."));
            }
        }
        if (violations.Count > 0)
        {
            throw new InvalidRequestException(violations.ToImmutable());
        }
    }

    private static void Window(ImmutableArray<FieldViolation>.Builder violations, string path, DailyWindow window)
    {
        var days = window.Days.IsDefault ? [] : window.Days;
        if (days.Any(d => !Enum.IsDefined(d)) || days.Distinct().Count() != days.Length)
        {
            violations.Add(new($"{path}.days", "must name distinct weekdays."));
        }
        if (window.EndDay is { } endDay && !Enum.IsDefined(endDay))
        {
            violations.Add(new($"{path}.end_day", "must be a weekday."));
        }
    }

    private static void Participants(ImmutableArray<FieldViolation>.Builder violations, string field, ImmutableArray<string> participants)
    {
        if (participants.IsDefaultOrEmpty || participants.Length > MaxParticipants)
        {
            violations.Add(new(field, $"must name 1 to {MaxParticipants} responders."));
        }
        else
        {
            for (var i = 0; i < participants.Length; i++)
            {
                AlertValidator.Identifier(violations, $"{field}[{i}]", participants[i], required: true);
            }
        }
    }
}
