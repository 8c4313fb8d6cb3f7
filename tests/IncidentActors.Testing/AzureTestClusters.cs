using System.Reflection;
using Azure.Data.Tables;
using Orleans.Clustering.AzureStorage;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace IncidentActors.Testing;

/// <summary>In-process test clusters whose silos and client find each other through Orleans' Azure Table membership.</summary>
public static class AzureTestClusters
{
    /// <summary>
    /// A builder whose cluster uses the membership table and gateway list provider on Azurite. Clusters sharing
    /// one table stay apart by ClusterId, its partition key. Add grain storage and reminders with
    /// <see cref="InProcessTestClusterBuilder.ConfigureSilo"/>.
    /// </summary>
    public static InProcessTestClusterBuilder CreateBuilder(short silos, string serviceId, string connectionString, string? membershipTable = null)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ServiceId = serviceId;
        builder.Options.ClusterId = serviceId;
        // Left on, the in-process cluster replaces IMembershipTable with its own in-memory one;
        // the switch is internal in TestingHost 10.4.2.
        typeof(InProcessTestClusterOptions)
            .GetProperty("UseTestClusterMembership", BindingFlags.Instance | BindingFlags.NonPublic)!
            .SetValue(builder.Options, false);
        var tables = new TableServiceClient(connectionString);
        builder.ConfigureSilo((_, silo) => silo
            .UseAzureStorageClustering(o => Configure(o, tables, membershipTable))
            .Configure<ClusterMembershipOptions>(ShrinkFailureDetection));
        builder.ConfigureClient(client => client.UseAzureStorageClustering(o => Configure(o, tables, membershipTable)));
        return builder;
    }

    /// <summary>A killed silo is declared dead within a few seconds instead of about a minute.</summary>
    public static void ShrinkFailureDetection(ClusterMembershipOptions o)
    {
        o.ProbeTimeout = TimeSpan.FromSeconds(1);
        o.NumMissedProbesLimit = 1;
        o.NumVotesForDeathDeclaration = 1;
        o.TableRefreshTimeout = TimeSpan.FromSeconds(1);
        o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(1);
    }

    private static void Configure(AzureStorageOperationOptions options, TableServiceClient tables, string? table)
    {
        options.TableServiceClient = tables;
        if (table is not null)
        {
            options.TableName = table;
        }
    }
}
