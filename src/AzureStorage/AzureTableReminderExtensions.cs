using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IncidentActors.AzureStorage;

/// <summary>Registers the Azure Table reminder table on a silo.</summary>
public static class AzureTableReminderExtensions
{
    /// <summary>Adds the reminder service and keeps its reminders in an Azure table.</summary>
    public static ISiloBuilder UseAzureTableReminderService(this ISiloBuilder builder, Action<AzureTableReminderOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        builder.AddReminders();
        builder.Services.AddOptions<AzureTableReminderOptions>().Configure(configure).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AzureTableReminderOptions>>(
            new SettingsValidator<AzureTableReminderOptions>(Options.DefaultName, options =>
            [
                .. StorageSettingChecks.ConnectionString($"{nameof(AzureTableReminderOptions)}.{nameof(AzureTableReminderOptions.ConnectionString)}", options.ConnectionString),
                .. StorageSettingChecks.TableName($"{nameof(AzureTableReminderOptions)}.{nameof(AzureTableReminderOptions.TableName)}", options.TableName),
            ]));
        builder.Services.AddSingleton<IReminderTable, AzureTableReminderTable>();
        return builder;
    }
}
