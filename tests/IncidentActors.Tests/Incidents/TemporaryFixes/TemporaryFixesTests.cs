using IncidentActors.Errors;
using IncidentActors.Incidents;
using Xunit;
using Fixes = IncidentActors.Incidents.TemporaryFixes;

namespace IncidentActors.Tests.Incidents.TemporaryFixes;

public sealed class TemporaryFixesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TemporaryFix Fix = new(1, "feature flag off", Now.AddHours(4), "ana", Now, null, null, null, null);

    [Fact]
    public void AFixExpiresOnceAtItsOwnTime()
    {
        Assert.True(Fixes.Expires(Fix, Fix.ExpiresAt, Fix.ExpiresAt));
        Assert.False(Fixes.Expires(Fix, Fix.ExpiresAt, Fix.ExpiresAt.AddSeconds(-1)));
        Assert.False(Fixes.Expires(Fix, Fix.ExpiresAt.AddHours(-1), Fix.ExpiresAt));
        Assert.False(Fixes.Expires(Fix with { ExpiredAt = Fix.ExpiresAt }, Fix.ExpiresAt, Fix.ExpiresAt));
        Assert.False(Fixes.Expires(Fix with { MadePermanentAt = Now }, Fix.ExpiresAt, Fix.ExpiresAt));
    }

    [Fact]
    public void ARetriedRecordFindsTheFixStillTemporary()
    {
        Assert.True(Fixes.Recorded([Fix], Fix.Description, Fix.ExpiresAt));
        Assert.False(Fixes.Recorded([Fix with { ExpiredAt = Fix.ExpiresAt }], Fix.Description, Fix.ExpiresAt));
    }

    [Fact]
    public void AnExpiryNotInTheFutureIsRefused()
    {
        var error = Assert.Throws<InvalidRequestException>(() => Fixes.ValidateRecord("feature flag off", Now, Now));

        Assert.Equal("expires_at", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void TheFollowUpOfAFixIsNamedAfterItsNumber() => Assert.Equal("temporary-fix-3", Fixes.FollowUpReference(3));
}
