using IncidentActors.Cli.Api;
using Spectre.Console.Cli;

// The first Ctrl-C cancels the running command, so a watch ends cleanly; a second one ends the process as usual.
using var interrupted = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = !interrupted.IsCancellationRequested;
    interrupted.Cancel();
};

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("incidentactors");
    config.Settings.Registrar.RegisterInstance<TimeProvider>(TimeProvider.System);

    // The everyday CLI: token, services, alerts, incidents, oncall, pages (src/Cli/Api).
    config.AddApiCommands(CliEnvironment.Process);
    // Local cluster and drills (src/Cli/Cluster, src/Cli/Drill).
    config.AddCommand<IncidentActors.Cli.Cluster.ClusterCommand>("cluster")
        .WithDescription("Start Azurite and a silo per region on loopback; Ctrl-C stops the silos, then Azurite.");
    config.AddCommand<IncidentActors.Cli.Drill.DrillCommand>("drill")
        .WithDescription("Run a drill scenario (YAML) against a local cluster it starts, or plan it with --dry-run.");
});
return await app.RunAsync(args, interrupted.Token);
