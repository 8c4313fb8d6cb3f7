using IncidentActors.OnCall;
using IncidentActors.Responders;
using Xunit;

namespace IncidentActors.Tests.OnCall;

public sealed class ShiftNoticesTests
{
    private static readonly DateTimeOffset Boundary = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TheIncomingPersonHearsUntilWhenAndTheOutgoingOneWhoTookOver()
    {
        var outgoing = new Shift("alice", Boundary.AddHours(-8), Boundary, "layer:day", null);
        var incoming = new Shift("bob", Boundary, Boundary.AddHours(8), "layer:day", null);

        var notices = ShiftNotices.At("payments", "Payments", Boundary, outgoing, incoming, Boundary.AddSeconds(1));

        Assert.Equal(["bob", "alice"], notices.Select(p => p.ResponderId));
        var on = notices[0].Notice!;
        Assert.Equal((ShiftNoticeKind.OnCall, "You are now on call for Payments until 2026-06-01 16:00 UTC.", "payments", Boundary, Boundary.AddHours(8)),
            (on.Kind, on.Text, on.RotationId, on.ShiftStart, on.ShiftEnd));
        var off = notices[1].Notice!;
        Assert.Equal((ShiftNoticeKind.OffCall, "You are off call for Payments; bob took over.", Boundary.AddHours(-8), Boundary),
            (off.Kind, off.Text, off.ShiftStart, off.ShiftEnd));
        Assert.All(notices, p => Assert.Equal("", p.IncidentId));
    }

    [Fact]
    public void EachNoticeIsKeyedByRotationBoundaryAndPerson()
    {
        var incoming = new Shift("bob", Boundary, Boundary.AddHours(8), "layer:day", null);

        var first = ShiftNotices.At("payments", "Payments", Boundary, null, incoming, Boundary);
        var again = ShiftNotices.At("payments", "Payments", Boundary, null, incoming, Boundary.AddMinutes(3));
        var next = ShiftNotices.At("payments", "Payments", Boundary.AddHours(8), null, incoming with { Start = Boundary.AddHours(8) }, Boundary.AddHours(8));

        Assert.Equal(first.Select(p => p.IdempotencyKey), again.Select(p => p.IdempotencyKey));
        Assert.NotEqual(first[0].IdempotencyKey, next[0].IdempotencyKey);
        Assert.NotEqual(first[0].IdempotencyKey, ShiftNotices.At("checkout", "Checkout", Boundary, null, incoming, Boundary)[0].IdempotencyKey);
    }

    [Fact]
    public void AGapIsAnnouncedToTheOutgoingPersonAndNobodyIsToldTheyAreOnCall()
    {
        var outgoing = new Shift("alice", Boundary.AddHours(-8), Boundary, "layer:day", null);

        var notice = Assert.Single(ShiftNotices.At("payments", "Payments", Boundary, outgoing, null, Boundary));

        Assert.Equal(("alice", "You are off call for Payments; nobody is on call now."), (notice.ResponderId, notice.Notice!.Text));
    }
}
