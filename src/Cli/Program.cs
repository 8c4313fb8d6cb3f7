using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("incidentactors");
});
return await app.RunAsync(args);
