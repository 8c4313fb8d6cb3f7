using System.ComponentModel;
using Grpc.Net.Client;
using IncidentActors.Api.V1;
using Spectre.Console.Cli;

namespace IncidentActors.Cli.Api;

internal sealed class SendAlertSettings : ApiSettings
{
    [CommandArgument(0, "<service>")]
    [Description("The service the alert is about")]
    public string ServiceId { get; init; } = "";

    [CommandOption("--summary <TEXT>")]
    public string? Summary { get; init; }

    [CommandOption("--severity <SEVERITY>")]
    [Description("critical, error, warning or info")]
    public string? Severity { get; init; }

    [CommandOption("--dedup-key <KEY>")]
    [Description("Alerts with the same key land on the same open incident")]
    public string? DedupKey { get; init; }

    [CommandOption("--source <SOURCE>")]
    [Description("Who raised it (default: cli)")]
    [DefaultValue("cli")]
    public string Source { get; init; } = "cli";

    [CommandOption("--drill")]
    [Description("A drill alert: pages simulated responders only and counts in no production metric")]
    public bool Drill { get; init; }

    public override Spectre.Console.ValidationResult Validate() => ApiNames<AlertSeverity>.Check("--severity", Severity);
}

/// <summary><c>alerts send &lt;service&gt; --summary … --severity …</c>: one alert through intake, as a monitoring tool sends it.</summary>
internal sealed class SendAlertCommand(ApiConnection connection, CliOutput output) : ApiCommand<SendAlertSettings>(connection, output)
{
    protected override async Task RunAsync(GrpcChannel channel, SendAlertSettings settings, CancellationToken cancellationToken)
    {
        var result = await new AlertIntake.AlertIntakeClient(channel).SendAlertAsync(new AlertEvent
        {
            ServiceId = settings.ServiceId,
            Action = AlertAction.Trigger,
            Summary = settings.Summary ?? "",
            Severity = ApiNames<AlertSeverity>.Parse(settings.Severity),
            DedupKey = settings.DedupKey ?? "",
            Source = settings.Source,
            Drill = settings.Drill,
        }, cancellationToken: cancellationToken);
        if (settings.Json)
        {
            Output.Json(result);
            return;
        }
        Output.Details(
            ("alert", CliOutput.Name(result.Disposition)),
            ("incident", result.IncidentId),
            ("status", result.Status == IncidentStatus.Unspecified ? null : CliOutput.Name(result.Status)),
            ("alerts", result.AlertCount > 0 ? result.AlertCount.ToString() : null),
            ("dedup key", result.DedupKey));
    }
}
