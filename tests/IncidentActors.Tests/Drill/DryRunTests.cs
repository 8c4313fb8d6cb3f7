extern alias cli;
using System.Net;
using System.Net.Sockets;
using cli::IncidentActors.Cli.Drill;
using cli::IncidentActors.Cli.Drill.Report;
using IncidentActors.Testing;
using Spectre.Console.Cli;
using Xunit;

namespace IncidentActors.Tests.Drill;

public sealed class DryRunTests
{
    [Fact]
    public async Task DryRunSendsNothingAndWritesThePlannedPages()
    {
        // A cluster address that records any connection: a dry run must make none.
        using var cluster = new TcpListener(IPAddress.Loopback, 0);
        cluster.Start();
        var port = ((IPEndPoint)cluster.LocalEndpoint).Port;
        var output = Path.Combine(Path.GetTempPath(), AzuriteFixture.UniqueName("dry"));
        var app = new CommandApp<cli::IncidentActors.Cli.Drill.DrillCommand>();
        app.Configure(config => config.Settings.Registrar.RegisterInstance<TimeProvider>(TimeProvider.System));

        var exit = await app.RunAsync([Scenarios.Shipped("cascading-outage"), "--dry-run", "--seed", "3", "--address", $"127.0.0.1:{port}", "--out", output]);

        Assert.Equal(0, exit);
        Assert.False(cluster.Pending());
        var record = DrillRecordFile.Read(Path.Combine(output, DrillReportWriter.RecordFile));
        var plan = DrillPlanner.Plan(ScenarioReader.ReadFile(Scenarios.Shipped("cascading-outage")), 3);
        Assert.True(record.DryRun);
        Assert.Empty(record.Incidents);
        Assert.Equal(plan.Pages.Select(p => $"{p.Alert}/{p.Step}"), record.Pages.Select(p => p.IdempotencyKey));
        Assert.All(record.Pages, p => Assert.Empty(p.Deliveries));
        Assert.Contains("| dry run | yes: nothing was sent", await File.ReadAllTextAsync(Path.Combine(output, DrillReportWriter.ReportFile)));
    }

    [Fact]
    public async Task ChaosAgainstAGivenAddressIsRefusedBeforeAnythingIsSent()
    {
        using var cluster = new TcpListener(IPAddress.Loopback, 0);
        cluster.Start();
        var port = ((IPEndPoint)cluster.LocalEndpoint).Port;
        var runner = new DrillRunner(DrillPlanner.Plan(ScenarioReader.ReadFile(Scenarios.Shipped("killed-silo")), 1),
            DrillTarget.Running(new Uri($"http://127.0.0.1:{port}"), new Uri($"http://127.0.0.1:{port + 1}")));

        await Assert.ThrowsAsync<DrillRefusedException>(() => runner.RunAsync(CancellationToken.None));

        Assert.False(cluster.Pending());
    }
}
