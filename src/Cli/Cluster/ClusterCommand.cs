using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace IncidentActors.Cli.Cluster;

/// <summary><c>incidentactors cluster</c>: Azurite and a silo per region until Ctrl-C, then silos first and Azurite last.</summary>
internal sealed class ClusterCommand(TimeProvider clock) : AsyncCommand<ClusterCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--regions")]
        [Description("Comma-separated regions, one silo each (name one twice for two silos there).")]
        public string Regions { get; init; } = "emea,amer,apac";

        [CommandOption("--base-port")]
        [Description("Azurite on this port and the next two; silos from base+10, four ports each.")]
        public int BasePort { get; init; } = 7100;

        [CommandOption("--data")]
        [Description("Azurite's data, the silos' logs and the development token key.")]
        public string Data { get; init; } = Path.Combine(".azurite", "cluster");

        [CommandOption("--repo")]
        [Description("The repository (the folder holding IncidentActors.sln); found from the current directory when unset.")]
        public string? Repository { get; init; }

        public IReadOnlyList<string> RegionList =>
            Regions.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        public override ValidationResult Validate() =>
            RegionList.Count == 0 ? ValidationResult.Error("--regions names no region.")
            : BasePort is < 1024 or > 65000 ? ValidationResult.Error("--base-port must be between 1024 and 65000.")
            : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var interruption = new Interruption(cancellationToken);
        var repository = settings.Repository ?? SiloBuild.FindRepositoryRoot();
        var options = new ClusterOptions(repository, settings.RegionList, settings.BasePort, Path.GetFullPath(settings.Data));
        LocalCluster cluster;
        try
        {
            cluster = await LocalCluster.StartAsync(options, Say, interruption.Token);
        }
        catch (OperationCanceledException)
        {
            return 130;
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]{e.Message}[/]");
            return 1;
        }
        await using (cluster)
        {
            Print(cluster.Layout, options.DataDirectory);
            try
            {
                await Task.Delay(Timeout.Infinite, interruption.Token);
            }
            catch (OperationCanceledException)
            {
                AnsiConsole.MarkupLine("Stopping: silos first, then Azurite.");
            }
            await cluster.StopAsync(Say);
        }
        return 0;
    }

    private Action<string> Say => Narration.Stamped(clock);

    private static void Print(ClusterLayout layout, string data)
    {
        var table = new Table().AddColumns("silo", "region", "gRPC", "HTTP", "silo port", "gateway");
        foreach (var silo in layout.Silos)
        {
            table.AddRow(silo.Name, silo.Region, $"127.0.0.1:{silo.GrpcPort}", $"127.0.0.1:{silo.HttpPort}", silo.SiloPort.ToString(), silo.GatewayPort.ToString());
        }
        AnsiConsole.Write(table);
        var first = layout.Silos[0];
        AnsiConsole.MarkupLineInterpolated($"Azurite: blob 127.0.0.1:{layout.Storage.BlobPort}, table 127.0.0.1:{layout.Storage.TablePort}; data and logs in {data}");
        AnsiConsole.MarkupLine($"A development token ([bold]{LocalCluster.Admin}[/] is an org admin; any silo issues it, loopback only):");
        AnsiConsole.WriteLine($"  TOKEN=$(curl -s -X POST '{first.HttpAddress}/dev/token?sub={LocalCluster.Admin}')");
        AnsiConsole.WriteLine($"  grpcurl -plaintext -H \"authorization: Bearer $TOKEN\" 127.0.0.1:{first.GrpcPort} list");
        AnsiConsole.MarkupLine("Or with this tool as the CLI (the token is stored for later commands):");
        AnsiConsole.WriteLine($"  export INCIDENTACTORS_ADDRESS=http://127.0.0.1:{first.GrpcPort}");
        AnsiConsole.WriteLine($"  deploy/incidentactors token dev {LocalCluster.Admin} --http-address {first.HttpAddress} >/dev/null");
        AnsiConsole.WriteLine("  deploy/incidentactors incidents list");
        AnsiConsole.MarkupLine("Ctrl-C stops the silos, then Azurite.");
    }
}
