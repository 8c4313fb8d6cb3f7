using System.ComponentModel;
using Grpc.Net.Client;
using IncidentActors.Api.V1;
using Spectre.Console;
using Spectre.Console.Cli;

namespace IncidentActors.Cli.Api;

internal sealed class OnCallSettings : ApiSettings
{
    [CommandArgument(0, "<rotation>")]
    [Description("The rotation's id")]
    public string RotationId { get; init; } = "";

    [CommandOption("--shifts <COUNT>")]
    [Description("How many shifts to list from now (default 5)")]
    [DefaultValue(5)]
    public int Shifts { get; init; } = 5;

    public override ValidationResult Validate() =>
        Shifts < 1 ? ValidationResult.Error("--shifts must be at least 1") : ValidationResult.Success();
}

/// <summary><c>oncall &lt;rotation&gt;</c>: who is on call now, by the server's clock, and the shifts from now on.</summary>
internal sealed class OnCallCommand(ApiConnection connection, CliOutput output) : ApiCommand<OnCallSettings>(connection, output)
{
    protected override async Task RunAsync(GrpcChannel channel, OnCallSettings settings, CancellationToken cancellationToken)
    {
        var client = new OnCall.OnCallClient(channel);
        var now = await client.WhoIsOnCallAsync(new WhoIsOnCallRequest { RotationId = settings.RotationId }, cancellationToken: cancellationToken);
        var shifts = await client.ListShiftsAsync(new ListShiftsRequest { RotationId = settings.RotationId, Count = settings.Shifts },
            cancellationToken: cancellationToken);
        if (settings.Json)
        {
            Output.JsonLine(now);
            Output.JsonLine(shifts);
            return;
        }
        Output.Line(now.Shift is { } shift
            ? $"on call now: {shift.ResponderId} until {CliOutput.Time(shift.End)}" + (shift.Region.Length > 0 ? $" ({shift.Region})" : "")
            : "on call now: nobody");
        var table = new Table().AddColumns("RESPONDER", "FROM", "UNTIL", "SOURCE", "REGION");
        foreach (var next in shifts.Shifts)
        {
            table.AddRow(Markup.Escape(next.ResponderId), CliOutput.Time(next.Start), CliOutput.Time(next.End), Markup.Escape(next.Source), Markup.Escape(next.Region));
        }
        Output.Table(table);
    }
}
