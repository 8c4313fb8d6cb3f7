using IncidentActors.Silo;
using IncidentActors.Testing;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace IncidentActors.Tests.Host;

/// <summary>
/// deploy/kubernetes, read into the Kubernetes client's typed models (unknown fields refused), checked for what Orleans'
/// Kubernetes hosting and the silo's own settings need of each pod.
/// </summary>
public sealed class KubernetesManifestTests
{
    private static readonly string Folder = Path.Combine(RepositoryRoot.Find(), "deploy", "kubernetes");

    private static readonly string[] Regions = ["emea", "amer", "apac"];

    [Fact]
    public async Task TheKustomizationListsEveryManifestAndNoOther()
    {
        var kustomization = await KustomizationAsync();

        Assert.Equal("incidentactors", kustomization.Namespace);
        Assert.Equal(
            Directory.GetFiles(Folder, "*.yaml").Select(Path.GetFileName).Where(f => f != "kustomization.yaml").Order(),
            kustomization.Resources.Order());
    }

    [Fact]
    public async Task EachRegionHasADeploymentWhosePodsCarryTheLabelsOrleansSelectsSilosBy()
    {
        var deployments = (await ObjectsAsync()).OfType<V1Deployment>().ToList();

        Assert.Equal(Regions.Order(), deployments.Select(d => d.Spec.Template.Metadata.Labels["region"]).Order());
        var serviceIds = new HashSet<string>();
        var clusterIds = new HashSet<string>();
        foreach (var deployment in deployments)
        {
            var labels = deployment.Spec.Template.Metadata.Labels;
            serviceIds.Add(labels["orleans/serviceId"]);
            clusterIds.Add(labels["orleans/clusterId"]);
            Assert.All(deployment.Spec.Selector.MatchLabels, label => Assert.Equal(label.Value, labels[label.Key]));
            Assert.Equal("true", labels["azure.workload.identity/use"]);
        }
        // One Orleans cluster spans the regions.
        Assert.Single(serviceIds);
        Assert.Single(clusterIds);
    }

    [Fact]
    public async Task EverySiloGetsTheEnvironmentOrleansKubernetesHostingReadsAndItsRegionFromItsPod()
    {
        foreach (var deployment in (await ObjectsAsync()).OfType<V1Deployment>())
        {
            var labels = deployment.Spec.Template.Metadata.Labels;
            var env = Silo(deployment).Env.ToDictionary(e => e.Name, e => e.ValueFrom?.FieldRef?.FieldPath ?? e.Value);

            Assert.Equal("metadata.name", env["POD_NAME"]);
            Assert.Equal("metadata.namespace", env["POD_NAMESPACE"]);
            Assert.Equal("status.podIP", env["POD_IP"]);
            Assert.Equal("status.podIP", env["IncidentActors__Silo__AdvertisedAddress"]);
            foreach (var (name, label) in new[]
            {
                ("ORLEANS_SERVICE_ID", "orleans/serviceId"), ("ORLEANS_CLUSTER_ID", "orleans/clusterId"),
                ("IncidentActors__Silo__ServiceId", "orleans/serviceId"), ("IncidentActors__Silo__ClusterId", "orleans/clusterId"),
                ("IncidentActors__Silo__Region", "region"),
            })
            {
                Assert.Equal($"metadata.labels['{label}']", env[name]);
                Assert.True(labels.ContainsKey(label), $"{deployment.Metadata.Name}: {name} reads label {label}, which its pods lack.");
            }
        }
    }

    [Fact]
    public async Task ProbesAskTheSilosHealthEndpointsOnItsHttpPort()
    {
        var settings = await SettingsAsync();
        foreach (var deployment in (await ObjectsAsync()).OfType<V1Deployment>())
        {
            var silo = Silo(deployment);
            var http = Assert.Single(silo.Ports, p => p.Name == "http");
            Assert.Equal(settings.GetValue<int>("IncidentActors:Api:HttpPort"), http.ContainerPort);

            Assert.Equal(ApiHosting.LivePath, silo.StartupProbe.HttpGet.Path);
            Assert.Equal(ApiHosting.LivePath, silo.LivenessProbe.HttpGet.Path);
            Assert.Equal(ApiHosting.ReadyPath, silo.ReadinessProbe.HttpGet.Path);
            Assert.All([silo.StartupProbe, silo.LivenessProbe, silo.ReadinessProbe], probe => Assert.Equal("http", probe.HttpGet.Port.Value));
        }
    }

    [Fact]
    public async Task PodsMayTakeLongerToStopThanTheSiloTakesToShutDown()
    {
        var shutdown = (await SettingsAsync()).GetValue<TimeSpan>("IncidentActors:Silo:ShutdownTimeout");

        Assert.True(shutdown > TimeSpan.Zero);
        Assert.All((await ObjectsAsync()).OfType<V1Deployment>(), deployment =>
            Assert.True(TimeSpan.FromSeconds(deployment.Spec.Template.Spec.TerminationGracePeriodSeconds!.Value) >= shutdown + TimeSpan.FromSeconds(10),
                $"{deployment.Metadata.Name}: a grace period of {deployment.Spec.Template.Spec.TerminationGracePeriodSeconds} s leaves the silo no time past its {shutdown} shutdown."));
    }

    [Fact]
    public async Task TheSharedSettingsPassTheSilosOwnChecks()
    {
        var settings = await SettingsAsync();
        var storage = settings.GetSection(StorageSettings.Section).Get<StorageSettings>()!;
        var api = settings.GetSection(ApiSettings.Section).Get<ApiSettings>()!;

        Assert.Empty(SettingsValidation.Check(storage));
        Assert.True(storage.UsesEndpoints, "Pods reach storage with their workload identity, not an account key.");
        Assert.Empty(SettingsValidation.Check(api));
        Assert.Equal("0", settings["IncidentActors:Silo:GatewayPort"]);
    }

    [Fact]
    public async Task TheSilosServiceAccountMayReadWatchAndLabelPodsAndHasAnAzureIdentity()
    {
        var objects = await ObjectsAsync();
        var account = Assert.Single(objects.OfType<V1ServiceAccount>());
        var role = Assert.Single(objects.OfType<V1Role>());
        var binding = Assert.Single(objects.OfType<V1RoleBinding>());

        Assert.True(Guid.TryParse(account.Metadata.Annotations["azure.workload.identity/client-id"], out _));
        Assert.All(objects.OfType<V1Deployment>(), d => Assert.Equal(account.Metadata.Name, d.Spec.Template.Spec.ServiceAccountName));
        Assert.Equal(role.Metadata.Name, binding.RoleRef.Name);
        Assert.Equal(account.Metadata.Name, Assert.Single(binding.Subjects).Name);
        var rule = Assert.Single(role.Rules);
        Assert.Equal(["pods"], rule.Resources);
        Assert.Equal(["get", "list", "patch", "watch"], rule.Verbs.Order());
    }

    [Fact]
    public async Task EachRegionHasADisruptionBudgetOverItsOwnPods()
    {
        var objects = await ObjectsAsync();
        foreach (var deployment in objects.OfType<V1Deployment>())
        {
            var labels = deployment.Spec.Template.Metadata.Labels;
            var budget = Assert.Single(objects.OfType<V1PodDisruptionBudget>(), b => b.Spec.Selector.MatchLabels.All(l => labels.TryGetValue(l.Key, out var v) && v == l.Value));
            Assert.Equal(labels["region"], budget.Spec.Selector.MatchLabels["region"]);
            Assert.True(budget.Spec.MaxUnavailable?.Value == "1" || budget.Spec.MinAvailable is not null);
        }
    }

    [Fact]
    public async Task TheServiceSendsGrpcAndHttpToEveryRegionsSilos()
    {
        var objects = await ObjectsAsync();
        var service = Assert.Single(objects.OfType<V1Service>());

        Assert.All(objects.OfType<V1Deployment>(), deployment =>
        {
            var labels = deployment.Spec.Template.Metadata.Labels;
            Assert.All(service.Spec.Selector, s => Assert.Equal(s.Value, labels[s.Key]));
            var ports = Silo(deployment).Ports.Select(p => p.Name).ToHashSet();
            Assert.All(service.Spec.Ports, p => Assert.Contains(p.TargetPort.Value, ports));
        });
        Assert.Equal(["grpc", "http"], service.Spec.Ports.Select(p => p.Name).Order());
    }

    private static V1Container Silo(V1Deployment deployment) => Assert.Single(deployment.Spec.Template.Spec.Containers);

    private static async Task<List<object>> ObjectsAsync()
    {
        var objects = new List<object>();
        foreach (var file in (await KustomizationAsync()).Resources)
        {
            objects.AddRange(await KubernetesYaml.LoadAllFromFileAsync(Path.Combine(Folder, file), strict: true));
        }
        return objects;
    }

    /// <summary>The ConfigMap's variables as the silo's configuration reads them from its environment.</summary>
    private static async Task<IConfiguration> SettingsAsync()
    {
        var map = Assert.Single((await ObjectsAsync()).OfType<V1ConfigMap>());
        return new ConfigurationBuilder()
            .AddInMemoryCollection(map.Data.Select(d => KeyValuePair.Create(d.Key.Replace("__", ":"), (string?)d.Value)))
            .Build();
    }

    private static async Task<Kustomization> KustomizationAsync()
    {
        var loaded = await KubernetesYaml.LoadAllFromFileAsync(Path.Combine(Folder, "kustomization.yaml"),
            new Dictionary<string, Type> { ["kustomize.config.k8s.io/v1beta1/Kustomization"] = typeof(Kustomization) });
        return Assert.IsType<Kustomization>(Assert.Single(loaded));
    }

    /// <summary>The part of a kustomization this test reads.</summary>
    private sealed class Kustomization
    {
        public string ApiVersion { get; set; } = "";
        public string Kind { get; set; } = "";
        public string Namespace { get; set; } = "";
        public List<string> Resources { get; set; } = [];
        public List<object> Images { get; set; } = [];
    }
}
