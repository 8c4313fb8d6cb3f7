using System.Diagnostics;

namespace IncidentActors.Cli.Cluster;

/// <summary>The Release silo, built (incrementally) before each start so that a cluster never runs yesterday's code.</summary>
internal static class SiloBuild
{
    private static string ReleaseAssembly(string repositoryRoot) =>
        Path.Combine(repositoryRoot, "src", "Silo", "bin", "Release", "net10.0", "IncidentActors.Silo.dll");

    public static async Task<string> BuildAsync(string repositoryRoot, Action<string> report, CancellationToken cancellationToken)
    {
        var assembly = ReleaseAssembly(repositoryRoot);
        report("building the Release silo (dotnet build src/Silo -c Release)");
        using var build = Process.Start(new ProcessStartInfo("dotnet", ["build", Path.Combine(repositoryRoot, "src", "Silo"), "-c", "Release", "-v", "quiet"])
        {
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("dotnet build did not start.");
        var output = await build.StandardOutput.ReadToEndAsync(cancellationToken);
        await build.WaitForExitAsync(cancellationToken);
        if (build.ExitCode != 0 || !File.Exists(assembly))
        {
            throw new InvalidOperationException($"Building the silo failed:\n{output}");
        }
        return assembly;
    }

    /// <summary>The folder holding IncidentActors.sln, from the current directory or this tool's own location upwards.</summary>
    public static string FindRepositoryRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "IncidentActors.sln")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new InvalidOperationException("IncidentActors.sln was not found above the current directory; run from the repository or pass --repo.");
    }
}
