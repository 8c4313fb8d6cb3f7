using Grpc.Core;
using IncidentActors.Api.V1;
using IncidentActors.Testing;
using Xunit;

namespace IncidentActors.Tests.EndToEnd;

/// <summary>Roles and the closing rules over the public gRPC API, stored and read back.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ClosingApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private RunningSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await RunningSilo.StartAsync(azurite);

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task HighRiskIncidentClosesOverGrpcOnlyOnceResolutionRestorationAndReviewAreRecorded()
    {
        var incidents = new Api.V1.Incidents.IncidentsClient(_silo.Channel);
        var id = await _silo.OpenIncidentAsync("ledger", "bank", "lag", "Ledger replication lag");

        var assigned = await incidents.AssignRoleAsync(new AssignRoleRequest { Id = id, Role = IncidentRole.Commander, AssigneeId = "alice" }, await _silo.As("alice"));
        Assert.Equal(("alice", IncidentRole.Commander), (assigned.Roles.Single().ResponderId, assigned.Roles.Single().Role));
        await incidents.ResolveIncidentAsync(new ResolveIncidentRequest { Id = id }, await _silo.As("alice"));
        var early = await Assert.ThrowsAsync<RpcException>(async () => await incidents.TransitionIncidentAsync(new TransitionIncidentRequest
        {
            Id = id, State = "reviewed",
        }, await _silo.As("alice")).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, early.StatusCode);
        Assert.Contains("resolution is not recorded", early.Status.Detail);

        await incidents.RecordResolutionAsync(new RecordResolutionRequest
        {
            Id = id, ActionsTaken = "Re-seeded the replica", ToolsUsed = "pg_basebackup", ConfigurationChanges = "none",
        }, await _silo.As("alice"));
        await incidents.VerifyRestorationAsync(new VerifyRestorationRequest
        {
            Id = id, Evidence = RestorationEvidence.HealthCheck, Detail = "lag under 1 s for 10 min",
        }, await _silo.As("alice"));
        var selfReview = await Assert.ThrowsAsync<RpcException>(async () => await incidents.ReviewClosureAsync(new IncidentActionRequest { Id = id }, await _silo.As("alice")).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, selfReview.StatusCode);
        await incidents.ReviewClosureAsync(new IncidentActionRequest { Id = id }, await _silo.As("bob"));
        await incidents.TransitionIncidentAsync(new TransitionIncidentRequest { Id = id, State = "reviewed" }, await _silo.As("alice"));

        var stored = await incidents.GetIncidentAsync(new GetIncidentRequest { Id = id });
        Assert.Equal("reviewed", stored.Lifecycle.State);
        Assert.Equal(("alice", "bob"), (stored.ResolutionNotes.RecordedBy, stored.ClosureReview.ReviewedBy));
        Assert.Equal(RestorationEvidence.HealthCheck, stored.Restoration.Evidence);
        Assert.Contains(stored.Timeline, e => e.Kind == TimelineEntryKind.RoleAssigned);
    }
}
