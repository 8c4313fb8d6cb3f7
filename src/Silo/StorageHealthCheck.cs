using Azure.Data.Tables;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IncidentActors.Silo;

/// <summary>
/// Healthy while the silo's Azure Storage answers: without it no incident can be stored, so a silo that lost it must
/// take no traffic, though it stays alive to recover when storage returns.
/// </summary>
internal sealed class StorageHealthCheck(TableServiceClient tables) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await foreach (var _ in tables.QueryAsync(maxPerPage: 1, cancellationToken: timeout.Token).AsPages(pageSizeHint: 1).WithCancellation(timeout.Token))
            {
                break;
            }
            return HealthCheckResult.Healthy();
        }
        // Whatever the transport threw (refused, timed out, retries exhausted), storage did not answer.
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"Azure Storage did not answer: {e.Message}");
        }
    }
}
