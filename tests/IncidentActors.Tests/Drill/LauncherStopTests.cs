extern alias cli;
using System.Diagnostics;
using cli::IncidentActors.Cli.Cluster;
using Xunit;

namespace IncidentActors.Tests.Drill;

/// <summary>How the launcher stops what it started: SIGTERM, a bounded wait, then kill -9.</summary>
public sealed class LauncherStopTests
{
    private static ChildProcess Start(string script) =>
        ChildProcess.Start("bash", ["-c", script], Path.GetTempPath(), new Dictionary<string, string>(),
            Path.Combine(Path.GetTempPath(), $"launcher-{Guid.NewGuid():N}.log"));

    [Fact]
    public async Task ProcessThatHonoursSigtermStopsByItself()
    {
        using var child = Start("trap 'exit 0' TERM; while true; do sleep 0.1; done");
        await Task.Delay(300);

        Assert.True(await child.StopAsync(TimeSpan.FromSeconds(10)));
        Assert.True(child.HasExited);
    }

    [Fact]
    public async Task ProcessThatIgnoresSigtermIsKilledWhenItsGraceIsUp()
    {
        // As a silo hanging in shutdown would: it never exits on SIGTERM.
        using var child = Start("trap '' TERM; while true; do sleep 0.1; done");
        await Task.Delay(300);
        var watch = Stopwatch.StartNew();

        Assert.False(await child.StopAsync(TimeSpan.FromSeconds(1)));

        Assert.True(child.HasExited);
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
    }
}
