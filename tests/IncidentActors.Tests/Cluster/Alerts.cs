using System.Collections.Immutable;
using IncidentActors.Alerts;
using IncidentActors.Services;

namespace IncidentActors.Tests.Cluster;

internal static class Alerts
{
    public static ServiceDefinition Service(string id, string businessUnit = "retail") => new(id, $"{id} service", "sre", businessUnit);

    public static AlertEvent Trigger(string serviceId, string dedupKey, string summary = "Checkout latency above SLO") =>
        new(serviceId, AlertAction.Trigger, dedupKey, summary, "prometheus", AlertSeverity.Critical, "api",
            ImmutableSortedDictionary<string, string>.Empty.Add("region", "eu-west"), "grpc");

    public static AlertEvent Resolve(string serviceId, string dedupKey) =>
        new(serviceId, AlertAction.Resolve, dedupKey, "", "", AlertSeverity.Info, null, ImmutableSortedDictionary<string, string>.Empty, "grpc");
}
