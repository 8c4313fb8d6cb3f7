extern alias cli;
using cli::IncidentActors.Cli.Cluster;
using cli::IncidentActors.Cli.Drill;
using cli::IncidentActors.Cli.Drill.Report;
using IncidentActors.Testing;
using Xunit;

namespace IncidentActors.Tests.Drill;

/// <summary>Two silos (emea, amer) and Azurite, started by the drill tool's own launcher, shared by these drills.</summary>
public sealed class DrillClusterFixture : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), AzuriteFixture.UniqueName("drill"));

    public LocalCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var root = RepositoryRoot.Find();
        // The silo this test build built beside it (Debug or Release, as the tests were built).
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var silo = Path.Combine(root, "src", "Silo", "bin", configuration, "net10.0", "IncidentActors.Silo.dll");
        var basePort = FreePortRun(20);
        Cluster = await LocalCluster.StartAsync(new ClusterOptions(root, ["emea", "amer"], basePort,
            _data, silo, AzuriteFixture.UniqueName("c")), _ => { }, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    private static int FreePortRun(int count)
    {
        while (true)
        {
            var first = AzuriteFixture.FreeLoopbackPort();
            if (first + count < 32_768 && Ports.AllFree(first + 1, first + count))
            {
                return first;
            }
        }
    }
}

public sealed class DrillEndToEndTests(DrillClusterFixture fixture) : IClassFixture<DrillClusterFixture>
{
    [Fact]
    public async Task KilledSiloLosesNothingAndPagesNobodyTwice()
    {
        var plan = DrillPlanner.Plan(ScenarioReader.ReadFile(Scenarios.Shipped("killed-silo")), 1);

        var record = await new DrillRunner(plan, DrillTarget.Started(fixture.Cluster)).RunAsync(CancellationToken.None);

        Assert.Null(record.AbortedBecause);
        Assert.All(record.Assertions, a => Assert.True(a.Passed, $"{a.Expectation}: {a.Detail}"));
        Assert.Contains(record.Assertions, a => a.Expectation == "nothing lost");
        var incident = Assert.Single(record.Incidents);
        Assert.Equal(1, incident.Escalations);
        Assert.Equal(2, record.Pages.Count(p => p.Expected && p.Deliveries.Count == 1));
        Assert.Contains(record.Pages, p => p.Responder == "backup" && p.AcknowledgedAt is not null);
        var kill = Assert.Single(record.Chaos);
        Assert.Equal(("kill-silo", "emea-1", "fault time up"), (kill.Kind, kill.Target, kill.UndoneBecause));
        Assert.True(fixture.Cluster.IsRunning("emea-1"));
        var output = Path.Combine(Path.GetTempPath(), AzuriteFixture.UniqueName("drill-report"));
        await DrillReportWriter.WriteAsync(record, output);
        var report = await File.ReadAllTextAsync(Path.Combine(output, DrillReportWriter.ReportFile));
        Assert.Contains("**PASS**", report);
        Assert.DoesNotContain("NEVER UNDONE", report);
        Assert.True(File.Exists(Path.Combine(output, "charts", "pages-over-time.png")));
        Directory.Delete(output, recursive: true);
    }

    [Fact]
    public async Task AbortedDrillBringsTheKilledSiloBack()
    {
        var scenario = Scenarios.Read(Scenarios.Escalating("""
            chaos:
              - kill_silo: emea-1
                at: 2s
                for: 50s
            """, duration: "60s"));
        using var abort = new CancellationTokenSource();
        var run = new DrillRunner(DrillPlanner.Plan(scenario, 1), DrillTarget.Started(fixture.Cluster)).RunAsync(abort.Token);
        await KilledAsync("emea-1", run);
        Assert.False(fixture.Cluster.IsRunning("emea-1"));

        await abort.CancelAsync();
        var record = await run;

        Assert.Equal("drill interrupted", record.AbortedBecause);
        var kill = Assert.Single(record.Chaos);
        Assert.Equal("drill aborted", kill.UndoneBecause);
        Assert.NotNull(kill.UndoneAt);
        Assert.True(fixture.Cluster.IsRunning("emea-1"));
        Assert.Contains(record.Assertions, a => a.Expectation == "every fault undone" && a.Passed);
    }

    [Fact]
    public async Task RealIncidentInAUnitUnderDrillStopsItAndUndoesTheChaos()
    {
        var scenario = Scenarios.Read(Scenarios.Escalating("""
            chaos:
              - kill_silo: amer-1
                at: 1s
                for: 50s
            """, duration: "60s"));
        var runner = new DrillRunner(DrillPlanner.Plan(scenario, 1), DrillTarget.Started(fixture.Cluster));
        var run = runner.RunAsync(CancellationToken.None);
        await KilledAsync("amer-1", run);

        // Someone's monitoring reports a real outage of a service the drill set up: not a drill. Sent again while the
        // cluster is still failing the killed silo over, as the drill's own calls are.
        var emea = fixture.Cluster.Silo("emea-1");
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(emea.GrpcAddress);
        var admin = new Grpc.Core.Metadata { { "authorization", $"Bearer {await fixture.Cluster.TokenAsync(LocalCluster.Admin, CancellationToken.None)}" } };
        var real = new Api.V1.AlertEvent
        {
            ServiceId = $"{runner.RunId}-db", Action = Api.V1.AlertAction.Trigger, DedupKey = "real", Summary = "real outage", Source = "prometheus",
            Severity = Api.V1.AlertSeverity.Critical,
        };
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await new Api.V1.AlertIntake.AlertIntakeClient(channel).SendAlertAsync(real, admin);
                break;
            }
            catch (Grpc.Core.RpcException e) when (e.StatusCode is Grpc.Core.StatusCode.Unknown or Grpc.Core.StatusCode.Unavailable && attempt < 100)
            {
                await Task.Delay(500);
            }
        }
        var record = await run;

        Assert.StartsWith("stop condition: a real (non-drill) incident", record.AbortedBecause);
        var kill = Assert.Single(record.Chaos);
        Assert.Equal(record.AbortedBecause, kill.UndoneBecause);
        Assert.True(fixture.Cluster.IsRunning("amer-1"));
    }

    // Until the drill's chaos has killed the silo (or the drill ended without doing so).
    private async Task KilledAsync(string silo, Task run)
    {
        var until = DateTime.UtcNow.AddMinutes(2);
        while (fixture.Cluster.IsRunning(silo) && DateTime.UtcNow < until && !run.IsCompleted)
        {
            await Task.Delay(100);
        }
    }
}
