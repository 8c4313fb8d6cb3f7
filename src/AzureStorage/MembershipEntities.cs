using Azure.Data.Tables;

namespace IncidentActors.AzureStorage;

/// <summary>Maps membership entries and the table version to and from table entities of one cluster partition.</summary>
internal static class MembershipEntities
{
    /// <summary>Row key of the version row; silo row keys are escaped silo addresses and never contain the separator.</summary>
    public const string VersionRowKey = "|version";

    private const string VersionProperty = "Version";
    // Status and ProxyPort are named literally in the gateway query filter too.
    private const string StatusProperty = "Status";
    private const string ProxyPortProperty = "ProxyPort";
    private const string IAmAliveTimeProperty = "IAmAliveTime";

    private const string SiloAddressProperty = "SiloAddress";
    private const string HostNameProperty = "HostName";
    private const string SiloNameProperty = "SiloName";
    private const string RoleNameProperty = "RoleName";
    private const string UpdateZoneProperty = "UpdateZone";
    private const string FaultZoneProperty = "FaultZone";
    private const string StartTimeProperty = "StartTime";
    private const string SuspectTimesProperty = "SuspectTimes";

    // Parsable silo addresses ("ip:port@generation") contain neither of these.
    private const char SuspectSeparator = '|';
    private const char SuspectTimeSeparator = ',';

    public static string PartitionKey(string clusterId) => TableKeys.Part(clusterId);

    public static string RowKey(SiloAddress silo) => TableKeys.Part(silo.ToParsableString());

    public static TableEntity Version(string partitionKey, int version) =>
        new(partitionKey, VersionRowKey) { [VersionProperty] = version };

    public static TableVersion ToTableVersion(TableEntity versionRow) =>
        new(versionRow.GetInt32(VersionProperty) ?? 0, versionRow.ETag.ToString());

    public static TableEntity ToEntity(string partitionKey, MembershipEntry entry) => new(partitionKey, RowKey(entry.SiloAddress))
    {
        [SiloAddressProperty] = entry.SiloAddress.ToParsableString(),
        [StatusProperty] = entry.Status.ToString(),
        [ProxyPortProperty] = entry.ProxyPort,
        [HostNameProperty] = entry.HostName,
        [SiloNameProperty] = entry.SiloName,
        [RoleNameProperty] = entry.RoleName,
        [UpdateZoneProperty] = entry.UpdateZone,
        [FaultZoneProperty] = entry.FaultZone,
        [StartTimeProperty] = StoredTime.Format(entry.StartTime),
        [IAmAliveTimeProperty] = StoredTime.Format(entry.IAmAliveTime),
        [SuspectTimesProperty] = FormatSuspectTimes(entry.SuspectTimes),
    };

    public static TableEntity IAmAlive(string partitionKey, MembershipEntry entry) => new(partitionKey, RowKey(entry.SiloAddress))
    {
        [IAmAliveTimeProperty] = StoredTime.Format(entry.IAmAliveTime),
    };

    public static MembershipEntry ToEntry(TableEntity entity) => new()
    {
        SiloAddress = SiloAddress.FromParsableString(entity.GetString(SiloAddressProperty)),
        Status = Enum.Parse<SiloStatus>(entity.GetString(StatusProperty)),
        ProxyPort = entity.GetInt32(ProxyPortProperty) ?? 0,
        HostName = entity.GetString(HostNameProperty),
        SiloName = entity.GetString(SiloNameProperty),
        RoleName = entity.GetString(RoleNameProperty),
        UpdateZone = entity.GetInt32(UpdateZoneProperty) ?? 0,
        FaultZone = entity.GetInt32(FaultZoneProperty) ?? 0,
        StartTime = StoredTime.Parse(entity.GetString(StartTimeProperty)),
        IAmAliveTime = StoredTime.Parse(entity.GetString(IAmAliveTimeProperty)),
        SuspectTimes = ParseSuspectTimes(entity.GetString(SuspectTimesProperty)),
    };

    /// <summary>The last time the silo is known to have written its row: its latest heartbeat, or its start.</summary>
    public static DateTime LastUpdate(MembershipEntry entry) =>
        StoredTime.AsUtc(entry.IAmAliveTime) > StoredTime.AsUtc(entry.StartTime) ? StoredTime.AsUtc(entry.IAmAliveTime) : StoredTime.AsUtc(entry.StartTime);

    private static string FormatSuspectTimes(List<Tuple<SiloAddress, DateTime>>? suspectTimes) =>
        suspectTimes is null
            ? ""
            : string.Join(SuspectSeparator, suspectTimes.Select(s => s.Item1.ToParsableString() + SuspectTimeSeparator + StoredTime.Format(s.Item2)));

    private static List<Tuple<SiloAddress, DateTime>> ParseSuspectTimes(string? value)
    {
        var result = new List<Tuple<SiloAddress, DateTime>>();
        if (string.IsNullOrEmpty(value))
        {
            return result;
        }
        foreach (var item in value.Split(SuspectSeparator))
        {
            var at = item.LastIndexOf(SuspectTimeSeparator);
            result.Add(Tuple.Create(SiloAddress.FromParsableString(item[..at]), StoredTime.Parse(item[(at + 1)..])));
        }
        return result;
    }
}
