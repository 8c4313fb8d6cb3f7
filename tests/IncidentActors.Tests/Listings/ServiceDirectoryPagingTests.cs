using IncidentActors.Errors;
using IncidentActors.Services;
using Xunit;

namespace IncidentActors.Tests.Listings;

public sealed class ServiceDirectoryPagingTests
{
    private static readonly SortedDictionary<string, string> Catalog = new(StringComparer.Ordinal)
    {
        ["Zeta"] = "retail", ["alpha"] = "retail", ["beta"] = "bank", ["gamma"] = "retail",
    };

    [Fact]
    public void APageHoldsTheIdsAfterTheCursorInOrdinalOrderAndNamesWhereTheNextStarts()
    {
        var page = ServiceDirectoryPaging.Page(Catalog, new ServiceListQuery(null, 2, "Zeta"), _ => true);

        Assert.Equal<string>(["alpha", "beta"], page.ServiceIds);
        Assert.Equal("beta", page.Next);
    }

    [Fact]
    public void TheLastPageNamesNoNextPage()
    {
        var page = ServiceDirectoryPaging.Page(Catalog, new ServiceListQuery(null, 3, "alpha"), _ => true);

        Assert.Equal<string>(["beta", "gamma"], page.ServiceIds);
        Assert.Null(page.Next);
    }

    [Fact]
    public void TheUnitFilterAndTheCallersVisibilityApplyBeforePaging()
    {
        Assert.Equal<string>(["Zeta", "alpha", "gamma"], ServiceDirectoryPaging.Page(Catalog, new ServiceListQuery("retail", 0, null), _ => true).ServiceIds);
        var visible = ServiceDirectoryPaging.Page(Catalog, new ServiceListQuery(null, 1, "alpha"), unit => unit == "retail");
        Assert.Equal<string>(["gamma"], visible.ServiceIds);
        Assert.Null(visible.Next);
    }

    [Fact]
    public void ZeroTakesTheDefaultPageSize()
    {
        var many = new SortedDictionary<string, string>(Enumerable.Range(0, 250).ToDictionary(i => $"s{i:D3}", _ => "retail"), StringComparer.Ordinal);

        var page = ServiceDirectoryPaging.Page(many, new ServiceListQuery(null, 0, null), _ => true);

        Assert.Equal(ServiceDirectoryPaging.DefaultPageSize, page.ServiceIds.Length);
        Assert.Equal($"s{ServiceDirectoryPaging.DefaultPageSize - 1:D3}", page.Next);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(ServiceDirectoryPaging.MaxPageSize + 1)]
    public void APageSizeOutOfRangeIsRefusedNamingTheField(int pageSize)
    {
        var refused = Assert.Throws<InvalidRequestException>(() => ServiceDirectoryPaging.Page(Catalog, new ServiceListQuery(null, pageSize, null), _ => true));

        Assert.Equal("page_size", Assert.Single(refused.Violations).Field);
    }
}
