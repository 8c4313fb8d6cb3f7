using Orleans.Configuration;

namespace IncidentActors.Benchmarks;

/// <summary>
/// The membership settings of the failover benchmark, stated in its report. Orleans' defaults
/// declare a silo dead only after about a minute; paging within seconds of a crash needs these
/// shortened in production too.
/// </summary>
internal static class FailureDetection
{
    public static void Configure(ClusterMembershipOptions o)
    {
        o.ProbeTimeout = TimeSpan.FromSeconds(2);
        o.NumMissedProbesLimit = 2;
        o.NumVotesForDeathDeclaration = 1;
        o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
        o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
    }

    public const string Description = "ProbeTimeout 2 s, NumMissedProbesLimit 2, NumVotesForDeathDeclaration 1, TableRefreshTimeout 2 s";
}
