using IncidentActors.Testing;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using Xunit;

namespace IncidentActors.Tests.Cluster;

/// <summary>A single-silo cluster per test whose grains read time from a fake clock the test advances.</summary>
public abstract class FakeClockClusterTest(AzuriteFixture azurite) : IAsyncLifetime
{
    private InProcessTestCluster _cluster = null!;

    protected FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected IGrainFactory Grains => _cluster.Client;

    /// <summary>The silo's own services, e.g. its meter factory.</summary>
    protected IServiceProvider SiloServices => _cluster.Silos[0].ServiceProvider;

    /// <summary>Configuration the silo starts with, beyond the test defaults.</summary>
    protected virtual IReadOnlyDictionary<string, string?>? Settings => null;

    public virtual async Task InitializeAsync() =>
        _cluster = await TestClusters.StartAsync(azurite, TestClusters.NewServiceId(), silos: 1, Clock, settings: Settings, configure: Configure);

    /// <summary>What the test adds to the silo, such as a storage that fails on demand.</summary>
    protected virtual void Configure(ISiloBuilder silo)
    {
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();
}
