using IncidentActors.Testing;

namespace IncidentActors.Benchmarks;

/// <summary>A private Azurite on a free loopback port for one benchmark run, stopped with it.</summary>
internal sealed class OwnedAzurite : IAsyncDisposable
{
    private OwnedAzurite(AzuriteFixture fixture) => Fixture = fixture;

    public AzuriteFixture Fixture { get; }

    public static async Task<OwnedAzurite> StartAsync()
    {
        var fixture = new AzuriteFixture();
        await fixture.InitializeAsync();
        return new OwnedAzurite(fixture);
    }

    public async ValueTask DisposeAsync() => await Fixture.DisposeAsync();
}
