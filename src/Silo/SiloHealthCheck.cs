using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace IncidentActors.Silo;

/// <summary>Healthy while this silo is an active member of the cluster: only then can it serve grain calls.</summary>
internal sealed class SiloHealthCheck(ISiloStatusOracle membership) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(membership.CurrentStatus == SiloStatus.Active
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"This silo is {membership.CurrentStatus}, not an active cluster member."));
}
