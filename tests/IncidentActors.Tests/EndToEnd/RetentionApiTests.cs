using Google.Rpc;
using Grpc.Core;
using IncidentActors.Api.V1;
using IncidentActors.Testing;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace IncidentActors.Tests.EndToEnd;

/// <summary>A unit's retention and legal holds over gRPC, on a real silo and Azurite, with the roles each call needs.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RetentionApiTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task HeldIncidentsStayUntilAnAdminReleasesThemThenOnlyTheUnitsAuditorsReadTheArchive()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var day0 = clock.GetUtcNow().ToString("yyyy-MM-dd");
        await using var silo = await RunningSilo.StartAsync(azurite, clock);
        var (retail, bank) = (AzuriteFixture.UniqueName("retail"), AzuriteFixture.UniqueName("bank"));
        var units = new Api.V1.BusinessUnits.BusinessUnitsClient(silo.Channel);
        var unit = new BusinessUnit { Id = retail, Name = "Retail", HomeRegion = "emea", StandardLifecycle = StandardLifecycle.Sre };
        var refused = await Assert.ThrowsAsync<RpcException>(() => units.DefineBusinessUnitAsync(new BusinessUnit(unit)
        {
            Retention = new Retention { ArchiveAfterDays = 30, DeleteArchivedAfterDays = 20 },
        }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal(["retention.delete_archived_after_days"], Fields(refused));
        await units.DefineBusinessUnitAsync(new BusinessUnit(unit) { Retention = new Retention { ArchiveAfterDays = 30 } });
        var id = await silo.OpenIncidentAsync(AzuriteFixture.UniqueName("svc"), retail, "disk", "Disk full");
        var incidents = new Api.V1.Incidents.IncidentsClient(silo.Channel);
        await incidents.ResolveIncidentAsync(new ResolveIncidentRequest { Id = id }, await silo.As("alice"));
        await silo.GrantAsync("audrey", Role.Auditor, retail);
        await silo.GrantAsync("ursula", Role.UnitAdmin, retail);
        await silo.GrantAsync("carol", Role.Responder, retail);
        await silo.GrantAsync("bart", Role.Auditor, bank);
        var (audrey, ursula, carol, bart) = (Audit(silo, "audrey"), Audit(silo, "ursula"), Audit(silo, "carol"), Audit(silo, "bart"));

        var placed = await audrey.PlaceLegalHoldAsync(new PlaceLegalHoldRequest { IncidentId = id, Reason = "matter 2026-117" });
        Assert.Equal(("matter 2026-117", "audrey", retail), (placed.Hold.Reason, placed.Hold.PlacedBy, placed.BusinessUnitId));
        Assert.Equal("audrey", (await incidents.GetIncidentAsync(new GetIncidentRequest { Id = id })).LegalHold.PlacedBy);
        Assert.Equal(StatusCode.PermissionDenied, await RpcStatus.Of(() => carol.PlaceLegalHoldAsync(new PlaceLegalHoldRequest { IncidentId = id, Reason = "x" }).ResponseAsync));
        Assert.Equal(StatusCode.PermissionDenied, await RpcStatus.Of(() => bart.PlaceLegalHoldAsync(new PlaceLegalHoldRequest { IncidentId = id, Reason = "x" }).ResponseAsync));
        Assert.Equal(StatusCode.PermissionDenied, await RpcStatus.Of(() => bart.PlaceLegalHoldAsync(new PlaceLegalHoldRequest { BusinessUnitId = retail, Reason = "x" }).ResponseAsync));
        Assert.Equal(StatusCode.PermissionDenied, await RpcStatus.Of(() => audrey.ReleaseLegalHoldAsync(new ReleaseLegalHoldRequest { IncidentId = id }).ResponseAsync));
        var noTarget = await Assert.ThrowsAsync<RpcException>(() => audrey.PlaceLegalHoldAsync(new PlaceLegalHoldRequest { Reason = "x" }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, noTarget.StatusCode);
        Assert.Equal(["target"], Fields(noTarget));
        var noReason = await Assert.ThrowsAsync<RpcException>(() => audrey.PlaceLegalHoldAsync(new PlaceLegalHoldRequest { IncidentId = id }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, noReason.StatusCode);
        Assert.Equal(["reason"], Fields(noReason));
        Assert.Equal(StatusCode.FailedPrecondition, await RpcStatus.Of(() => audrey.GetArchivedIncidentAsync(new GetArchivedIncidentRequest { IncidentId = id }).ResponseAsync));

        clock.Advance(TimeSpan.FromDays(31));
        await Task.WhenAll(IncidentActors.Deadlines.DeadlineShards.All(silo.Grains).Select(s => s.Ping()));
        Assert.Equal(id, (await incidents.GetIncidentAsync(new GetIncidentRequest { Id = id })).Id);
        Assert.True((await ursula.ReleaseLegalHoldAsync(new ReleaseLegalHoldRequest { IncidentId = id, Note = "matter closed" })).Released);
        await Eventually.True(async () =>
        {
            clock.Advance(TimeSpan.Zero);
            return await RpcStatus.Of(() => incidents.GetIncidentAsync(new GetIncidentRequest { Id = id }).ResponseAsync) == StatusCode.FailedPrecondition;
        }, what: "the released incident to be archived");

        var archived = await audrey.GetArchivedIncidentAsync(new GetArchivedIncidentRequest { IncidentId = id });
        Assert.Equal((id, "Disk full", true, true), (archived.Incident.Id, archived.Incident.Title, archived.ContentIntact, archived.Timeline.Intact));
        Assert.Equal([TimelineEntryKind.LegalHoldPlaced, TimelineEntryKind.LegalHoldReleased, TimelineEntryKind.Archived],
            archived.Incident.Timeline.TakeLast(3).Select(e => e.Kind));
        Assert.Equal(StatusCode.PermissionDenied, await RpcStatus.Of(() => carol.GetArchivedIncidentAsync(new GetArchivedIncidentRequest { IncidentId = id }).ResponseAsync));
        Assert.Equal(StatusCode.PermissionDenied, await RpcStatus.Of(() => bart.GetArchivedIncidentAsync(new GetArchivedIncidentRequest { IncidentId = id }).ResponseAsync));
        Assert.Empty((await incidents.ListIncidentsAsync(new ListIncidentsRequest { BusinessUnitId = retail })).Incidents);
        var listed = await Eventually.Get(() => incidents.ListIncidentsAsync(new ListIncidentsRequest { BusinessUnitId = retail, IncludeArchived = true }).ResponseAsync,
            page => page.Incidents.Count == 1 && page.Incidents[0].ArchivedAt is not null, what: "the archived incident to be listed as such");
        Assert.Equal(id, listed.Incidents[0].Id);

        var log = await new Api.V1.Audit.AuditClient(silo.Channel).ListAuditEntriesAsync(new ListAuditEntriesRequest { BusinessUnitId = retail, Day = day0, PageSize = 1000 });
        Assert.Contains(log.Entries, e => (e.PrincipalId, e.Operation, e.Target, e.Outcome) == ("audrey", "/incidentactors.v1.Audit/PlaceLegalHold", id, "OK"));
        Assert.Contains(log.Entries, e => (e.PrincipalId, e.Operation, e.Target, e.Outcome) == ("bart", "/incidentactors.v1.Audit/PlaceLegalHold", id, "PermissionDenied"));
        Assert.Contains(log.Entries, e => (e.PrincipalId, e.Operation, e.Target, e.Outcome) == ("bart", "/incidentactors.v1.Audit/PlaceLegalHold", retail, "PermissionDenied"));
        // Refused at the door, before any unit was known: in the organisation's log, under who was refused.
        var orgLog = await new Api.V1.Audit.AuditClient(silo.Channel).ListAuditEntriesAsync(new ListAuditEntriesRequest { Day = day0, PageSize = 1000 });
        Assert.Contains(orgLog.Entries, e => (e.PrincipalId, e.Operation, e.Target, e.Outcome) == ("carol", "/incidentactors.v1.Audit/PlaceLegalHold", id, "PermissionDenied"));
    }

    [Fact]
    public async Task AUnitsHoldIsShownOnTheUnitAndOnlyItsAdminsReleaseIt()
    {
        await using var silo = await RunningSilo.StartAsync(azurite);
        var retail = AzuriteFixture.UniqueName("retail");
        var units = new Api.V1.BusinessUnits.BusinessUnitsClient(silo.Channel);
        await units.DefineBusinessUnitAsync(new BusinessUnit { Id = retail, Name = "Retail", HomeRegion = "emea", StandardLifecycle = StandardLifecycle.Sre });
        await silo.GrantAsync("audrey", Role.Auditor, retail);
        await silo.GrantAsync("ursula", Role.UnitAdmin, retail);

        var placed = await Audit(silo, "audrey").PlaceLegalHoldAsync(new PlaceLegalHoldRequest { BusinessUnitId = retail, Reason = "regulator inquiry" });
        var shown = await units.GetBusinessUnitAsync(new GetBusinessUnitRequest { Id = retail });
        Assert.Equal(("regulator inquiry", "audrey"), (shown.LegalHold.Reason, shown.LegalHold.PlacedBy));
        Assert.Equal(placed.Hold, shown.LegalHold);
        Assert.Equal(StatusCode.PermissionDenied,
            await RpcStatus.Of(() => Audit(silo, "audrey").ReleaseLegalHoldAsync(new ReleaseLegalHoldRequest { BusinessUnitId = retail }).ResponseAsync));
        Assert.True((await Audit(silo, "ursula").ReleaseLegalHoldAsync(new ReleaseLegalHoldRequest { BusinessUnitId = retail })).Released);
        Assert.False((await Audit(silo, "ursula").ReleaseLegalHoldAsync(new ReleaseLegalHoldRequest { BusinessUnitId = retail })).Released);
        Assert.Null((await units.GetBusinessUnitAsync(new GetBusinessUnitRequest { Id = retail })).LegalHold);
    }

    private static Api.V1.Audit.AuditClient Audit(RunningSilo silo, string person) => new(silo.ChannelFor(TestTokens.For(person)));

    private static string[] Fields(RpcException e) =>
        [.. Google.Rpc.Status.Parser.ParseFrom(e.Trailers.GetValueBytes("grpc-status-details-bin")).Details.Single().Unpack<BadRequest>().FieldViolations.Select(v => v.Field)];
}
