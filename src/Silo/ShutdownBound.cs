using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace IncidentActors.Silo;

/// <summary>
/// Keeps a silo's stop within the host's shutdown timeout when its membership storage is gone. Orleans writes the
/// silo's ShuttingDown, Stopping and Dead status to the membership table while it stops, and retries each write for
/// <see cref="ClusterMembershipOptions.MaxJoinAttemptTime"/> (5 minutes) whatever the stop token says: with storage
/// unreachable, a stop hung for minutes, past any orchestrator's grace period. A status not written is harmless: the
/// other silos declare a silent silo dead by their probes, as they would after a crash.
/// </summary>
internal static class ShutdownBound
{
    /// <summary>Decorates the registered membership table; call after the clustering provider is added.</summary>
    public static ISiloBuilder BoundMembershipCallsByShutdownTimeout(this ISiloBuilder orleans)
    {
        var registered = orleans.Services.LastOrDefault(d => d.ServiceType == typeof(IMembershipTable))
            ?? throw new InvalidOperationException("No membership table is registered to bound.");
        orleans.Services.TryAddSingleton<ShutdownDeadline>();
        orleans.Services.Replace(ServiceDescriptor.Singleton<IMembershipTable>(services => new DeadlineBoundMembershipTable(
            (IMembershipTable)(registered.ImplementationInstance
                ?? registered.ImplementationFactory?.Invoke(services)
                ?? ActivatorUtilities.CreateInstance(services, registered.ImplementationType!)),
            services.GetRequiredService<ShutdownDeadline>())));
        return orleans;
    }
}

/// <summary>
/// Passes a little before the host's shutdown timeout: status writes Orleans starts when the host's own stop token fires
/// (Stopping, then Dead) must find the bound in place already.
/// </summary>
internal sealed class ShutdownDeadline : IDisposable
{
    private readonly CancellationTokenSource _passed = new();

    public ShutdownDeadline(IHostApplicationLifetime lifetime, IOptions<HostOptions> host, IOptions<ClusterMembershipOptions> membership)
    {
        // Orleans reads MaxJoinAttemptTime from this options instance each time it starts a status write, and retries the
        // write until that much time has passed since the write started.
        var options = membership.Value;
        _passed.Token.Register(() => options.MaxJoinAttemptTime = TimeSpan.FromTicks(1));
        lifetime.ApplicationStopping.Register(() =>
        {
            var bound = host.Value.ShutdownTimeout * 0.9;
            options.MaxJoinAttemptTime = bound;
            _passed.CancelAfter(bound);
        });
    }

    public CancellationToken Passed => _passed.Token;

    public void Dispose() => _passed.Dispose();
}

/// <summary>A membership table whose calls give up once the shutdown deadline has passed.</summary>
internal sealed class DeadlineBoundMembershipTable(IMembershipTable inner, ShutdownDeadline deadline) : IMembershipTable
{
    public Task InitializeMembershipTableAsync(bool tryInitTableVersion, CancellationToken cancellationToken = default) =>
        Bounded(token => inner.InitializeMembershipTableAsync(tryInitTableVersion, token), cancellationToken);

    public Task DeleteMembershipTableEntriesAsync(string clusterId, CancellationToken cancellationToken = default) =>
        Bounded(token => inner.DeleteMembershipTableEntriesAsync(clusterId, token), cancellationToken);

    public Task CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken cancellationToken = default) =>
        Bounded(token => inner.CleanupDefunctSiloEntriesAsync(beforeDate, token), cancellationToken);

    public Task<MembershipTableData> ReadRowAsync(SiloAddress key, CancellationToken cancellationToken = default) =>
        Bounded(token => inner.ReadRowAsync(key, token), cancellationToken);

    public Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken = default) =>
        Bounded(inner.ReadAllAsync, cancellationToken);

    public Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion tableVersion, CancellationToken cancellationToken = default) =>
        Bounded(token => inner.InsertRowAsync(entry, tableVersion, token), cancellationToken);

    public Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion tableVersion, CancellationToken cancellationToken = default) =>
        Bounded(token => inner.UpdateRowAsync(entry, etag, tableVersion, token), cancellationToken);

    public Task UpdateIAmAliveAsync(MembershipEntry entry, CancellationToken cancellationToken = default) =>
        Bounded(token => inner.UpdateIAmAliveAsync(entry, token), cancellationToken);

    // Orleans 10 calls the Async members; the older ones remain on the interface.
    public Task InitializeMembershipTable(bool tryInitTableVersion) => InitializeMembershipTableAsync(tryInitTableVersion);

    public Task DeleteMembershipTableEntries(string clusterId) => DeleteMembershipTableEntriesAsync(clusterId);

    public Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate) => CleanupDefunctSiloEntriesAsync(beforeDate);

    public Task<MembershipTableData> ReadRow(SiloAddress key) => ReadRowAsync(key);

    public Task<MembershipTableData> ReadAll() => ReadAllAsync();

    public Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion) => InsertRowAsync(entry, tableVersion);

    public Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion) => UpdateRowAsync(entry, etag, tableVersion);

    public Task UpdateIAmAlive(MembershipEntry entry) => UpdateIAmAliveAsync(entry);

    private async Task Bounded(Func<CancellationToken, Task> call, CancellationToken cancellationToken) =>
        await Bounded(async token => { await call(token); return true; }, cancellationToken);

    // The deadline both cancels the call and stops waiting for it, should a storage client not honour its token.
    private async Task<T> Bounded<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Passed);
        return await call(linked.Token).WaitAsync(linked.Token);
    }
}
