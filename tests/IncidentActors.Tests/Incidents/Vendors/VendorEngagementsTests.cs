using IncidentActors.Incidents;
using Xunit;

namespace IncidentActors.Tests.Incidents.Vendors;

public sealed class VendorEngagementsTests
{
    private static readonly DateTimeOffset Invited = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly VendorEngagement Engagement = new("acme", "Acme Cloud", TimeSpan.FromMinutes(30), "ana", Invited, Invited.AddMinutes(30), null, null, null);

    [Fact]
    public void AFirstResponseInTimeStopsTheClock()
    {
        var (responded, entry, first) = VendorEngagements.Respond(Engagement, "looking", Invited.AddMinutes(10));

        Assert.True(first);
        Assert.Null(responded.BreachedAt);
        Assert.Equal("Vendor Acme Cloud responded within its contracted 30 min: looking", entry);
    }

    [Fact]
    public void ALateFirstResponseSaysHowLateAndFlagsTheBreach()
    {
        var at = Invited.AddMinutes(45);
        var (responded, entry, _) = VendorEngagements.Respond(Engagement, "sorry", at);

        Assert.Equal(at, responded.BreachedAt);
        Assert.Equal("Vendor Acme Cloud responded 15 min late, against a contracted 30 min: sorry", entry);
    }

    [Fact]
    public void LaterResponsesAreUpdates()
    {
        var (responded, _, _) = VendorEngagements.Respond(Engagement, "looking", Invited.AddMinutes(10));
        var (again, entry, first) = VendorEngagements.Respond(responded, "fixed", Invited.AddMinutes(20));

        Assert.False(first);
        Assert.Equal(responded, again);
        Assert.Equal("Update from vendor Acme Cloud: fixed", entry);
    }

    [Fact]
    public void OnlyAnUnansweredEngagementAtItsOwnTimeIsBreached()
    {
        Assert.True(VendorEngagements.Breached(Engagement, Engagement.RespondBy, Engagement.RespondBy));
        Assert.False(VendorEngagements.Breached(Engagement, Engagement.RespondBy, Engagement.RespondBy.AddSeconds(-1)));
        Assert.False(VendorEngagements.Breached(Engagement with { RespondedAt = Invited }, Engagement.RespondBy, Engagement.RespondBy));
        Assert.False(VendorEngagements.Breached(Engagement with { BreachedAt = Invited }, Engagement.RespondBy, Engagement.RespondBy));
    }
}
