using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("incidentactors");

    // Local cluster and drills (src/Cli/Cluster, src/Cli/Drill).
    config.AddCommand<IncidentActors.Cli.Cluster.ClusterCommand>("cluster")
        .WithDescription("Start Azurite and a silo per region on loopback; Ctrl-C stops the silos, then Azurite.");
    config.AddCommand<IncidentActors.Cli.Drill.DrillCommand>("drill")
        .WithDescription("Run a drill scenario (YAML) against a local cluster it starts, or plan it with --dry-run.");
});
return await app.RunAsync(args);
