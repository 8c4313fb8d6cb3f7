using IncidentActors.Vendors;
using Xunit;

namespace IncidentActors.Tests.Domain;

public sealed class VendorAccessKeyTests
{
    [Theory]
    [InlineData("acme")]
    [InlineData("acme.db-eu_2")]
    public void KeyNamesItsVendorAndOnlyItsOwnHashMatches(string vendorId)
    {
        var key = VendorAccessKey.Issue(vendorId);

        Assert.Equal(vendorId, VendorAccessKey.VendorIdOf(key));
        Assert.True(VendorAccessKey.Matches(key, VendorAccessKey.Hash(key)));
        Assert.False(VendorAccessKey.Matches(VendorAccessKey.Issue(vendorId), VendorAccessKey.Hash(key)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("acme")]
    [InlineData("iavk.")]
    [InlineData("iavk..secret")]
    [InlineData("iavk.no spaces.secret")]
    [InlineData("bearer-token-of-something-else")]
    public void MalformedKeysNameNoVendor(string key) => Assert.Null(VendorAccessKey.VendorIdOf(key));
}
