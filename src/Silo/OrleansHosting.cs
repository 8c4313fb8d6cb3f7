using System.Net;
using k8s;
using IncidentActors.Access;
using IncidentActors.AzureStorage;
using IncidentActors.BusinessUnits;
using IncidentActors.Command;
using IncidentActors.Deadlines;
using IncidentActors.Incidents;
using IncidentActors.Incidents.Events;
using IncidentActors.Intake;
using IncidentActors.Metrics;
using IncidentActors.Placement;
using IncidentActors.Responders;
using IncidentActors.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace IncidentActors.Silo;

/// <summary>The silo's Orleans configuration, shared by the host and the cluster tests so that they cannot drift apart.</summary>
public static class OrleansHosting
{
    /// <param name="account">The storage of AzureStorage mode; null in InMemory mode.</param>
    public static WebApplicationBuilder AddIncidentActorsSilo(this WebApplicationBuilder builder, SiloSettings silo, StorageSettings storage, StorageAccount? account)
    {
        builder.UseOrleans(orleans =>
        {
            orleans.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = silo.ClusterId;
                o.ServiceId = silo.ServiceId;
            });
            if (storage.Mode == StorageMode.InMemory)
            {
                orleans.UseLocalhostClustering(silo.SiloPort, silo.GatewayPort, serviceId: silo.ServiceId, clusterId: silo.ClusterId);
                orleans.AddMemoryGrainStorage(StorageNames.Incidents);
                orleans.UseInMemoryReminderService();
                // Keys and archives that die with the process, like the state they come from.
                orleans.Services.AddSingleton<IDataProtectionProvider, EphemeralDataProtectionProvider>();
                orleans.Services.AddSingleton<IArchiveStore, MemoryArchiveStore>();
            }
            else
            {
                orleans.ConfigureEndpoints(IPAddress.Parse(silo.AdvertisedAddress), silo.SiloPort, silo.GatewayPort, listenOnAnyHostAddress: false);
                orleans.UseIncidentActorsAzureStorage(account!, storage.GrainStorage);
                if (KubernetesClientConfiguration.IsInCluster())
                {
                    // Names the silo after its pod, labels the pod with the cluster's ids, and declares dead the silos
                    // whose pods are gone without waiting for probes (docs/kubernetes.md).
                    orleans.UseKubernetesHosting();
                }
            }
            if (silo.LoadTlsCertificate() is { } certificate)
            {
                orleans.UseClusterTls(certificate, silo.TlsPeerCertificates);
            }
            orleans.AddIncidentActorsGrains(silo.Region, builder.Configuration);
        });
        return builder;
    }

    /// <summary>
    /// Few enough that incidents opened together share partitions and are stored by one transaction per partition
    /// (256 made escalations seconds late on Azurite); enough that Azure's per-partition limit (about 2 000 entities
    /// a second each) stays far above the write rate.
    /// </summary>
    private const int SharedStatePartitions = 16;

    /// <summary>Azurite's cost of an update also grows with its table's size; on Azure the spread costs nothing.</summary>
    private const int StateTables = 8;

    /// <summary>
    /// Membership, grain state, reminders, the data protection keys and the archive, all in Azure Storage (or Azurite). Membership and
    /// reminders are Orleans' own providers, in their default tables (OrleansSiloInstances, OrleansReminders), which they
    /// create themselves.
    /// </summary>
    public static ISiloBuilder UseIncidentActorsAzureStorage(this ISiloBuilder orleans, string connectionString,
        GrainStorageProvider grainStorage = GrainStorageProvider.Grouped) =>
        orleans.UseIncidentActorsAzureStorage(StorageAccount.FromConnectionString(connectionString), grainStorage);

    public static ISiloBuilder UseIncidentActorsAzureStorage(this ISiloBuilder orleans, StorageAccount account,
        GrainStorageProvider grainStorage = GrainStorageProvider.Grouped)
    {
        // One client, so that membership, reminders and Orleans' grain storage share its connection pool.
        var tables = account.Tables;
        orleans.UseAzureStorageClustering(o => o.TableServiceClient = tables);
        orleans.BoundMembershipCallsByShutdownTimeout();
        if (grainStorage == GrainStorageProvider.Official)
        {
            orleans.AddAzureTableGrainStorage(StorageNames.Incidents, (OptionsBuilder<AzureTableStorageOptions> options) =>
                options.Configure<Serializer>((o, serializer) =>
                {
                    o.TableServiceClient = tables;
                    // Orleans' binary serializer, as in ours: the state types are [GenerateSerializer] records whose [Id]s
                    // are the versioning contract, whereas the provider's default is JSON.
                    o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
                    // A cleared state must read as missing (the deadline shards rely on it), not as an empty record.
                    o.DeleteStateOnClear = true;
                }));
        }
        else
        {
            orleans.AddAzureTableGrainStorage(StorageNames.Incidents, (AzureTableGrainStorageOptions o) =>
            {
                o.Account = account;
                o.SharedPartitions = SharedStatePartitions;
                o.Tables = StateTables;
            });
        }
        orleans.UseAzureTableReminderService(o => o.TableServiceClient = tables);
        orleans.Services.AddDataProtectionKeysInBlobStorage(account);
        orleans.Services.AddSingleton<IArchiveStore>(services => new BlobArchiveStore(
            account.Blobs.GetBlobContainerClient(BlobArchiveStore.ContainerName), services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId));
        return orleans;
    }

    /// <summary>
    /// What every silo runs regardless of storage: its region as silo metadata, reminders, trace propagation through grain
    /// calls, grain options, the timeline key, the meters and the clock.
    /// </summary>
    public static ISiloBuilder AddIncidentActorsGrains(this ISiloBuilder orleans, string region, IConfiguration configuration)
    {
        orleans.UseSiloMetadata(new Dictionary<string, string> { [SiloSettings.RegionMetadataKey] = region });
        orleans.AddReminders();
        // A request's trace continues through the grain calls it causes, on whichever silo they run.
        orleans.AddActivityPropagation();
        orleans.Services.AddOptions<IncidentOptions>().Bind(configuration.GetSection(IncidentOptions.Section))
            .Validate(o => o.RepeatFlushInterval > TimeSpan.Zero && o.ListingActivityFlushInterval > TimeSpan.Zero && o.ChangeFreezeAfterMajor >= TimeSpan.Zero
                    && o.EventRedeliveryDelay > TimeSpan.Zero,
                $"{IncidentOptions.Section}: RepeatFlushInterval, ListingActivityFlushInterval and EventRedeliveryDelay must be above zero, ChangeFreezeAfterMajor not negative.")
            .ValidateOnStart();
        orleans.Services.AddOptions<IntakeOptions>().Bind(configuration.GetSection(IntakeOptions.Section))
            .Validate(o => o.AlertsPerSecond > 0 && o.Burst >= 1 && o.SuppressedAlertsKept >= 0,
                $"{IntakeOptions.Section}: AlertsPerSecond must be above 0, Burst at least 1 and SuppressedAlertsKept not negative.")
            .ValidateOnStart();
        orleans.Services.Configure<CommandOptions>(configuration.GetSection(CommandOptions.Section));
        orleans.Services.AddTimelineSigning(configuration);
        orleans.AddIncidentActorsDeadlines(configuration);
        orleans.Services.AddIncidentEvents();
        orleans.Services.AddIncidentMetrics();
        orleans.Services.AddPageDelivery(configuration);
        orleans.Services.AddMetrics();
        orleans.Services.AddSingleton<IncidentActorsMetrics>();
        orleans.Services.AddSingleton<AlertClassification>();
        orleans.Services.AddHomeRegionPlacement();
        orleans.AddUnitScopeChecks();
        orleans.Services.TryAddSingleton(TimeProvider.System);
        return orleans;
    }
}
