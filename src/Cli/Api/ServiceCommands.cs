using System.ComponentModel;
using Grpc.Net.Client;
using IncidentActors.Api.V1;
using Spectre.Console;
using Spectre.Console.Cli;

namespace IncidentActors.Cli.Api;

internal sealed class ServiceIdSettings : ApiSettings
{
    [CommandArgument(0, "<service>")]
    [Description("The service's id")]
    public string Id { get; init; } = "";
}

internal sealed class RegisterServiceSettings : ApiSettings
{
    [CommandArgument(0, "<service>")]
    [Description("The service's id")]
    public string Id { get; init; } = "";

    [CommandOption("--name <NAME>")]
    public string? Name { get; init; }

    [CommandOption("--owner-team <TEAM>")]
    public string? OwnerTeam { get; init; }

    [CommandOption("--unit <UNIT>")]
    [Description("The business unit that owns the service")]
    public string? Unit { get; init; }

    [CommandOption("--escalation-policy <POLICY>")]
    public string? EscalationPolicy { get; init; }

    [CommandOption("--environment <ENVIRONMENT>")]
    public string? Environment { get; init; }

    [CommandOption("--depends-on <SERVICE>")]
    [Description("An upstream service; repeat for several")]
    public string[] DependsOn { get; init; } = [];
}

internal sealed class ListServicesSettings : ApiSettings
{
    [CommandOption("--unit <UNIT>")]
    [Description("Only this business unit's services (default: every unit you may read)")]
    public string? Unit { get; init; }

    [CommandOption("--limit <COUNT>")]
    [Description("At most this many, in id order (default 100)")]
    [DefaultValue(100)]
    public int Limit { get; init; } = 100;

    public override ValidationResult Validate() =>
        Limit < 1 ? ValidationResult.Error("--limit must be at least 1") : ValidationResult.Success();
}

/// <summary><c>services list</c>: a table of the catalog, following the listing's pages up to the limit.</summary>
internal sealed class ListServicesCommand(ApiConnection connection, CliOutput output) : ApiCommand<ListServicesSettings>(connection, output)
{
    private const int MaxPageSize = 1000;

    protected override async Task RunAsync(GrpcChannel channel, ListServicesSettings settings, CancellationToken cancellationToken)
    {
        var client = new ServiceCatalog.ServiceCatalogClient(channel);
        var request = new ListServicesRequest { BusinessUnitId = settings.Unit ?? "" };
        var listed = new ListServicesResponse();
        listed.Services.AddRange(await ApiPages.UpToAsync<Service>(settings.Limit, MaxPageSize, async (size, token) =>
        {
            (request.PageSize, request.PageToken) = (size, token);
            var page = await client.ListServicesAsync(request, cancellationToken: cancellationToken);
            return (page.Services, page.NextPageToken);
        }));

        if (settings.Json)
        {
            Output.Json(listed);
            return;
        }
        var table = new Table().AddColumns("ID", "NAME", "UNIT", "OWNER TEAM", "ENVIRONMENT", "ESCALATION POLICY", "IMPACT");
        foreach (var service in listed.Services)
        {
            table.AddRow(
                Markup.Escape(service.Id), Markup.Escape(service.Name), Markup.Escape(service.BusinessUnitId), Markup.Escape(service.OwnerTeam),
                Markup.Escape(service.Environment), Markup.Escape(service.EscalationPolicyId), CliOutput.Name(service.Impact));
        }
        Output.Table(table);
    }
}

/// <summary><c>services show &lt;id&gt;</c>: the catalog entry.</summary>
internal sealed class ShowServiceCommand(ApiConnection connection, CliOutput output) : ApiCommand<ServiceIdSettings>(connection, output)
{
    protected override async Task RunAsync(GrpcChannel channel, ServiceIdSettings settings, CancellationToken cancellationToken)
    {
        var service = await new ServiceCatalog.ServiceCatalogClient(channel).GetServiceAsync(
            new GetServiceRequest { Id = settings.Id }, cancellationToken: cancellationToken);
        ServiceDetails.Print(Output, service, settings.Json);
    }
}

/// <summary><c>services register &lt;id&gt; …</c>: defines the service, replacing an earlier definition.</summary>
internal sealed class RegisterServiceCommand(ApiConnection connection, CliOutput output) : ApiCommand<RegisterServiceSettings>(connection, output)
{
    protected override async Task RunAsync(GrpcChannel channel, RegisterServiceSettings settings, CancellationToken cancellationToken)
    {
        var service = await new ServiceCatalog.ServiceCatalogClient(channel).RegisterServiceAsync(new RegisterServiceRequest
        {
            Id = settings.Id,
            Name = settings.Name ?? "",
            OwnerTeam = settings.OwnerTeam ?? "",
            BusinessUnitId = settings.Unit ?? "",
            EscalationPolicyId = settings.EscalationPolicy ?? "",
            Environment = settings.Environment ?? "",
            DependsOn = { settings.DependsOn },
        }, cancellationToken: cancellationToken);
        ServiceDetails.Print(Output, service, settings.Json);
    }
}

internal static class ServiceDetails
{
    public static void Print(CliOutput output, Service service, bool json)
    {
        if (json)
        {
            output.Json(service);
            return;
        }
        output.Details(
            ("service", service.Id),
            ("name", service.Name),
            ("unit", service.BusinessUnitId),
            ("owner team", service.OwnerTeam),
            ("environment", service.Environment),
            ("escalation policy", service.EscalationPolicyId),
            ("depends on", string.Join(", ", service.DependsOn)),
            ("dependents", string.Join(", ", service.Dependents)),
            ("registered", CliOutput.Time(service.RegisteredAt)),
            ("updated", CliOutput.Time(service.UpdatedAt)),
            ("maintenance", string.Join(", ", service.MaintenanceWindows.Select(w =>
                $"{w.Id} {CliOutput.Time(w.Start)} to {CliOutput.Time(w.End)}"))),
            ("heartbeat", service.Heartbeat is { } beat
                ? $"every {beat.Interval.ToTimeSpan()}, last {(beat.LastBeatAt is null ? "never" : CliOutput.Time(beat.LastBeatAt))}" : null),
            ("suppressed alerts", service.SuppressedCount > 0 ? service.SuppressedCount.ToString() : null));
    }
}
