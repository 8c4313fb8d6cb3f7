using IncidentActors.Silo;

namespace IncidentActors.Benchmarks;

/// <summary>Which grain storage this run's silos use, so that the providers can be measured side by side.</summary>
internal static class BenchStorage
{
    private const string Option = "--grain-storage";

    public static GrainStorageProvider GrainStorage { get; private set; } = GrainStorageProvider.Grouped;

    /// <summary>The same option for a child silo process, so that it stores as its parent does.</summary>
    public static string[] Arguments => [Option, GrainStorage.ToString()];

    /// <summary>Reads and removes <c>--grain-storage grouped|official</c>, leaving the positional arguments.</summary>
    public static string[] TakeFrom(string[] args)
    {
        var at = Array.IndexOf(args, Option);
        if (at < 0)
        {
            return args;
        }
        if (at + 1 >= args.Length || !Enum.TryParse<GrainStorageProvider>(args[at + 1], ignoreCase: true, out var provider) || !Enum.IsDefined(provider))
        {
            throw new ArgumentException($"{Option} takes one of {string.Join(", ", Enum.GetNames<GrainStorageProvider>())}.");
        }
        GrainStorage = provider;
        Console.WriteLine($"grain storage: {provider}");
        return [.. args[..at], .. args[(at + 2)..]];
    }
}
