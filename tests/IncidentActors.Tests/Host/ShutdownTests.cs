using System.Diagnostics;
using IncidentActors.Silo;
using IncidentActors.Testing;
using IncidentActors.Tests.EndToEnd;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Xunit;

namespace IncidentActors.Tests.Host;

/// <summary>
/// A silo must stop within its shutdown timeout even when its storage is gone, or a pod outlives its grace period and is
/// killed mid-write. Real time, bounded by the timeout: a hang test, not a benchmark.
/// </summary>
public sealed class ShutdownTests
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    // Stopping the web host and the silo's last steps after the timeout fired.
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(5);

    [Fact]
    public void AShutdownTimeoutOfZeroStopsTheSiloAtStartNamingTheSetting()
    {
        var error = Assert.Throws<OptionsValidationException>(() => IncidentActorsHost.Build([], builder =>
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["IncidentActors:Silo:ShutdownTimeout"] = "00:00:00" })));

        Assert.Contains("IncidentActors:Silo:ShutdownTimeout", error.Message);
    }

    [Fact]
    public async Task SiloWhoseStorageIsGoneStopsWithinItsShutdownTimeout()
    {
        // A private Azurite: the shared one serves other tests and must stay up.
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        var azuriteRunning = true;
        RunningSilo? silo = null;
        try
        {
            silo = await RunningSilo.StartAsync(azurite, settings: new Dictionary<string, string?>
            {
                ["IncidentActors:Silo:ShutdownTimeout"] = ShutdownTimeout.ToString(),
            });
            // Grains with state and armed deadlines, so that deactivation has writes to attempt.
            await silo.OpenIncidentAsync("checkout", "retail", "shutdown-1", "Checkout is down");
            await azurite.DisposeAsync();
            azuriteRunning = false;

            var stopwatch = Stopwatch.StartNew();
            var stopping = silo.DisposeAsync().AsTask();
            var finished = await Task.WhenAny(stopping, Task.Delay(ShutdownTimeout + Margin));
            stopwatch.Stop();
            silo = null;

            Assert.True(finished == stopping, $"The silo was still stopping {stopwatch.Elapsed} after it was asked to stop (timeout {ShutdownTimeout}).");
            await stopping;
        }
        finally
        {
            if (silo is not null)
            {
                await silo.DisposeAsync();
            }
            if (azuriteRunning)
            {
                await azurite.DisposeAsync();
            }
        }
    }
}
