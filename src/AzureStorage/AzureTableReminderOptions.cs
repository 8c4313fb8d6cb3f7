namespace IncidentActors.AzureStorage;

/// <summary>Settings of the Azure Table reminder table.</summary>
public sealed class AzureTableReminderOptions
{
    /// <summary>Azure Storage connection string. Required.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Table holding one partition per service.</summary>
    public string TableName { get; set; } = "IncidentActorsReminders";
}
