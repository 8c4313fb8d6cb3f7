using System.ComponentModel;
using Spectre.Console.Cli;

namespace IncidentActors.Cli.Api;

/// <summary>Where the API is and who calls it: options every API command takes.</summary>
public class ApiSettings : CommandSettings
{
    public const string DefaultAddress = "http://127.0.0.1:5080";

    [CommandOption("--address <URL>")]
    [Description("The gRPC endpoint (default $INCIDENTACTORS_ADDRESS, else " + DefaultAddress + ")")]
    public string? Address { get; init; }

    [CommandOption("--token <JWT>")]
    [Description("Bearer token (default $INCIDENTACTORS_TOKEN, else the one `token dev` or `token set` stored)")]
    public string? Token { get; init; }

    [CommandOption("--json")]
    [Description("Print the API's answer as JSON (one object per line for watch streams)")]
    public bool Json { get; init; }
}
