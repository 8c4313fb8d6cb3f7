using IncidentActors.Cli.Api;
using Spectre.Console.Cli;

// Ctrl-C cancels the running command: a watch then ends cleanly instead of the process being killed.
using var interrupted = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
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
