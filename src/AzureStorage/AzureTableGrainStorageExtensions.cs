using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Storage;

namespace IncidentActors.AzureStorage;

/// <summary>Registers Azure Table grain storage providers on a silo.</summary>
public static class AzureTableGrainStorageExtensions
{
    /// <summary>Adds the Azure Table grain storage as the default provider (grains that name no storage use it).</summary>
    public static ISiloBuilder AddAzureTableGrainStorageAsDefault(this ISiloBuilder builder, Action<AzureTableGrainStorageOptions> configure) =>
        builder.AddAzureTableGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configure);

    /// <summary>Adds an Azure Table grain storage provider under <paramref name="name"/>.</summary>
    public static ISiloBuilder AddAzureTableGrainStorage(this ISiloBuilder builder, string name, Action<AzureTableGrainStorageOptions> configure)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<AzureTableGrainStorageOptions>(name).Configure(configure).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AzureTableGrainStorageOptions>>(
            new SettingsValidator<AzureTableGrainStorageOptions>(name, options =>
            [
                .. options.Account is null
                    ? StorageSettingChecks.ConnectionString($"{nameof(AzureTableGrainStorageOptions)}.{nameof(AzureTableGrainStorageOptions.ConnectionString)} of grain storage '{name}'", options.ConnectionString)
                    : [],
                .. StorageSettingChecks.TableName($"{nameof(AzureTableGrainStorageOptions)}.{nameof(AzureTableGrainStorageOptions.TableName)} of grain storage '{name}'", options.TableName),
                .. StorageSettingChecks.ContainerName($"{nameof(AzureTableGrainStorageOptions)}.{nameof(AzureTableGrainStorageOptions.ContainerName)} of grain storage '{name}'", options.ContainerName),
                .. StorageSettingChecks.SharedPartitions($"{nameof(AzureTableGrainStorageOptions)}.{nameof(AzureTableGrainStorageOptions.SharedPartitions)} of grain storage '{name}'", options.SharedPartitions),
                .. StorageSettingChecks.Tables($"{nameof(AzureTableGrainStorageOptions)}.{nameof(AzureTableGrainStorageOptions.Tables)} of grain storage '{name}'", options.Tables, options.TableName),
            ]));
        builder.Services.AddGrainStorage(name, Create);
        return builder;
    }

    private static AzureTableGrainStorage Create(IServiceProvider services, string name)
    {
        var options = services.GetRequiredService<IOptionsMonitor<AzureTableGrainStorageOptions>>().Get(name);
        var serializer = options.GrainStorageSerializer ?? new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>());
        return new AzureTableGrainStorage(
            name,
            services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
            options,
            serializer,
            services.GetRequiredService<ILogger<AzureTableGrainStorage>>());
    }
}
