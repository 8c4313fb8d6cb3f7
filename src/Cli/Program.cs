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

    // The everyday CLI: token, services, alerts, incidents, oncall, pages (src/Cli/Api).
    config.AddApiCommands(CliEnvironment.Process);
});
return await app.RunAsync(args, interrupted.Token);
