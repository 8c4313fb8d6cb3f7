using System.Reflection;
using IncidentActors.AzureStorage;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace IncidentActors.Testing;

/// <summary>In-process test clusters whose silos and client find each other through our Azure Table membership.</summary>
public static class AzureTestClusters
{
    /// <summary>
    /// A builder whose cluster uses the membership table and gateway list provider on Azurite. Add
    /// grain storage and reminders with <see cref="InProcessTestClusterBuilder.ConfigureSilo"/>.
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
        builder.ConfigureSilo((_, silo) => silo
            .UseAzureTableClustering(o => Configure(o, connectionString, membershipTable))
            .Configure<ClusterMembershipOptions>(ShrinkFailureDetection));
        builder.ConfigureClient(client => client.UseAzureTableClustering(o => Configure(o, connectionString, membershipTable)));
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

    private static void Configure(AzureTableClusteringOptions options, string connectionString, string? table)
    {
        options.ConnectionString = connectionString;
        if (table is not null)
        {
            options.TableName = table;
        }
    }
}
