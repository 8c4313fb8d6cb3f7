using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace IncidentActors.Cli.Cluster;

/// <summary>What to start: regions in order (a region named twice gets two silos), ports from one base, one data folder.</summary>
/// <param name="RepositoryRoot">The folder holding IncidentActors.sln: Azurite's script and the silo are found from it.</param>
/// <param name="SiloAssembly">The silo to run; unset, the Release build, brought up to date first.</param>
public sealed record ClusterOptions(
    string RepositoryRoot,
    IReadOnlyList<string> Regions,
    int BasePort,
    string DataDirectory,
    string? SiloAssembly = null,
    string ClusterId = "incidentactors-local");

/// <summary>
/// Azurite and a silo per region, each silo with its co-hosted frontend, on fixed loopback ports. Faults a drill
/// injects (kill -9 a silo, stop Azurite) are undone here on the same ports and data, and stopping always takes the
/// silos first (they leave the cluster through storage) and Azurite last.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    /// <summary>The silo's own graceful shutdown timeout (IncidentActorsHost.ShutdownTimeout) and a margin to exit after it.</summary>
    public static readonly TimeSpan SiloStopGrace = TimeSpan.FromSeconds(30) + TimeSpan.FromSeconds(10);

    private static readonly TimeSpan StorageStopGrace = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(3);

    private readonly ClusterOptions _options;
    private readonly string _siloAssembly;
    private readonly string _signingKey;
    // Read from any thread (IsRunning); changed under _gate.
    private readonly ConcurrentDictionary<string, ChildProcess?> _silos = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private ChildProcess? _storage;
    private bool _stopped;

    private LocalCluster(ClusterOptions options, string siloAssembly, string signingKey)
    {
        _options = options;
        _siloAssembly = siloAssembly;
        _signingKey = signingKey;
        Layout = ClusterLayout.From(options.Regions, options.BasePort);
    }

    public ClusterLayout Layout { get; }

    /// <summary>Who is an org admin on every silo, and gets tokens for setting a drill up.</summary>
    public const string Admin = "admin";

    public bool IsRunning(string silo) => _silos.TryGetValue(silo, out var process) && process is { HasExited: false };

    public bool StorageRunning => _storage is { HasExited: false };

    public SiloEndpoints Silo(string name) =>
        Layout.Silos.FirstOrDefault(s => s.Name == name) ?? throw new ArgumentException($"No silo named '{name}'.", nameof(name));

    /// <summary>Starts Azurite, then every silo, and returns once each answers /healthz/ready.</summary>
    public static async Task<LocalCluster> StartAsync(ClusterOptions options, Action<string> report, CancellationToken cancellationToken)
    {
        var layout = ClusterLayout.From(options.Regions, options.BasePort);
        if (!Ports.AllFree(options.BasePort, layout.LastPort))
        {
            throw new InvalidOperationException(
                $"A port between {options.BasePort} and {layout.LastPort} is taken: is a cluster already running there? Choose another --base-port.");
        }
        var silo = options.SiloAssembly ?? await SiloBuild.BuildAsync(options.RepositoryRoot, report, cancellationToken);
        Directory.CreateDirectory(options.DataDirectory);
        var cluster = new LocalCluster(options, silo, SigningKey(options.DataDirectory));
        try
        {
            await cluster.StartStorageAsync(cancellationToken);
            report($"Azurite answers on 127.0.0.1:{cluster.Layout.Storage.BlobPort}-{cluster.Layout.Storage.TablePort}");
            foreach (var endpoints in cluster.Layout.Silos)
            {
                cluster._silos[endpoints.Name] = cluster.LaunchSilo(endpoints);
            }
            await Task.WhenAll(cluster.Layout.Silos.Select(async s =>
            {
                await cluster.WaitReadyAsync(s, cancellationToken);
                report($"silo {s.Name} ready on {s.GrpcAddress}");
            }));
            return cluster;
        }
        catch
        {
            await cluster.StopAsync(report);
            throw;
        }
    }

    /// <summary>kill -9 of one silo: no goodbye to the cluster, its activations and timers gone.</summary>
    public async Task KillSiloAsync(string name)
    {
        await _gate.WaitAsync();
        try
        {
            if (_silos.GetValueOrDefault(name) is { } process)
            {
                _silos[name] = null;
                await process.KillAsync();
                process.Dispose();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Starts a silo that is down again on its own ports and waits until it is ready.</summary>
    public async Task RestartSiloAsync(string name, CancellationToken cancellationToken)
    {
        var endpoints = Silo(name);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (IsRunning(name))
            {
                return;
            }
            var old = _silos.GetValueOrDefault(name);
            _silos[name] = LaunchSilo(endpoints);
            old?.Dispose();
        }
        finally
        {
            _gate.Release();
        }
        await WaitReadyAsync(endpoints, cancellationToken);
    }

    /// <summary>Stops Azurite (SIGTERM: it saves its data) while the silos keep running.</summary>
    public async Task StopStorageAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_storage is { } storage)
            {
                await storage.StopAsync(StorageStopGrace);
                storage.Dispose();
                _storage = null;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Starts Azurite again on the same ports and data.</summary>
    public async Task RestartStorageAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!StorageRunning)
            {
                _storage?.Dispose();
                await StartStorageAsync(cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A development token for <paramref name="person"/> from any silo that answers.</summary>
    public async Task<string> TokenAsync(string person, CancellationToken cancellationToken)
    {
        foreach (var silo in Layout.Silos.Where(s => IsRunning(s.Name)))
        {
            try
            {
                using var response = await _http.PostAsync($"{silo.HttpAddress}/dev/token?sub={Uri.EscapeDataString(person)}", null, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return await response.Content.ReadAsStringAsync(cancellationToken);
                }
            }
            catch (HttpRequestException)
            {
            }
        }
        throw new InvalidOperationException($"No silo issued a development token for '{person}'.");
    }

    /// <summary>Silos first, each SIGTERM then at most <see cref="SiloStopGrace"/> before kill -9; Azurite last.</summary>
    public async Task StopAsync(Action<string> report)
    {
        await _gate.WaitAsync();
        try
        {
            if (_stopped)
            {
                return;
            }
            _stopped = true;
            await Task.WhenAll(_silos.Where(s => s.Value is not null).Select(async s =>
            {
                var clean = await s.Value!.StopAsync(SiloStopGrace);
                s.Value.Dispose();
                report(clean ? $"silo {s.Key} stopped" : $"silo {s.Key} did not stop within {SiloStopGrace.TotalSeconds:0} s: killed");
            }));
            _silos.Clear();
            if (_storage is { } storage)
            {
                var clean = await storage.StopAsync(StorageStopGrace);
                storage.Dispose();
                _storage = null;
                report(clean ? "Azurite stopped" : "Azurite did not stop in time: killed");
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(_ => { });
        _http.Dispose();
        _gate.Dispose();
    }

    private async Task StartStorageAsync(CancellationToken cancellationToken)
    {
        var script = Path.Combine(_options.RepositoryRoot, "deploy", "azurite.sh");
        var storage = Layout.Storage;
        _storage = ChildProcess.Start("bash", [script, "run"], _options.RepositoryRoot, new Dictionary<string, string>
        {
            ["AZURITE_LOCATION"] = Path.Combine(_options.DataDirectory, "azurite"),
            ["AZURITE_BLOB_PORT"] = storage.BlobPort.ToString(),
            ["AZURITE_QUEUE_PORT"] = storage.QueuePort.ToString(),
            ["AZURITE_TABLE_PORT"] = storage.TablePort.ToString(),
        }, Path.Combine(_options.DataDirectory, "logs", "azurite.log"));
        await Ports.WaitListeningAsync(storage.TablePort, _storage, ReadyTimeout, cancellationToken);
        await Ports.WaitListeningAsync(storage.BlobPort, _storage, ReadyTimeout, cancellationToken);
    }

    private ChildProcess LaunchSilo(SiloEndpoints silo) =>
        ChildProcess.Start("dotnet", [_siloAssembly], Path.GetDirectoryName(_siloAssembly)!, new Dictionary<string, string>
        {
            // As deploy/run.sh: the Development environment, its token issuer with one key for every silo, "admin" an org admin.
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["IncidentActors__Auth__Development__Enabled"] = "true",
            ["IncidentActors__Auth__Development__SigningKey"] = _signingKey,
            ["IncidentActors__Auth__OrgAdmins__0"] = Admin,
            ["IncidentActors__Silo__Region"] = silo.Region,
            ["IncidentActors__Silo__ClusterId"] = _options.ClusterId,
            ["IncidentActors__Silo__ServiceId"] = _options.ClusterId,
            ["IncidentActors__Silo__SiloPort"] = silo.SiloPort.ToString(),
            ["IncidentActors__Silo__GatewayPort"] = silo.GatewayPort.ToString(),
            ["IncidentActors__Api__GrpcPort"] = silo.GrpcPort.ToString(),
            ["IncidentActors__Api__HttpPort"] = silo.HttpPort.ToString(),
            ["IncidentActors__Storage__ConnectionString"] = Layout.Storage.ConnectionString,
            // Drills page their simulated responders on this machine, over plain HTTP.
            ["IncidentActors__Webhooks__AllowedInternalHosts__0"] = "127.0.0.1",
        }, Path.Combine(_options.DataDirectory, "logs", $"{silo.Name}.log"));

    private async Task WaitReadyAsync(SiloEndpoints silo, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(ReadyTimeout);
        while (true)
        {
            var process = _silos.GetValueOrDefault(silo.Name);
            if (process is null || process.HasExited)
            {
                throw new InvalidOperationException($"Silo {silo.Name} exited before it was ready:\n{process?.Tail()}");
            }
            try
            {
                using var response = await _http.GetAsync($"{silo.HttpAddress}/healthz/ready", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
            if (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"Silo {silo.Name} was not ready within {ReadyTimeout.TotalMinutes:0} minutes:\n{process.Tail()}");
            }
            await Task.Delay(250, cancellationToken);
        }
    }

    // Kept beside the data, so that tokens outlive a restart of the cluster and every silo accepts them.
    private static string SigningKey(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, "dev-token-key");
        if (!File.Exists(path) || new FileInfo(path).Length == 0)
        {
            File.WriteAllText(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        }
        return File.ReadAllText(path).Trim();
    }
}
