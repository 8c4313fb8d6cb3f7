using Xunit;

namespace IncidentActors.AzureStorage.Tests;

public sealed class TableKeysTests
{
    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\u0001b")]
    [InlineData("a\u007Fb")]
    [InlineData("a\u0085b")]
    [InlineData("a|b")]
    public void ForbiddenCharactersAreEscaped(string value)
    {
        var key = TableKeys.Part(value);

        Assert.DoesNotContain(key, c => c is '/' or '\\' or '#' or '?' or '|' || char.IsControl(c));
    }

    [Fact]
    public void EscapingKeepsDistinctValuesDistinct()
    {
        string[] values = ["a/b", "a%002Fb", "a%b", "a%%b", "a|b", "a%007Cb", "ab", "ünïcødé/🚨"];

        Assert.Equal(values.Length, values.Select(TableKeys.Part).Distinct().Count());
    }

    [Fact]
    public void LongValuesAreShortenedWithoutLosingDistinctness()
    {
        var first = new string('x', 5000) + "1";
        var second = new string('x', 5000) + "2";

        Assert.True(TableKeys.Part(first).Length <= 300);
        Assert.NotEqual(TableKeys.Part(first), TableKeys.Part(second));
    }

    [Fact]
    public void UnicodeIsKeptAsIs()
    {
        Assert.Equal("ünïcødé-🚨", TableKeys.Part("ünïcødé-🚨"));
    }
}
