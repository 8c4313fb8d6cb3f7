using Spectre.Console.Cli;

namespace IncidentActors.Cli.Api;

/// <summary>The everyday commands, which call the API as the person holding the token.</summary>
public static class ApiCommands
{
    /// <summary>Registers the API commands and the tool's error reporting (one line on stderr, an exit code) on <paramref name="config"/>.</summary>
    public static IConfigurator AddApiCommands(this IConfigurator config, CliEnvironment environment)
    {
        var tokens = new TokenStore(environment);
        var registrar = config.Settings.Registrar;
        registrar.RegisterInstance<CliEnvironment>(environment);
        registrar.RegisterInstance<TokenStore>(tokens);
        registrar.RegisterInstance<ApiConnection>(new ApiConnection(environment, tokens));
        registrar.RegisterInstance<CliOutput>(new CliOutput(environment));
        config.ConfigureConsole(environment.CreateConsole());
        config.SetExceptionHandler((exception, _) => Failures.Report(exception, environment.Error));
        // An unknown option is a usage error, not an argument silently ignored.
        config.Settings.StrictParsing = true;

        config.AddBranch("token", token =>
        {
            token.SetDescription("The bearer token later commands call with");
            token.AddCommand<DevTokenCommand>("dev").WithDescription("Get a token from the silo's development issuer and store it");
            token.AddCommand<SetTokenCommand>("set").WithDescription("Store a token from your identity provider");
            token.AddCommand<ShowTokenCommand>("show").WithDescription("Show who the stored (or $INCIDENTACTORS_TOKEN) token is for");
        });
        config.AddBranch("services", services =>
        {
            services.SetDescription("The service catalog");
            services.AddCommand<ShowServiceCommand>("show").WithDescription("Show a service's catalog entry");
            services.AddCommand<RegisterServiceCommand>("register").WithDescription("Register a service, replacing its earlier definition");
            services.AddCommand<ListServicesCommand>("list").WithDescription("List the service catalog, in id order");
        });
        config.AddBranch("alerts", alerts =>
        {
            alerts.SetDescription("Alert intake");
            alerts.AddCommand<SendAlertCommand>("send").WithDescription("Send an alert about a service");
        });
        config.AddBranch("incidents", incidents =>
        {
            incidents.SetDescription("Incidents");
            incidents.AddCommand<ListIncidentsCommand>("list").WithDescription("List incidents, newest first");
            incidents.AddCommand<ShowIncidentCommand>("show").WithDescription("Show an incident and its timeline");
            incidents.AddCommand<AcknowledgeIncidentCommand>("ack").WithDescription("Acknowledge an incident");
            incidents.AddCommand<ResolveIncidentCommand>("resolve").WithDescription("Resolve an incident");
            incidents.AddCommand<WatchIncidentsCommand>("watch").WithDescription("Print each change of incidents as it happens, until Ctrl-C");
        });
        config.AddCommand<OnCallCommand>("oncall").WithDescription("Who is on call in a rotation now, and the next shifts");
        config.AddBranch("pages", pages =>
        {
            pages.SetDescription("Your pages");
            pages.AddCommand<WatchPagesCommand>("watch").WithDescription("Print your pages as they come, acknowledging their delivery, until Ctrl-C");
        });
        return config;
    }
}
