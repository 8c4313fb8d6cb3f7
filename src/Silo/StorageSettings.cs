namespace IncidentActors.Silo;

/// <summary>Where state, membership and reminders live. Section <c>IncidentActors:Storage</c>.</summary>
public sealed class StorageSettings
{
    public const string Section = "IncidentActors:Storage";

    public StorageMode Mode { get; set; } = StorageMode.AzureStorage;

    /// <summary>An Azure Storage connection string (Tables and Blobs); required in AzureStorage mode.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Which provider keeps grain state in AzureStorage mode; membership and reminders are Orleans' own either way.</summary>
    public GrainStorageProvider GrainStorage { get; set; } = GrainStorageProvider.Grouped;
}

public enum GrainStorageProvider
{
    /// <summary>Ours: states spread over shared partitions, concurrent writes to one partition stored as one transaction.</summary>
    Grouped,

    /// <summary>Orleans' own Azure Table grain storage: a partition per grain, one request per write.</summary>
    Official,
}

public enum StorageMode
{
    AzureStorage,

    /// <summary>For quick experiments only: everything is lost when the process exits, and there is one silo.</summary>
    InMemory,
}
