using System.Net;
using Azure.Data.Tables;
using IncidentActors.Command;
using IncidentActors.Deadlines;
using IncidentActors.Incidents;
using IncidentActors.Incidents.Events;
using IncidentActors.Intake;
using IncidentActors.Placement;
using IncidentActors.Responders;
using IncidentActors.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace IncidentActors.Silo;

/// <summary>The silo's Orleans configuration, shared by the host and the cluster tests so that they cannot drift apart.</summary>
public static class OrleansHosting
{
    public static WebApplicationBuilder AddIncidentActorsSilo(this WebApplicationBuilder builder, SiloSettings silo, StorageSettings storage)
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
            }
            else
            {
                orleans.ConfigureEndpoints(IPAddress.Parse(silo.AdvertisedAddress), silo.SiloPort, silo.GatewayPort, listenOnAnyHostAddress: false);
                orleans.UseIncidentActorsAzureStorage(storage.ConnectionString);
            }
            orleans.AddIncidentActorsGrains(silo.Region, builder.Configuration);
        });
        return builder;
    }

    /// <summary>
    /// Membership, grain state and reminders, all in Azure Storage (or Azurite), by Orleans' own providers in their
    /// default tables (OrleansSiloInstances, OrleansGrainState, OrleansReminders), which they create themselves.
    /// </summary>
    public static ISiloBuilder UseIncidentActorsAzureStorage(this ISiloBuilder orleans, string connectionString)
    {
        // One client, so that the three providers share its connection pool.
        var tables = new TableServiceClient(connectionString);
        orleans.UseAzureStorageClustering(o => o.TableServiceClient = tables);
        orleans.AddAzureTableGrainStorage(StorageNames.Incidents, options => options.Configure<Serializer>((o, serializer) =>
        {
            o.TableServiceClient = tables;
            // The state types are [GenerateSerializer] records whose [Id]s are the versioning contract; the
            // provider's default serializer is JSON.
            o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
            // A cleared state must read as missing (the deadline shards rely on it), not as an empty record.
            o.DeleteStateOnClear = true;
        }));
        orleans.UseAzureTableReminderService(o => o.TableServiceClient = tables);
        return orleans;
    }

    /// <summary>What every silo runs regardless of storage: its region as silo metadata, reminders, grain options and the clock.</summary>
    public static ISiloBuilder AddIncidentActorsGrains(this ISiloBuilder orleans, string region, IConfiguration configuration)
    {
        orleans.UseSiloMetadata(new Dictionary<string, string> { [SiloSettings.RegionMetadataKey] = region });
        orleans.AddReminders();
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
        orleans.AddIncidentActorsDeadlines(configuration);
        orleans.Services.AddIncidentEvents();
        orleans.Services.AddPageDelivery(configuration);
        orleans.Services.AddHomeRegionPlacement();
        orleans.Services.TryAddSingleton(TimeProvider.System);
        return orleans;
    }
}
