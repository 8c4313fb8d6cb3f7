namespace IncidentActors.Storage;

/// <summary>The grain storage providers the grains persist to; the host registers them.</summary>
public static class StorageNames
{
    public const string Incidents = "incidents";
}
