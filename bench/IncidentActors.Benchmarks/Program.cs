using IncidentActors.Benchmarks;

// Usage:
//   dotnet run -c Release --project bench/IncidentActors.Benchmarks -- lateness 10000
//   dotnet run -c Release --project bench/IncidentActors.Benchmarks -- failover 10000
//   dotnet run -c Release --project bench/IncidentActors.Benchmarks -- escalation 10000 [ack-window-seconds] [openings-per-second]
//   dotnet run -c Release --project bench/IncidentActors.Benchmarks -- escalation-failover 10000
//   dotnet run -c Release --project bench/IncidentActors.Benchmarks -- ingest 10 ["scenario name part"]   (seconds per scenario)
//   dotnet run -c Release --project bench/IncidentActors.Benchmarks -- metrics 100000 [alerts-per-second] [seconds]
//   dotnet run -c Release --project bench/IncidentActors.Benchmarks -- status-pages 1000 [readers] [seconds]   (incidents in history)
// ("silo" is the child process that the failover runs start and kill.)
// Any of them takes --grain-storage grouped|official (default grouped) to keep grain state in that provider.
args = BenchStorage.TakeFrom(args);
var mode = args.ElementAtOrDefault(0) ?? "lateness";
var count = mode == "silo" ? 0 : int.Parse(args.ElementAtOrDefault(1) ?? "10000");
return mode switch
{
    "lateness" => await DeadlineBenchmarks.LatenessAsync(count),
    "failover" => await DeadlineBenchmarks.FailoverAsync(count),
    "escalation" => await EscalationBenchmarks.RunAsync(count, args.Length > 2 ? TimeSpan.FromSeconds(int.Parse(args[2])) : null,
        args.Length > 3 ? double.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : null),
    "escalation-failover" => await EscalationBenchmarks.FailoverAsync(count),
    "ingest" => await IngestBenchmarks.RunAsync(TimeSpan.FromSeconds(count), args.ElementAtOrDefault(2)),
    "metrics" => await MetricsBenchmarks.RunAsync(count, double.Parse(args.ElementAtOrDefault(2) ?? "1000", System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(args.ElementAtOrDefault(3) ?? "20")),
    "status-pages" => await StatusPageBenchmarks.RunAsync(count, int.Parse(args.ElementAtOrDefault(2) ?? "200"), int.Parse(args.ElementAtOrDefault(3) ?? "10")),
    "silo" => await ChildSilo.RunAsync(args[1], args[2], int.Parse(args[3]), int.Parse(args[4]), args.ElementAtOrDefault(5)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: IncidentActors.Benchmarks (lateness|failover|escalation|escalation-failover|ingest|metrics|status-pages) [count or seconds] [ack-window-seconds] [openings-per-second] [--grain-storage grouped|official]");
    return 2;
}
