using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using IncidentActors.Api.V1;
using IncidentActors.Testing;
using Xunit;

namespace IncidentActors.Tests.EndToEnd;

/// <summary>Rotations over the public gRPC API: defining one, who is on call when, and the shifts to come, overrides included.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RotationApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    // Ahead of now: a rotation's first version takes effect when it is defined, so it says nothing of the past.
    private static readonly DateTimeOffset Start = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(30).AddHours(9);
    private RunningSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await RunningSilo.StartAsync(azurite);

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task DailyRotationWithAnOverrideAnswersWhoIsOnCallAndListsItsShifts()
    {
        var onCall = new Api.V1.OnCall.OnCallClient(_silo.Channel);
        var defined = await onCall.DefineRotationAsync(new Rotation
        {
            Id = "payments-primary", Name = "Payments primary",
            Layers =
            {
                new RotationLayer
                {
                    Name = "daily", Participants = { "alice", "bob" }, ShiftLength = Duration.FromTimeSpan(TimeSpan.FromDays(1)),
                    RotationStart = Timestamp.FromDateTimeOffset(Start), TimeZone = "UTC",
                },
            },
            Overrides =
            {
                new RotationOverride
                {
                    ResponderId = "carol", Start = Timestamp.FromDateTimeOffset(Start.AddDays(2).AddHours(3)),
                    End = Timestamp.FromDateTimeOffset(Start.AddDays(2).AddHours(5)), Reason = "alice at the dentist",
                },
            },
        });

        Assert.Equal("payments-primary", (await onCall.GetRotationAsync(new GetRotationRequest { Id = "payments-primary" })).Rotation.Id);
        Assert.Equal(["alice", "bob"], defined.Rotation.Layers.Single().Participants);
        Assert.Equal("bob", (await WhoAt(onCall, Start.AddDays(1).AddHours(1))).ResponderId);
        Assert.Equal("carol", (await WhoAt(onCall, Start.AddDays(2).AddHours(4))).ResponderId);
        Assert.Equal("alice", (await WhoAt(onCall, Start.AddDays(2).AddHours(6))).ResponderId);

        var shifts = (await onCall.ListShiftsAsync(new ListShiftsRequest
        {
            RotationId = "payments-primary", From = Timestamp.FromDateTimeOffset(Start.AddDays(2)), Count = 4,
        })).Shifts;

        Assert.Equal(4, shifts.Count);
        Assert.Equal(("alice", Start.AddDays(2)), (shifts[0].ResponderId, shifts[0].Start.ToDateTimeOffset()));
        var carol = shifts.Single(s => s.ResponderId == "carol");
        Assert.Equal(("override", Start.AddDays(2).AddHours(3), Start.AddDays(2).AddHours(5)),
            (carol.Source, carol.Start.ToDateTimeOffset(), carol.End.ToDateTimeOffset()));
        Assert.Contains(shifts, s => s.ResponderId == "bob" && s.Start.ToDateTimeOffset() == Start.AddDays(3) && s.Source == "daily");
        Assert.All(shifts.Zip(shifts.Skip(1)), pair => Assert.Equal(pair.First.End, pair.Second.Start));
    }

    [Fact]
    public async Task RotationWithAnUnknownZoneOrNoShiftLengthIsRefusedNamingTheFieldAndNothingIsStored()
    {
        var onCall = new Api.V1.OnCall.OnCallClient(_silo.Channel);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await onCall.DefineRotationAsync(new Rotation
        {
            Id = "broken", Name = "Broken",
            Layers = { new RotationLayer { Name = "daily", Participants = { "alice" }, RotationStart = Timestamp.FromDateTimeOffset(Start), TimeZone = "Mars/Olympus" } },
        }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("layers[0].time_zone", error.Status.Detail);
        Assert.Contains("layers[0].shift_length", error.Status.Detail);
        var missing = await Assert.ThrowsAsync<RpcException>(async () => await onCall.GetRotationAsync(new GetRotationRequest { Id = "broken" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task WeekdayRestrictionsAreKeptAndWhoIsOnCallAnswersByTheLayersWeekday()
    {
        var onCall = new Api.V1.OnCall.OnCallClient(_silo.Channel);
        var monday = Start.Date.AddDays(((int)DayOfWeek.Monday - (int)Start.DayOfWeek + 7) % 7);
        var window = new DailyWindow { Start = "09:00", End = "17:00", Days = { Weekday.Monday, Weekday.Tuesday, Weekday.Wednesday, Weekday.Thursday, Weekday.Friday } };
        var defined = await onCall.DefineRotationAsync(new Rotation
        {
            Id = "office-hours", Name = "Office hours",
            Layers =
            {
                new RotationLayer
                {
                    Name = "backstop", Participants = { "night" }, ShiftLength = Duration.FromTimeSpan(TimeSpan.FromDays(7)),
                    RotationStart = Timestamp.FromDateTimeOffset(Start), TimeZone = "UTC",
                },
                new RotationLayer
                {
                    Name = "office", Participants = { "day" }, ShiftLength = Duration.FromTimeSpan(TimeSpan.FromDays(7)),
                    RotationStart = Timestamp.FromDateTimeOffset(Start), TimeZone = "UTC", Restrictions = { window },
                },
            },
        });

        Assert.Equal(window, defined.Rotation.Layers[1].Restrictions.Single());
        Assert.Equal("day", (await WhoAt(onCall, new DateTimeOffset(monday.AddDays(4).AddHours(10), TimeSpan.Zero), "office-hours")).ResponderId);
        Assert.Equal("night", (await WhoAt(onCall, new DateTimeOffset(monday.AddDays(5).AddHours(10), TimeSpan.Zero), "office-hours")).ResponderId);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await onCall.DefineRotationAsync(new Rotation
        {
            Id = "office-hours", Name = "Office hours",
            Layers =
            {
                new RotationLayer
                {
                    Name = "office", Participants = { "day" }, ShiftLength = Duration.FromTimeSpan(TimeSpan.FromDays(7)),
                    RotationStart = Timestamp.FromDateTimeOffset(Start), TimeZone = "UTC",
                    Restrictions = { new DailyWindow { Start = "17:00", End = "09:00", Days = { Weekday.Friday }, EndDay = (Weekday)12 } },
                },
            },
        }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("layers[0].restrictions[0].end_day", error.Status.Detail);
        Assert.Equal(2, (await onCall.GetRotationAsync(new GetRotationRequest { Id = "office-hours" })).Rotation.Layers.Count);
    }

    [Fact]
    public async Task RotationLayersAndRespondersWithoutATimeZoneAreInUtc()
    {
        var onCall = new Api.V1.OnCall.OnCallClient(_silo.Channel);

        var responder = await new Api.V1.Responders.RespondersClient(_silo.Channel).DefineResponderAsync(new Responder { Id = "utc-person", Name = "UTC person" });
        var rotation = await onCall.DefineRotationAsync(new Rotation
        {
            Id = "utc-rotation", Name = "UTC rotation",
            Layers =
            {
                new RotationLayer
                {
                    Name = "daily", Participants = { "utc-person" }, ShiftLength = Duration.FromTimeSpan(TimeSpan.FromDays(1)),
                    RotationStart = Timestamp.FromDateTimeOffset(Start),
                },
            },
        });

        Assert.Equal("UTC", responder.TimeZone);
        Assert.Equal("UTC", rotation.Rotation.Layers.Single().TimeZone);
        Assert.Equal("utc-person", (await WhoAt(onCall, Start.AddHours(1), "utc-rotation")).ResponderId);
    }

    private static async Task<Shift> WhoAt(Api.V1.OnCall.OnCallClient onCall, DateTimeOffset at, string rotationId) =>
        (await onCall.WhoIsOnCallAsync(new WhoIsOnCallRequest { RotationId = rotationId, At = Timestamp.FromDateTimeOffset(at) })).Shift;

    private static Task<Shift> WhoAt(Api.V1.OnCall.OnCallClient onCall, DateTimeOffset at) => WhoAt(onCall, at, "payments-primary");
}
