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
            layer.TimeZone,
            [.. layer.Restrictions.Select((w, r) => new Domain.DailyWindow(
                Time(w.Start, $"layers[{i}].restrictions[{r}].start"), Time(w.End, $"layers[{i}].restrictions[{r}].end")))]))],
        [.. rotation.FollowTheSun.Select((region, i) => new Domain.SunRegion(
            region.Region, region.TimeZone, Time(region.LocalStart, $"follow_the_sun[{i}].local_start"), [.. region.Participants]))],
        [.. rotation.Overrides.Select((o, i) => new Domain.RotationOverride(
            o.ResponderId,
            o.Start?.ToDateTimeOffset() ?? throw new InvalidRequestException($"overrides[{i}].start", "is required."),
            o.End?.ToDateTimeOffset() ?? throw new InvalidRequestException($"overrides[{i}].end", "is required."),
            WireMapping.Optional(o.Reason)))],
        rotation.ShiftNoticesOff);

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
            wire.Restrictions.AddRange(layer.Restrictions.Select(w => new V1.DailyWindow { Start = Text(w.Start), End = Text(w.End) }));
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
