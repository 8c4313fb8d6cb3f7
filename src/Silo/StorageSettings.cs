namespace IncidentActors.Silo;

/// <summary>Where state, membership and reminders live. Section <c>IncidentActors:Storage</c>.</summary>
public sealed class StorageSettings
{
    public const string Section = "IncidentActors:Storage";

    public StorageMode Mode { get; set; } = StorageMode.AzureStorage;

    /// <summary>An Azure Storage connection string (Tables); required in AzureStorage mode.</summary>
    public string ConnectionString { get; set; } = "";
}

public enum StorageMode
{
    AzureStorage,

    /// <summary>For quick experiments only: everything is lost when the process exits, and there is one silo.</summary>
    InMemory,
}
