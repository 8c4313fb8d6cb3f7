using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Messaging;

namespace IncidentActors.AzureStorage;

/// <summary>Tells clients the gateways of a cluster: its active silos that accept clients (a proxy port).</summary>
internal sealed class AzureTableGatewayListProvider(
    IOptions<AzureTableClusteringOptions> options,
    IOptions<ClusterOptions> clusterOptions,
    IOptions<GatewayOptions> gatewayOptions) : IGatewayListProvider
{
    private readonly TableClient _table = new(options.Value.ConnectionString, options.Value.TableName);
    private readonly string _partitionKey = MembershipEntities.PartitionKey(clusterOptions.Value.ClusterId);

    public TimeSpan MaxStaleness { get; } = gatewayOptions.Value.GatewayListRefreshPeriod;

    public bool IsUpdatable => true;

    // Clients never create the table: that is the silos' job, and a client may lack the right to.
    public Task InitializeGatewayListProvider() => Task.CompletedTask;

    public async Task<IList<Uri>> GetGateways()
    {
        var active = SiloStatus.Active.ToString();
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {_partitionKey} and Status eq {active} and ProxyPort gt {0}");
        var gateways = new List<Uri>();
        try
        {
            await foreach (var entity in _table.QueryAsync<TableEntity>(filter))
            {
                var entry = MembershipEntities.ToEntry(entity);
                var gateway = SiloAddress.New(entry.SiloAddress.Endpoint.Address, entry.ProxyPort, entry.SiloAddress.Generation);
                gateways.Add(gateway.ToGatewayUri());
            }
        }
        catch (RequestFailedException e) when (e.Status == AzureStatus.NotFound)
        {
            // No silo has created the table yet, so there is no gateway either.
        }
        return gateways;
    }
}
