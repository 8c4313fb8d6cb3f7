using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Messaging;

namespace IncidentActors.AzureStorage;

/// <summary>Registers Azure Table clustering: the membership table on silos, the gateway list on clients.</summary>
public static class AzureTableClusteringExtensions
{
    /// <summary>Keeps the silo's cluster membership in an Azure table.</summary>
    public static ISiloBuilder UseAzureTableClustering(this ISiloBuilder builder, Action<AzureTableClusteringOptions> configure)
    {
        AddOptions(builder.Services, configure);
        builder.Services.AddSingleton<IMembershipTable, AzureTableMembershipTable>();
        return builder;
    }

    /// <summary>Finds the cluster's gateways in the Azure table that its silos keep their membership in.</summary>
    public static IClientBuilder UseAzureTableClustering(this IClientBuilder builder, Action<AzureTableClusteringOptions> configure)
    {
        AddOptions(builder.Services, configure);
        builder.Services.AddSingleton<IGatewayListProvider, AzureTableGatewayListProvider>();
        return builder;
    }

    private static void AddOptions(IServiceCollection services, Action<AzureTableClusteringOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<AzureTableClusteringOptions>().Configure(configure).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AzureTableClusteringOptions>>(
            new SettingsValidator<AzureTableClusteringOptions>(Options.DefaultName, options =>
            [
                .. StorageSettingChecks.ConnectionString($"{nameof(AzureTableClusteringOptions)}.{nameof(AzureTableClusteringOptions.ConnectionString)}", options.ConnectionString),
                .. StorageSettingChecks.TableName($"{nameof(AzureTableClusteringOptions)}.{nameof(AzureTableClusteringOptions.TableName)}", options.TableName),
            ]));
    }
}
