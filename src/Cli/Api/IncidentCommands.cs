using System.ComponentModel;
using Grpc.Net.Client;
using IncidentActors.Api.V1;
using Spectre.Console;
using Spectre.Console.Cli;

namespace IncidentActors.Cli.Api;

internal sealed class ListIncidentsSettings : ApiSettings
{
    [CommandOption("--service <SERVICE>")]
    public string? Service { get; init; }

    [CommandOption("--unit <UNIT>")]
    [Description("Only this business unit's incidents")]
    public string? Unit { get; init; }

    [CommandOption("--state <STATE>")]
    [Description("triggered, acknowledged or resolved")]
    public string? State { get; init; }

    [CommandOption("--limit <COUNT>")]
    [Description("At most this many, newest first (default 50)")]
    [DefaultValue(50)]
    public int Limit { get; init; } = 50;

    public override ValidationResult Validate() =>
        Limit < 1 ? ValidationResult.Error("--limit must be at least 1") : ApiNames<IncidentStatus>.Check("--state", State);
}

internal class IncidentIdSettings : ApiSettings
{
    [CommandArgument(0, "<incident>")]
    [Description("The incident's id")]
    public string Id { get; init; } = "";
}

internal sealed class IncidentChangeSettings : IncidentIdSettings
{
    [CommandOption("--note <TEXT>")]
    [Description("Kept with the change in the incident's timeline")]
    public string? Note { get; init; }
}

internal sealed class WatchIncidentsSettings : ApiSettings
{
    [CommandOption("--service <SERVICE>")]
    public string? Service { get; init; }

    [CommandOption("--unit <UNIT>")]
    [Description("Only this business unit's incidents (default: every unit you may read)")]
    public string? Unit { get; init; }
}

/// <summary><c>incidents list</c>: a table of incidents, following the listing's pages up to the limit.</summary>
internal sealed class ListIncidentsCommand(ApiConnection connection, CliOutput output) : ApiCommand<ListIncidentsSettings>(connection, output)
{
    private const int MaxPageSize = 500;

    protected override async Task RunAsync(GrpcChannel channel, ListIncidentsSettings settings, CancellationToken cancellationToken)
    {
        var client = new Incidents.IncidentsClient(channel);
        var request = new ListIncidentsRequest
        {
            ServiceId = settings.Service ?? "",
            BusinessUnitId = settings.Unit ?? "",
            Status = ApiNames<IncidentStatus>.Parse(settings.State),
        };
        var listed = new ListIncidentsResponse();
        listed.Incidents.AddRange(await ApiPages.UpToAsync<IncidentSummary>(settings.Limit, MaxPageSize, async (size, token) =>
        {
            (request.PageSize, request.PageToken) = (size, token);
            var page = await client.ListIncidentsAsync(request, cancellationToken: cancellationToken);
            return (page.Incidents, page.NextPageToken);
        }));

        if (settings.Json)
        {
            Output.Json(listed);
            return;
        }
        var table = new Table().AddColumns("ID", "SEVERITY", "STATUS", "SERVICE", "UNIT", "TITLE", "OPENED", "ALERTS");
        foreach (var incident in listed.Incidents)
        {
            table.AddRow(
                Markup.Escape(incident.Id), CliOutput.Name(incident.Severity), CliOutput.Name(incident.Status), Markup.Escape(incident.ServiceId),
                Markup.Escape(incident.BusinessUnitId), Markup.Escape(incident.Title) + (incident.Drill ? " (drill)" : ""),
                CliOutput.Time(incident.OpenedAt), incident.AlertCount.ToString());
        }
        Output.Table(table);
    }
}

/// <summary><c>incidents show &lt;id&gt;</c>: the incident and its timeline.</summary>
internal sealed class ShowIncidentCommand(ApiConnection connection, CliOutput output) : ApiCommand<IncidentIdSettings>(connection, output)
{
    protected override async Task RunAsync(GrpcChannel channel, IncidentIdSettings settings, CancellationToken cancellationToken)
    {
        var incident = await new Incidents.IncidentsClient(channel).GetIncidentAsync(
            new GetIncidentRequest { Id = settings.Id }, cancellationToken: cancellationToken);
        if (settings.Json)
        {
            Output.Json(incident);
            return;
        }
        Output.Details(
            ("incident", incident.Id),
            ("title", incident.Title),
            ("status", CliOutput.Name(incident.Status) + (incident.Lifecycle is { State.Length: > 0 } lifecycle ? $" ({lifecycle.State})" : "")),
            ("severity", $"{CliOutput.Name(incident.Severity)}, {CliOutput.Name(incident.IncidentSeverity)}"),
            ("service", incident.ServiceId),
            ("unit", incident.BusinessUnitId),
            ("drill", incident.Drill ? "yes" : null),
            ("alerts", incident.AlertCount.ToString()),
            ("opened", CliOutput.Time(incident.OpenedAt)),
            ("acknowledged", incident.AcknowledgedAt is null ? null : $"{CliOutput.Time(incident.AcknowledgedAt)} by {incident.AcknowledgedBy}"),
            ("resolved", incident.ResolvedAt is null ? null : $"{CliOutput.Time(incident.ResolvedAt)} by {incident.ResolvedBy}"),
            ("roles", string.Join(", ", incident.Roles.Select(r => $"{CliOutput.Name(r.Role)} {r.ResponderId}"))),
            ("escalation", incident.Escalation is { PolicyId.Length: > 0 } escalation
                ? $"{escalation.PolicyId} level {escalation.Level} round {escalation.Round}" + (escalation.Exhausted ? ", exhausted" : "") : null));
        Output.Line("");
        Output.Line("timeline:");
        foreach (var entry in incident.Timeline)
        {
            Output.Line($"  {CliOutput.Time(entry.At)}  {CliOutput.Name(entry.Kind)}  {entry.Actor}: {entry.Message}");
        }
    }
}

/// <summary><c>incidents ack &lt;id&gt;</c>: acknowledges as the caller, which stops escalation.</summary>
internal sealed class AcknowledgeIncidentCommand(ApiConnection connection, CliOutput output) : ApiCommand<IncidentChangeSettings>(connection, output)
{
    protected override async Task RunAsync(GrpcChannel channel, IncidentChangeSettings settings, CancellationToken cancellationToken)
    {
        var incident = await new Incidents.IncidentsClient(channel).AcknowledgeIncidentAsync(
            new AcknowledgeIncidentRequest { Id = settings.Id, Note = settings.Note ?? "" }, cancellationToken: cancellationToken);
        IncidentChange.Print(Output, incident, settings.Json);
    }
}

/// <summary><c>incidents resolve &lt;id&gt;</c>: resolves as the caller.</summary>
internal sealed class ResolveIncidentCommand(ApiConnection connection, CliOutput output) : ApiCommand<IncidentChangeSettings>(connection, output)
{
    protected override async Task RunAsync(GrpcChannel channel, IncidentChangeSettings settings, CancellationToken cancellationToken)
    {
        var incident = await new Incidents.IncidentsClient(channel).ResolveIncidentAsync(
            new ResolveIncidentRequest { Id = settings.Id, Note = settings.Note ?? "" }, cancellationToken: cancellationToken);
        IncidentChange.Print(Output, incident, settings.Json);
    }
}

/// <summary><c>incidents watch</c>: one line per stored change until Ctrl-C.</summary>
internal sealed class WatchIncidentsCommand(ApiConnection connection, CliOutput output) : ApiCommand<WatchIncidentsSettings>(connection, output)
{
    protected override Task RunAsync(GrpcChannel channel, WatchIncidentsSettings settings, CancellationToken cancellationToken) =>
        WatchAsync(new Incidents.IncidentsClient(channel).WatchIncidents(new WatchIncidentsRequest
        {
            ServiceId = settings.Service ?? "",
            BusinessUnitId = settings.Unit ?? "",
        }, cancellationToken: cancellationToken), "incidents", change =>
        {
            if (settings.Json)
            {
                Output.JsonLine(change);
            }
            else
            {
                Output.Line($"{CliOutput.Time(change.At)}  {change.Incident.Id}  {CliOutput.Name(change.Kind)}  {CliOutput.Name(change.Incident.Status)}  " +
                    $"{change.Actor}: {change.Message}");
            }
            return Task.CompletedTask;
        }, cancellationToken);
}

internal static class IncidentChange
{
    /// <summary>What a change left the incident at: its id, status and the timeline entry the change appended.</summary>
    public static void Print(CliOutput output, Incident incident, bool json)
    {
        if (json)
        {
            output.Json(incident);
            return;
        }
        var last = incident.Timeline.LastOrDefault();
        output.Line($"{incident.Id}: {CliOutput.Name(incident.Status)}" + (last is null ? "" : $" ({last.Actor}: {last.Message})"));
    }
}
