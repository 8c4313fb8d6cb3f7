using System.Collections.Immutable;
using IncidentActors.Errors;

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
        if (rotation.Id != key)
        {
            violations.Add(new("id", $"'{rotation.Id}' does not match the rotation addressed, '{key}'."));
        }
        if (string.IsNullOrWhiteSpace(rotation.Name))
        {
            violations.Add(new("name", "is required."));
        }
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
            Required(violations, $"{path}.name", layer.Name);
            Participants(violations, $"{path}.participants", layer.Participants);
            Zone(violations, $"{path}.time_zone", layer.TimeZone);
            if (layer.ShiftLength < MinShiftLength || layer.ShiftLength > MaxShiftLength)
            {
                violations.Add(new($"{path}.shift_length", $"must be between {MinShiftLength} and {MaxShiftLength.TotalDays} days."));
            }
        }
        if (regions.Select(r => r.Region).Distinct(StringComparer.OrdinalIgnoreCase).Count() != regions.Length)
        {
            violations.Add(new("follow_the_sun", "region names must be distinct."));
        }
        for (var i = 0; i < regions.Length; i++)
        {
            Required(violations, $"follow_the_sun[{i}].region", regions[i].Region);
            Participants(violations, $"follow_the_sun[{i}].participants", regions[i].Participants);
            Zone(violations, $"follow_the_sun[{i}].time_zone", regions[i].TimeZone);
        }
        if (overrides.Length > MaxOverrides)
        {
            violations.Add(new("overrides", $"at most {MaxOverrides} overrides."));
        }
        for (var i = 0; i < overrides.Length; i++)
        {
            Required(violations, $"overrides[{i}].responder_id", overrides[i].ResponderId);
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

    private static void Required(ImmutableArray<FieldViolation>.Builder violations, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            violations.Add(new(field, "is required."));
        }
    }

    private static void Participants(ImmutableArray<FieldViolation>.Builder violations, string field, ImmutableArray<string> participants)
    {
        if (participants.IsDefaultOrEmpty || participants.Length > MaxParticipants)
        {
            violations.Add(new(field, $"must name 1 to {MaxParticipants} responders."));
        }
        else if (participants.Any(string.IsNullOrWhiteSpace))
        {
            violations.Add(new(field, "must not hold blank responder ids."));
        }
    }

    private static void Zone(ImmutableArray<FieldViolation>.Builder violations, string field, string? zone)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone ?? "", out _))
        {
            violations.Add(new(field, $"'{zone}' is not an IANA time zone (e.g. Asia/Singapore)."));
        }
    }
}
