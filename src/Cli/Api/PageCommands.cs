using System.ComponentModel;
using Grpc.Net.Client;
using IncidentActors.Api.V1;
using Spectre.Console.Cli;

namespace IncidentActors.Cli.Api;

internal sealed class WatchPagesSettings : ApiSettings
{
    [CommandArgument(0, "<responder>")]
    [Description("Your responder id (the token's subject): only a page's own responder may acknowledge its delivery")]
    public string ResponderId { get; init; } = "";
}

/// <summary>
/// <c>pages watch &lt;responder&gt;</c>: prints each page once and acknowledges its delivery, so the page counts as
/// delivered and is not sent again; a page repeated before that (same key) is acknowledged without printing it twice.
/// </summary>
internal sealed class WatchPagesCommand(ApiConnection connection, CliOutput output) : ApiCommand<WatchPagesSettings>(connection, output)
{
    protected override async Task RunAsync(GrpcChannel channel, WatchPagesSettings settings, CancellationToken cancellationToken)
    {
        var client = new Responders.RespondersClient(channel);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await WatchAsync(client.WatchPages(new WatchPagesRequest { ResponderId = settings.ResponderId }, cancellationToken: cancellationToken), $"pages of {settings.ResponderId}", async page =>
        {
            if (seen.Add(page.IdempotencyKey))
            {
                Print(page, settings.Json);
            }
            await client.AcknowledgePageDeliveryAsync(new AcknowledgePageDeliveryRequest
            {
                ResponderId = settings.ResponderId, IdempotencyKey = page.IdempotencyKey,
            }, cancellationToken: cancellationToken);
        }, cancellationToken);
    }

    private void Print(PageMessage page, bool json)
    {
        if (json)
        {
            Output.JsonLine(page);
        }
        else if (page.Notice is { } notice)
        {
            Output.Line($"{CliOutput.Time(page.PagedAt)}  notice  {notice.Text}");
        }
        else
        {
            Output.Line($"{CliOutput.Time(page.PagedAt)}  {page.IncidentId}  {CliOutput.Name(page.Severity)}  " +
                $"{(page.Reminder ? "reminder" : $"level {page.Level}")}  {page.Title}" + (page.Reason.Length > 0 ? $" ({page.Reason})" : ""));
        }
    }
}
