using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace IncidentActors.AzureStorage;

public static class DataProtectionKeyRingExtensions
{
    public const string ContainerName = "incidentactors-dataprotection";

    /// <summary>
    /// Keeps the data protection key ring in blob storage, one blob per ServiceId, shared by the service's silos.
    /// The keys are stored as data protection writes them, unencrypted: whoever may read the container may decrypt.
    /// </summary>
    public static IServiceCollection AddDataProtectionKeysInBlobStorage(this IServiceCollection services, StorageAccount account)
    {
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<ClusterOptions>>((o, cluster) =>
            o.XmlRepository = new AzureBlobXmlRepository(account.Blobs.GetBlobContainerClient(ContainerName), $"{cluster.Value.ServiceId}/keys.xml"));
        return services;
    }
}
