using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using IncidentActors.Errors;
using Domain = IncidentActors.OnCall;
using V1 = IncidentActors.Api.V1;

namespace IncidentActors.GrpcFrontend.Services;

/// <summary>Maps rotations and shifts between the wire and the domain.</summary>
internal static class OnCallWireMapping
{
    private const string TimeOfDay = "HH:mm";

    public static Domain.RotationDefinition ToDomain(V1.Rotation rotation) => new(
        rotation.Id,
        rotation.Name,
        [.. rotation.Layers.Select((layer, i) => new Domain.RotationLayer(
            layer.Name,
            [.. layer.Participants],
            layer.ShiftLength?.ToTimeSpan() ?? TimeSpan.Zero,
            layer.RotationStart?.ToDateTimeOffset() ?? throw new InvalidRequestException($"layers[{i}].rotation_start", "is required."),
            WireMapping.TimeZoneOrDefault(layer.TimeZone),
            [.. layer.Restrictions.Select((w, r) => Window(w, $"layers[{i}].restrictions[{r}]"))]))],
        [.. rotation.FollowTheSun.Select((region, i) => new Domain.SunRegion(
            region.Region, region.TimeZone, Time(region.LocalStart, $"follow_the_sun[{i}].local_start"), [.. region.Participants]))],
        [.. rotation.Overrides.Select((o, i) => new Domain.RotationOverride(
            o.ResponderId,
            o.Start?.ToDateTimeOffset() ?? throw new InvalidRequestException($"overrides[{i}].start", "is required."),
            o.End?.ToDateTimeOffset() ?? throw new InvalidRequestException($"overrides[{i}].end", "is required."),
            WireMapping.Optional(o.Reason)))],
        rotation.ShiftNoticesOff);

    private static Domain.DailyWindow Window(V1.DailyWindow wire, string path) => new(
        Time(wire.Start, $"{path}.start"),
        Time(wire.End, $"{path}.end"),
        [.. wire.Days.Select((day, d) => Day(day) ?? throw new InvalidRequestException($"{path}.days[{d}]", "must be a weekday."))],
        Day(wire.EndDay));

    private static V1.DailyWindow Window(Domain.DailyWindow window)
    {
        var wire = new V1.DailyWindow { Start = Text(window.Start), End = Text(window.End), EndDay = Day(window.EndDay) };
        wire.Days.AddRange((window.Days.IsDefault ? [] : window.Days).Select(d => Day(d)));
        return wire;
    }

    // The wire counts Monday as 1 and Sunday as 7 (ISO 8601); .NET counts Sunday as 0.
    private static DayOfWeek? Day(V1.Weekday day) => day switch
    {
        V1.Weekday.Unspecified => null,
        V1.Weekday.Sunday => DayOfWeek.Sunday,
        _ when System.Enum.IsDefined(day) => (DayOfWeek)(int)day,
        _ => (DayOfWeek)(-1),
    };

    private static V1.Weekday Day(DayOfWeek? day) => day switch
    {
        null => V1.Weekday.Unspecified,
        DayOfWeek.Sunday => V1.Weekday.Sunday,
        _ => (V1.Weekday)(int)day,
    };

    public static V1.RotationInfo ToWire(Domain.RotationView view)
    {
        var rotation = new V1.Rotation { Id = view.Definition.Id, Name = view.Definition.Name, ShiftNoticesOff = view.Definition.ShiftNoticesOff };
        rotation.Layers.AddRange(view.Definition.Layers.Select(layer =>
        {
            var wire = new V1.RotationLayer
            {
                Name = layer.Name,
                ShiftLength = Duration.FromTimeSpan(layer.ShiftLength),
                RotationStart = Timestamp.FromDateTimeOffset(layer.RotationStart),
                TimeZone = layer.TimeZone,
            };
            wire.Participants.AddRange(layer.Participants);
            wire.Restrictions.AddRange(layer.Restrictions.Select(Window));
            return wire;
        }));
        rotation.FollowTheSun.AddRange(view.Definition.FollowTheSun.Select(region =>
        {
            var wire = new V1.SunRegion { Region = region.Region, TimeZone = region.TimeZone, LocalStart = Text(region.LocalStart) };
            wire.Participants.AddRange(region.Participants);
            return wire;
        }));
        rotation.Overrides.AddRange(view.Definition.Overrides.Select(o => new V1.RotationOverride
        {
            ResponderId = o.ResponderId,
            Start = Timestamp.FromDateTimeOffset(o.Start),
            End = Timestamp.FromDateTimeOffset(o.End),
            Reason = o.Reason ?? "",
        }));
        var info = new V1.RotationInfo
        {
            Rotation = rotation,
            EffectiveFrom = Timestamp.FromDateTimeOffset(view.EffectiveFrom),
            NextHandoverAt = view.NextHandoverAt is { } next ? Timestamp.FromDateTimeOffset(next) : null,
        };
        info.CommandedIncidents.AddRange(view.CommandedIncidents);
        return info;
    }

    public static V1.Shift ToWire(Domain.Shift shift) => new()
    {
        ResponderId = shift.ResponderId,
        Start = Timestamp.FromDateTimeOffset(shift.Start),
        End = Timestamp.FromDateTimeOffset(shift.End),
        Source = shift.Source,
        Region = shift.Region ?? "",
    };

    private static TimeOnly Time(string text, string field) =>
        TimeOnly.TryParseExact(text, TimeOfDay, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw new InvalidRequestException(field, $"'{text}' is not a local time of day as HH:mm.");

    private static string Text(TimeOnly time) => time.ToString(TimeOfDay, CultureInfo.InvariantCulture);
}
