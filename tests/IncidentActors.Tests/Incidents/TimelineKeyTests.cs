using IncidentActors.Incidents;
using Xunit;

namespace IncidentActors.Tests.Incidents;

public sealed class TimelineKeyTests
{
    [Theory]
    [InlineData("")]
    [InlineData("c2hvcnQ=")]
    [InlineData("not base64 at all, though long enough to be a key")]
    public void KeysThatAreNotBase64OfAtLeast32BytesAreRefused(string key)
    {
        Assert.False(TimelineKey.TryParse(key, out _));
    }

    [Fact]
    public void DevelopmentKeyIsGeneratedOnceAndKeptForEverySiloOfTheMachine()
    {
        var folder = Directory.CreateTempSubdirectory("timeline-key-");
        try
        {
            var path = Path.Combine(folder.FullName, "IncidentActors", "development-timeline-key");

            var first = DevelopmentTimelineKey.LoadOrCreate(path);
            var again = DevelopmentTimelineKey.LoadOrCreate(path);

            Assert.True(TimelineKey.TryParse(first, out _));
            Assert.Equal(first, again);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
