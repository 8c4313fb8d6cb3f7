using System.Collections.Immutable;
using IncidentActors.Alerts;
using IncidentActors.Incidents;
using IncidentActors.Services;
using IncidentActors.Testing;

namespace IncidentActors.Tests.Cluster;

internal static class Alerts
{
    public static ServiceDefinition Service(string id, string businessUnit = "retail") => new(id, $"{id} service", "sre", businessUnit);

    public static AlertEvent Trigger(string serviceId, string dedupKey, string summary = "Checkout latency above SLO") =>
        new(serviceId, AlertAction.Trigger, dedupKey, summary, "prometheus", AlertSeverity.Critical, "api",
            ImmutableSortedDictionary<string, string>.Empty.Add("region", "eu-west"), "grpc");

    public static AlertEvent Resolve(string serviceId, string dedupKey) =>
        new(serviceId, AlertAction.Resolve, dedupKey, "", "", AlertSeverity.Info, null, ImmutableSortedDictionary<string, string>.Empty, "grpc");

    /// <summary>Registers a new service of the unit and opens an incident on it.</summary>
    public static async Task<IIncidentGrain> OpenIncidentAsync(IGrainFactory grains, string businessUnit, string? policyId = null,
        AlertSeverity severity = AlertSeverity.Critical)
    {
        var serviceId = AzuriteFixture.UniqueName("svc");
        await grains.GetGrain<IServiceGrain>(serviceId).Register(new ServiceDefinition(serviceId, serviceId, "sre", businessUnit, policyId));
        var opened = await grains.GetGrain<IServiceGrain>(serviceId).Ingest(new AlertEvent(serviceId, AlertAction.Trigger, "down", "Checkout down",
            "probe", severity, null, ImmutableSortedDictionary<string, string>.Empty, "grpc"));
        return grains.GetGrain<IIncidentGrain>(opened.IncidentId!);
    }

    /// <summary>A low-risk incident, resolved, with everything closing asks for apart from what a test adds.</summary>
    public static async Task<IIncidentGrain> OpenReadyToCloseAsync(IGrainFactory grains)
    {
        var incident = await OpenIncidentAsync(grains, AzuriteFixture.UniqueName("unit"), severity: AlertSeverity.Info);
        await incident.Resolve(new ResponderAction("alice", null));
        await incident.RecordResolution("Cleared the stale lock", "admin console", "none", new ResponderAction("alice", null));
        await incident.VerifyRestoration(RestorationEvidence.UserConfirmation, "reporter confirms exports run", new ResponderAction("alice", null));
        return incident;
    }
}
