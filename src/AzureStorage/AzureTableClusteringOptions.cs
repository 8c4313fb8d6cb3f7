namespace IncidentActors.AzureStorage;

/// <summary>Settings of the Azure Table membership table (silos) and gateway list provider (clients).</summary>
public sealed class AzureTableClusteringOptions
{
    /// <summary>Azure Storage connection string. Required.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Table holding one partition per cluster.</summary>
    public string TableName { get; set; } = "IncidentActorsMembership";
}
