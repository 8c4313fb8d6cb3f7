using System.ComponentModel;
using Grpc.Core;
using IncidentActors.Cli.Cluster;
using IncidentActors.Cli.Drill.Report;
using Spectre.Console;
using Spectre.Console.Cli;

namespace IncidentActors.Cli.Drill;

/// <summary><c>incidentactors drill &lt;scenario.yaml&gt;</c>: plan, run against a cluster, write record.json, judge the assertions.</summary>
internal sealed class DrillCommand(TimeProvider clock) : AsyncCommand<DrillCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<scenario>")]
        [Description("The scenario file (YAML), e.g. deploy/drills/killed-silo.yaml.")]
        public string Scenario { get; init; } = "";

        [CommandOption("--seed")]
        [Description("Fixes the simulated responders' choices and the alert jitter; the same seed gives the same plan.")]
        public int Seed { get; init; } = 1;

        [CommandOption("--dry-run")]
        [Description("List the planned timeline (alerts, acknowledgements, chaos, expected pages) and send nothing.")]
        public bool DryRun { get; init; }

        [CommandOption("--address")]
        [Description("The gRPC address of a running cluster (its development token issuer on the next port); chaos is refused there.")]
        public string? Address { get; init; }

        [CommandOption("--out")]
        [Description("Where record.json (and the report) go.")]
        public string? Out { get; init; }

        [CommandOption("--base-port")]
        [Description("Ports of the cluster the drill starts, as for `cluster`.")]
        public int BasePort { get; init; } = 7300;

        [CommandOption("--data")]
        [Description("Data and logs of the cluster the drill starts.")]
        public string Data { get; init; } = Path.Combine(".azurite", "drill");

        [CommandOption("--repo")]
        [Description("The repository (the folder holding IncidentActors.sln); found from the current directory when unset.")]
        public string? Repository { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        Scenario scenario;
        try
        {
            scenario = ScenarioReader.ReadFile(settings.Scenario);
        }
        catch (Exception e) when (e is ScenarioException or IOException or UnauthorizedAccessException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]{e.Message}[/]");
            return 2;
        }
        var plan = DrillPlanner.Plan(scenario, settings.Seed);
        var output = settings.Out ?? Path.Combine("drills", $"{scenario.Name}-seed{settings.Seed}");
        if (settings.DryRun)
        {
            foreach (var line in plan.Lines())
            {
                Console.WriteLine(line);
            }
            await DrillReportWriter.WriteAsync(DrillRecordFile.DryRun(plan, clock.GetUtcNow()), output, cancellationToken);
            AnsiConsole.MarkupLineInterpolated($"Dry run: nothing sent. The plan's record and report are in {output}");
            return 0;
        }
        if (settings.Address is not null && scenario.Chaos.Count > 0)
        {
            AnsiConsole.MarkupLine("[red]This scenario injects chaos, which needs a cluster this tool started and can bring back: run it without --address.[/]");
            return 2;
        }

        using var interruption = new Interruption(cancellationToken);
        LocalCluster? cluster = null;
        try
        {
            DrillTarget target;
            if (settings.Address is { } address)
            {
                var grpc = new Uri(address.Contains("://", StringComparison.Ordinal) ? address : $"http://{address}");
                target = DrillTarget.Running(grpc, new UriBuilder(grpc) { Port = grpc.Port + 1 }.Uri);
            }
            else
            {
                cluster = await LocalCluster.StartAsync(new ClusterOptions(settings.Repository ?? SiloBuild.FindRepositoryRoot(), scenario.Regions,
                    settings.BasePort, Path.GetFullPath(settings.Data)), Say, interruption.Token);
                target = DrillTarget.Started(cluster);
            }
            var record = await RunWithProgressAsync(new DrillRunner(plan, target, Latest), scenario, interruption.Token);
            // Written even when the drill was interrupted: the record says so, and what chaos was undone.
            await DrillReportWriter.WriteAsync(record, output, CancellationToken.None);
            Summarise(record, output);
            return record.Assertions.All(a => a.Passed) ? 0 : 1;
        }
        catch (RpcException e)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]The cluster refused the drill: {e.Status.StatusCode}: {e.Status.Detail}[/]");
            return 1;
        }
        catch (Exception e) when (e is DrillRefusedException or InvalidOperationException or TimeoutException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]{e.Message}[/]");
            return 2;
        }
        catch (OperationCanceledException)
        {
            return 130;
        }
        finally
        {
            if (cluster is not null)
            {
                await cluster.StopAsync(Say);
                await cluster.DisposeAsync();
            }
        }
    }

    private DrillStatus? _latest;

    private void Latest(DrillStatus status) => _latest = status;

    private async Task<DrillRecord> RunWithProgressAsync(DrillRunner runner, Scenario scenario, CancellationToken cancellationToken)
    {
        var run = runner.RunAsync(cancellationToken);
        await AnsiConsole.Live(Render(scenario, runner.RunId, null)).StartAsync(async live =>
        {
            while (!run.IsCompleted)
            {
                live.UpdateTarget(Render(scenario, runner.RunId, _latest));
                await Task.WhenAny(run, Task.Delay(500, CancellationToken.None));
            }
        });
        return await run;
    }

    private static Rows Render(Scenario scenario, string run, DrillStatus? s)
    {
        var table = new Table().Title($"drill {scenario.Name} (run {run})").AddColumns("time", "alerts", "incidents", "pages due / delivered", "acknowledged", "chaos standing");
        table.AddRow(s is null || s.Elapsed <= TimeSpan.Zero ? "setting up" : $"{s.Elapsed.TotalSeconds:0}/{s.Duration.TotalSeconds:0} s", $"{s?.AlertsSent ?? 0}/{scenario.Alerts.Count}",
            $"{s?.Incidents ?? 0}", $"{s?.PagesDue ?? 0} / {s?.PagesDelivered ?? 0}", $"{s?.Acknowledged ?? 0}", $"{s?.ChaosStanding ?? 0}");
        return new Rows([table, .. (s?.Recent ?? []).Select(line => new Text(line))]);
    }

    private static void Summarise(DrillRecord record, string output)
    {
        var table = new Table().AddColumns("expectation", "result", "detail");
        foreach (var a in record.Assertions)
        {
            table.AddRow(Markup.Escape(a.Expectation), a.Passed ? "[green]passed[/]" : "[red]failed[/]", Markup.Escape(a.Detail));
        }
        AnsiConsole.Write(table);
        foreach (var c in record.Chaos)
        {
            AnsiConsole.MarkupLineInterpolated($"chaos {c.Kind} {c.Target}: injected {c.InjectedAt:HH:mm:ss}, undone {c.UndoneAt:HH:mm:ss} ({c.UndoneBecause})");
        }
        AnsiConsole.MarkupLineInterpolated($"Report: {Path.Combine(output, DrillReportWriter.ReportFile)} (charts in {Path.Combine(output, "charts")}, record in {Path.Combine(output, DrillReportWriter.RecordFile)})");
    }

    private Action<string> Say => Narration.Stamped(clock);
}
