using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using IncidentActors.Api.V1;
using IncidentActors.Testing;
using Xunit;

namespace IncidentActors.Tests.EndToEnd;

/// <summary>Templates, approvals, spokespersons, disclosure and the communications log over the public gRPC API.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CommunicationsApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private RunningSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await RunningSilo.StartAsync(azurite);

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task CustomerUpdateIsPublishedOnlyApprovedBySpokespersonWithRootCauseHeldBackUntilDisclosureIsCleared()
    {
        var units = new Api.V1.BusinessUnits.BusinessUnitsClient(_silo.Channel);
        var communications = new Api.V1.Communications.CommunicationsClient(_silo.Channel);
        var incidents = new Api.V1.Incidents.IncidentsClient(_silo.Channel);
        await units.DefineBusinessUnitAsync(new BusinessUnit
        {
            Id = "shop", Name = "Shop", HomeRegion = "local", StandardLifecycle = StandardLifecycle.Sre,
            Communications = new CommunicationsPolicy
            {
                ApproverGroups = { "legal" }, SpokespersonPeople = { "sam" },
                UpdateIntervals = { new UpdateInterval { Severity = IncidentSeverity.Sev1, Every = Duration.FromTimeSpan(TimeSpan.FromMinutes(30)) } },
            },
        });
        var badLiquid = await Assert.ThrowsAsync<RpcException>(async () => await communications.PublishTemplatesAsync(new PublishTemplatesRequest
        {
            BusinessUnitId = "shop",
            Templates = { new CommunicationTemplate { Name = "broken", Audience = UpdateAudience.Executives, Subject = "ok", Body = "{% if %}" } },
        }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, badLiquid.StatusCode);
        Assert.Contains("templates[0].body", badLiquid.Status.Detail);
        await communications.PublishTemplatesAsync(new PublishTemplatesRequest
        {
            BusinessUnitId = "shop",
            Templates =
            {
                new CommunicationTemplate
                {
                    Name = "exec", Audience = UpdateAudience.Executives, Subject = "{{ incident.severity }}: {{ incident.title }}",
                    Body = "Affected: {{ incident.affected_services | join: ', ' }}. Estimated resolution: {{ estimated_resolution }}.",
                },
                new CommunicationTemplate
                {
                    Name = "customers", Audience = UpdateAudience.Customers, Subject = "Service disruption",
                    Body = "We are investigating a disruption of {{ incident.affected_services | join: ', ' }}.",
                },
                new CommunicationTemplate { Name = "customers-cause", Audience = UpdateAudience.Customers, Subject = "Cause", Body = "Cause: {{ technical.category }}" },
            },
        });
        var id = await _silo.OpenIncidentAsync("storefront", "shop", "down", "Storefront down", AlertSeverity.Critical);
        await incidents.AssignRoleAsync(new AssignRoleRequest { Id = id, Role = IncidentRole.CommunicationsLead, AssigneeId = "carol" }, await _silo.As("alice"));
        var carol = await _silo.As("carol");
        var sam = await _silo.As("sam");
        await _silo.GrantAsync("lena", Role.Observer, "shop");
        var lena = new Metadata { { "authorization", $"Bearer {TestTokens.For("lena", ["legal"])}" } };

        var preview = await communications.PreviewUpdateAsync(new UpdateDraftRequest { IncidentId = id, TemplateName = "exec", EstimatedResolution = "within the hour" }, carol);
        Assert.Equal(("SEV1: Storefront down", "Affected: storefront. Estimated resolution: within the hour."), (preview.Subject, preview.Body));
        var executive = await communications.DraftUpdateAsync(new UpdateDraftRequest
        {
            IncidentId = id, TemplateName = "exec", BodyOverride = "Checkout is down; we expect it back within the hour.",
        }, carol);
        Assert.Equal("body", executive.Overrides.Single().Field);
        var sent = await communications.PublishUpdateAsync(new UpdateRequest { IncidentId = id, Number = executive.Number }, carol);
        Assert.Equal(UpdateStatus.Published, sent.Status);

        var customer = await communications.DraftUpdateAsync(new UpdateDraftRequest { IncidentId = id, TemplateName = "customers" }, carol);
        Assert.Equal(StatusCode.FailedPrecondition, await RpcStatus.Of(async () =>
            await communications.PublishUpdateAsync(new UpdateRequest { IncidentId = id, Number = customer.Number }, sam)));
        Assert.Equal(StatusCode.PermissionDenied, await RpcStatus.Of(async () =>
            await communications.ApproveUpdateAsync(new UpdateRequest { IncidentId = id, Number = customer.Number }, carol)));
        var carolInLegal = new Metadata { { "authorization", $"Bearer {TestTokens.For("carol", ["legal"])}" } };
        var selfApproval = await Assert.ThrowsAsync<RpcException>(async () =>
            await communications.ApproveUpdateAsync(new UpdateRequest { IncidentId = id, Number = customer.Number }, carolInLegal));
        Assert.Equal(StatusCode.PermissionDenied, selfApproval.StatusCode);
        Assert.Contains("carol drafted update", selfApproval.Status.Detail);
        var approved = await communications.ApproveUpdateAsync(new UpdateRequest { IncidentId = id, Number = customer.Number }, lena);
        Assert.Equal("lena", approved.ApprovedBy);
        Assert.Equal(StatusCode.PermissionDenied, await RpcStatus.Of(async () =>
            await communications.PublishUpdateAsync(new UpdateRequest { IncidentId = id, Number = customer.Number }, carol)));
        var published = await communications.PublishUpdateAsync(new UpdateRequest { IncidentId = id, Number = customer.Number }, sam);
        Assert.Equal(("sam", UpdateStatus.Published), (published.PublishedBy, published.Status));

        var withheld = await Assert.ThrowsAsync<RpcException>(async () =>
            await communications.PreviewUpdateAsync(new UpdateDraftRequest { IncidentId = id, TemplateName = "customers-cause" }, carol).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, withheld.StatusCode);
        Assert.Contains("technical.category", withheld.Status.Detail);
        await communications.ClearDisclosureAsync(new ClearDisclosureRequest { IncidentId = id, Note = "legal agreed" }, await _silo.As("alice"));
        Assert.StartsWith("Cause:", (await communications.PreviewUpdateAsync(new UpdateDraftRequest { IncidentId = id, TemplateName = "customers-cause" }, carol)).Body);

        await communications.ConfirmUpdateReadAsync(new UpdateRequest { IncidentId = id, Number = executive.Number }, carol);
        Assert.Equal(StatusCode.PermissionDenied, await RpcStatus.Of(async () =>
            await communications.ConfirmUpdateReadAsync(new UpdateRequest { IncidentId = id, Number = executive.Number }, lena)));
        var log = await communications.GetCommunicationsLogAsync(new GetCommunicationsLogRequest { IncidentId = id });
        Assert.Equal([UpdateAudience.Executives, UpdateAudience.Customers], log.Updates.Select(u => u.Audience));
        var carolReceipt = log.Updates[0].Recipients.Single(r => r.PersonId == "carol");
        Assert.NotNull(carolReceipt.ReadAt);
        Assert.NotEmpty(carolReceipt.Deliveries);
        Assert.Equal("alice", log.DisclosureClearedBy);
        Assert.NotNull(log.NextUpdateDue);
        var timeline = (await incidents.GetIncidentAsync(new GetIncidentRequest { Id = id })).Timeline.Select(e => e.Kind).ToList();
        Assert.Contains(TimelineEntryKind.UpdateApproved, timeline);
        Assert.Contains(TimelineEntryKind.DisclosureCleared, timeline);
        Assert.Equal(2, timeline.Count(k => k == TimelineEntryKind.UpdatePublished));

        // For regulators: the export carries what was published, whole or with every person replaced.
        var audit = new Api.V1.Audit.AuditClient(_silo.Channel);
        var whole = await audit.ExportIncidentAsync(new ExportIncidentRequest { IncidentId = id });
        Assert.Equal([(UpdateAudience.Executives, "carol", "", "carol"), (UpdateAudience.Customers, "carol", "lena", "sam")],
            whole.Updates.Select(u => (u.Audience, u.DraftedBy, u.ApprovedBy, u.PublishedBy)));
        Assert.Contains("carol", whole.Updates[0].ReadBy);
        var redacted = await audit.ExportIncidentAsync(new ExportIncidentRequest { IncidentId = id, Redacted = true });
        Assert.Equal(2, redacted.Updates.Count);
        Assert.All(redacted.Updates, u => Assert.StartsWith("person ", u.PublishedBy));
        Assert.DoesNotContain("carol", redacted.ToString());
        Assert.DoesNotContain("lena", redacted.ToString());
    }
}
