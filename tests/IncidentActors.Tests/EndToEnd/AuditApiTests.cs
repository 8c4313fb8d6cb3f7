using Google.Rpc;
using Grpc.Core;
using IncidentActors.Api.V1;
using IncidentActors.Incidents;
using IncidentActors.Storage;
using IncidentActors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Xunit;

namespace IncidentActors.Tests.EndToEnd;

/// <summary>Auditors verifying incident timelines over gRPC, against a real silo on Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AuditApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private RunningSilo _silo = null!;
    private Api.V1.Audit.AuditClient _audit = null!;

    public async Task InitializeAsync()
    {
        _silo = await RunningSilo.StartAsync(azurite);
        _audit = new Api.V1.Audit.AuditClient(_silo.Channel);
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task AnIntactTimelineVerifiesAndOneTruncatedInStorageDoesNot()
    {
        var id = await _silo.OpenIncidentAsync("checkout", "retail", "latency", "p99 latency above 2s");
        var incidents = new Api.V1.Incidents.IncidentsClient(_silo.Channel);
        var acknowledged = await incidents.AcknowledgeIncidentAsync(new AcknowledgeIncidentRequest { Id = id }, await _silo.As("alice"));

        var intact = await _audit.VerifyTimelineAsync(new VerifyTimelineRequest { IncidentId = id });
        await TruncateStoredTimelineAsync(id);
        var truncated = await _audit.VerifyTimelineAsync(new VerifyTimelineRequest { IncidentId = id });

        Assert.True(intact.Intact, intact.Detail);
        Assert.Equal("", intact.Reason);
        Assert.Equal(acknowledged.Timeline.Count, intact.Entries);
        Assert.Equal(0, intact.FirstBrokenSequence);
        Assert.Equal(acknowledged.Timeline[^1].Hash, intact.HeadHash);
        Assert.False(truncated.Intact);
        Assert.Equal("truncated", truncated.Reason);
        Assert.Equal(acknowledged.Timeline.Count - 1, truncated.Entries);
        Assert.Equal(acknowledged.Timeline.Count, truncated.FirstBrokenSequence);
    }

    [Fact]
    public async Task TheIncidentIdIsRequiredAndMustNameAnIncident()
    {
        var empty = await Assert.ThrowsAsync<RpcException>(() => _audit.VerifyTimelineAsync(new VerifyTimelineRequest()).ResponseAsync);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => _audit.VerifyTimelineAsync(new VerifyTimelineRequest { IncidentId = "nope-1" }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, empty.StatusCode);
        var violations = Google.Rpc.Status.Parser.ParseFrom(empty.Trailers.GetValueBytes("grpc-status-details-bin")).Details.Single().Unpack<BadRequest>().FieldViolations;
        Assert.Equal(["incident_id"], violations.Select(v => v.Field));
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }

    /// <summary>Drops the last entry where the silo stores it, as someone holding the storage account could.</summary>
    private async Task TruncateStoredTimelineAsync(string incidentId)
    {
        var grainId = _silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IIncidentGrain>(incidentId).GetGrainId();
        var storage = _silo.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Incidents);
        var state = new GrainState<IncidentState>(new IncidentState());
        await storage.ReadStateAsync("incident", grainId, state);
        var timeline = state.State!.Timeline;
        timeline.RemoveAt(timeline.Count - 1);
        await storage.WriteStateAsync("incident", grainId, state);
    }
}
