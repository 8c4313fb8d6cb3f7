using Google.Rpc;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;
using IncidentActors.Api.V1;
using IncidentActors.Testing;
using Xunit;

namespace IncidentActors.Tests.EndToEnd;

/// <summary>The public gRPC API over real HTTP/2 on loopback, against a real silo on Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class GrpcApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private RunningSilo _silo = null!;
    private ServiceCatalog.ServiceCatalogClient _catalog = null!;
    private AlertIntake.AlertIntakeClient _alerts = null!;
    private Api.V1.Incidents.IncidentsClient _incidents = null!;

    public async Task InitializeAsync()
    {
        _silo = await RunningSilo.StartAsync(azurite);
        _catalog = new ServiceCatalog.ServiceCatalogClient(_silo.Channel);
        _alerts = new AlertIntake.AlertIntakeClient(_silo.Channel);
        _incidents = new Api.V1.Incidents.IncidentsClient(_silo.Channel);
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task AlertBecomesAnIncidentThatCanBeAcknowledgedAndResolved()
    {
        await Register("checkout");

        var opened = await _alerts.SendAlertAsync(Trigger("checkout", "latency"));
        var repeat = await _alerts.SendAlertAsync(Trigger("checkout", "latency"));
        await _incidents.AcknowledgeIncidentAsync(new AcknowledgeIncidentRequest { Id = opened.IncidentId,  Note = "looking" }, await _silo.As("alice"));
        var resolved = await _incidents.ResolveIncidentAsync(new ResolveIncidentRequest { Id = opened.IncidentId }, await _silo.As("bob"));
        var fetched = await _incidents.GetIncidentAsync(new GetIncidentRequest { Id = opened.IncidentId });

        Assert.Equal(AlertDisposition.Opened, opened.Disposition);
        Assert.Equal(AlertDisposition.Deduplicated, repeat.Disposition);
        Assert.Equal(opened.IncidentId, repeat.IncidentId);
        Assert.Equal(IncidentStatus.Resolved, resolved.Status);
        Assert.Equal(resolved, fetched);
        Assert.Equal("alice", fetched.AcknowledgedBy);
        Assert.Equal(2, fetched.AlertCount);
        Assert.Equal([TimelineEntryKind.Opened, TimelineEntryKind.Acknowledged, TimelineEntryKind.Resolved], fetched.Timeline.Select(e => e.Kind));
        Assert.Equal("eu-west", fetched.CustomDetails["region"]);
    }

    [Fact]
    public async Task TriggerWithoutDedupKeyGetsOneGenerated()
    {
        await Register("search");

        var result = await _alerts.SendAlertAsync(Trigger("search", ""));

        Assert.Equal(AlertDisposition.Opened, result.Disposition);
        Assert.NotEmpty(result.DedupKey);
    }

    [Fact]
    public async Task ListingPagesThroughAServicesIncidentsByStatus()
    {
        await Register("orders", "commerce");
        for (var i = 0; i < 5; i++)
        {
            await _alerts.SendAlertAsync(Trigger("orders", $"k{i}"));
        }
        await _alerts.SendAlertAsync(new AlertEvent { ServiceId = "orders", Action = AlertAction.Resolve, DedupKey = "k0" });

        var ids = new List<string>();
        var request = new ListIncidentsRequest { ServiceId = "orders", Status = IncidentStatus.Triggered, PageSize = 2 };
        do
        {
            var page = await _incidents.ListIncidentsAsync(request);
            ids.AddRange(page.Incidents.Select(i => i.Id));
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);
        var byUnit = await _incidents.ListIncidentsAsync(new ListIncidentsRequest { BusinessUnitId = "commerce", PageSize = 100 });

        Assert.Equal(4, ids.Distinct().Count());
        Assert.Equal(5, byUnit.Incidents.Count);
    }

    [Fact]
    public async Task WatchStreamsEveryChangeOfAnIncidentAsNumberedEvents()
    {
        await Register("mail", "workplace");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var watch = _incidents.WatchIncidents(new WatchIncidentsRequest { BusinessUnitId = "workplace" }, cancellationToken: cts.Token);
        await watch.ResponseHeadersAsync;

        var opened = await _alerts.SendAlertAsync(Trigger("mail", "smtp"));
        await _incidents.AcknowledgeIncidentAsync(new AcknowledgeIncidentRequest { Id = opened.IncidentId }, await _silo.As("alice"));
        await _incidents.ResolveIncidentAsync(new ResolveIncidentRequest { Id = opened.IncidentId }, await _silo.As("alice"));

        var events = new List<IncidentEvent>();
        while (events.Count < 3 && await watch.ResponseStream.MoveNext(cts.Token))
        {
            Assert.Equal(opened.IncidentId, watch.ResponseStream.Current.Incident.Id);
            events.Add(watch.ResponseStream.Current);
        }
        Assert.Equal([TimelineEntryKind.Opened, TimelineEntryKind.Acknowledged, TimelineEntryKind.Resolved], events.Select(e => e.Kind));
        Assert.Equal([1L, 2L, 3L], events.Select(e => e.Sequence));
        Assert.Equal(("alice", IncidentStatus.Resolved), (events[^1].Actor, events[^1].Incident.Status));
        Assert.StartsWith("Resolved", events[^1].Message);
        Assert.NotEmpty(events[0].Region);
    }

    [Fact]
    public async Task MissingFieldsAreInvalidArgumentWithFieldViolationsAndStoreNothing()
    {
        await Register("ledger", "finance");

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _alerts.SendAlertAsync(new AlertEvent { ServiceId = "ledger", Action = AlertAction.Trigger, Severity = AlertSeverity.Critical }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var details = error.Trailers.GetValueBytes("grpc-status-details-bin");
        var violations = Google.Rpc.Status.Parser.ParseFrom(details).Details.Single().Unpack<BadRequest>().FieldViolations;
        Assert.Equal(["summary", "source"], violations.Select(v => v.Field));
        var listing = await _incidents.ListIncidentsAsync(new ListIncidentsRequest { ServiceId = "ledger" });
        Assert.Empty(listing.Incidents);
    }

    [Fact]
    public async Task UnspecifiedActionOrSeverityIsInvalidArgument()
    {
        await Register("cdn");

        var withoutAction = Trigger("cdn", "x");
        withoutAction.Action = AlertAction.Unspecified;
        var withoutSeverity = Trigger("cdn", "x");
        withoutSeverity.Severity = AlertSeverity.Unspecified;

        var noAction = await Assert.ThrowsAsync<RpcException>(() => _alerts.SendAlertAsync(withoutAction).ResponseAsync);
        var noSeverity = await Assert.ThrowsAsync<RpcException>(() => _alerts.SendAlertAsync(withoutSeverity).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, noAction.StatusCode);
        Assert.Contains("action", noAction.Status.Detail);
        Assert.Equal(StatusCode.InvalidArgument, noSeverity.StatusCode);
    }

    [Fact]
    public async Task UnknownServiceAndIncidentAreNotFound()
    {
        var service = await Assert.ThrowsAsync<RpcException>(() => _alerts.SendAlertAsync(Trigger("nowhere", "x")).ResponseAsync);
        var incident = await Assert.ThrowsAsync<RpcException>(() => _incidents.GetIncidentAsync(new GetIncidentRequest { Id = "nowhere-1" }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, service.StatusCode);
        Assert.Contains("nowhere", service.Status.Detail);
        Assert.Equal(StatusCode.NotFound, incident.StatusCode);
    }

    [Fact]
    public async Task AcknowledgingAResolvedIncidentIsFailedPrecondition()
    {
        await Register("dns");
        var opened = await _alerts.SendAlertAsync(Trigger("dns", "resolver"));
        await _incidents.ResolveIncidentAsync(new ResolveIncidentRequest { Id = opened.IncidentId }, await _silo.As("alice"));

        var bob = await _silo.As("bob");
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _incidents.AcknowledgeIncidentAsync(new AcknowledgeIncidentRequest { Id = opened.IncidentId }, bob).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        var incident = await _incidents.GetIncidentAsync(new GetIncidentRequest { Id = opened.IncidentId });
        Assert.Equal(2, incident.Timeline.Count);
    }

    [Fact]
    public async Task ForgedPageTokenIsInvalidArgument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _incidents.ListIncidentsAsync(new ListIncidentsRequest { PageToken = "not-a-token!" }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("page_token", error.Status.Detail);
    }

    [Fact]
    public async Task HealthAndReflectionServicesAnswer()
    {
        var health = await new Health.HealthClient(_silo.Channel).CheckAsync(new HealthCheckRequest());
        using var reflection = new ServerReflection.ServerReflectionClient(_silo.Channel).ServerReflectionInfo();
        await reflection.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await reflection.RequestStream.CompleteAsync();
        Assert.True(await reflection.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        using var live = await _silo.Http.GetAsync("/healthz/live");
        using var ready = await _silo.Http.GetAsync("/healthz/ready");
        Assert.Equal((System.Net.HttpStatusCode.OK, System.Net.HttpStatusCode.OK), (live.StatusCode, ready.StatusCode));
        var services = reflection.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.Contains("incidentactors.v1.Incidents", services);
        Assert.Contains("incidentactors.v1.AlertIntake", services);
        Assert.Contains("incidentactors.v1.ServiceCatalog", services);
    }

    private Task<Service> Register(string id, string businessUnit = "retail") =>
        _catalog.RegisterServiceAsync(new RegisterServiceRequest { Id = id, Name = id, OwnerTeam = "sre", BusinessUnitId = businessUnit }).ResponseAsync;

    private static AlertEvent Trigger(string serviceId, string dedupKey) => new()
    {
        ServiceId = serviceId,
        Action = AlertAction.Trigger,
        DedupKey = dedupKey,
        Summary = "p99 latency above 2s",
        Source = "prometheus",
        Severity = AlertSeverity.Critical,
        CustomDetails = { ["region"] = "eu-west" },
    };
}
