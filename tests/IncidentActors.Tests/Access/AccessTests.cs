using System.Net;
using System.Net.Http.Headers;
using Grpc.Core;
using AccessTicket = IncidentActors.Access.AccessTicket;
using Principal = IncidentActors.Access.Principal;
using PrincipalKind = IncidentActors.Access.PrincipalKind;
using RoleGrant = IncidentActors.Access.RoleGrant;
using IncidentActors.Api.V1;
using IncidentActors.Testing;
using IncidentActors.Tests.EndToEnd;
using Xunit;


namespace IncidentActors.Tests.Access;

/// <summary>Roles scoped to business units, actors from the token, integration keys and the development issuer, end to end.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AccessTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ACallerWithRolesInOneUnitReadsAndActsThereAndIsRefusedEverywhereElse()
    {
        await using var silo = await RunningSilo.StartAsync(azurite);
        var (retail, bank) = (AzuriteFixture.UniqueName("retail"), AzuriteFixture.UniqueName("bank"));
        var ours = await silo.OpenIncidentAsync(AzuriteFixture.UniqueName("svc"), retail, "disk", "Disk full");
        var theirs = await silo.OpenIncidentAsync(AzuriteFixture.UniqueName("svc"), bank, "disk", "Disk full");
        await silo.GrantAsync("carol", Role.Responder, retail);
        using var carol = silo.ChannelFor(TestTokens.For("carol"));
        var incidents = new Api.V1.Incidents.IncidentsClient(carol);

        var acknowledged = await incidents.AcknowledgeIncidentAsync(new AcknowledgeIncidentRequest { Id = ours, Note = "on it" });
        Assert.Equal("carol", acknowledged.AcknowledgedBy);
        Assert.Equal("carol", acknowledged.Timeline.Last().Actor);
        Assert.Equal(StatusCode.PermissionDenied, await RpcStatus.Of(() => incidents.GetIncidentAsync(new GetIncidentRequest { Id = theirs }).ResponseAsync));
        Assert.Equal(StatusCode.PermissionDenied, await RpcStatus.Of(() => incidents.ResolveIncidentAsync(new ResolveIncidentRequest { Id = theirs }).ResponseAsync));
        Assert.Equal(StatusCode.PermissionDenied, await RpcStatus.Of(() => incidents.ListIncidentsAsync(new ListIncidentsRequest { BusinessUnitId = bank }).ResponseAsync));
        Assert.Equal(StatusCode.PermissionDenied, await RpcStatus.Of(() =>
            new Api.V1.BusinessUnits.BusinessUnitsClient(carol).GetBusinessUnitAsync(new GetBusinessUnitRequest { Id = bank }).ResponseAsync));
        Assert.Equal(StatusCode.PermissionDenied, await RpcStatus.Of(() => new ServiceCatalog.ServiceCatalogClient(carol).RegisterServiceAsync(
            new RegisterServiceRequest { Id = AzuriteFixture.UniqueName("svc"), Name = "x", OwnerTeam = "sre", BusinessUnitId = retail }).ResponseAsync));
        // A listing of every unit holds the caller's units only, and so does its count.
        var listed = await incidents.ListIncidentsAsync(new ListIncidentsRequest { PageSize = 500 });
        Assert.Contains(listed.Incidents, i => i.Id == ours);
        Assert.DoesNotContain(listed.Incidents, i => i.BusinessUnitId != retail);

        // A call that reaches the grain without passing the door is checked by the grain itself.
        new AccessTicket(new Principal("carol", PrincipalKind.Person, [new RoleGrant(IncidentActors.Access.Role.Responder, retail)], [], []), [IncidentActors.Access.Role.Responder]).Attach();
        await Assert.ThrowsAsync<IncidentActors.Errors.PermissionDeniedException>(() => silo.Grains.GetGrain<IncidentActors.Incidents.IIncidentGrain>(theirs).Get());
        Assert.Equal(ours, (await silo.Grains.GetGrain<IncidentActors.Incidents.IIncidentGrain>(ours).Get()).Id);
        RequestContext.Clear();
    }

    [Fact]
    public async Task AWatchStreamCarriesOnlyTheUnitsTheCallerMayReadAndEndsWhenItsGrantIsRevoked()
    {
        await using var silo = await RunningSilo.StartAsync(azurite, settings: new Dictionary<string, string?>
        {
            ["IncidentActors:Auth:StreamGrantsRefresh"] = "00:00:00",
        });
        var (retail, bank) = (AzuriteFixture.UniqueName("retail"), AzuriteFixture.UniqueName("bank"));
        await silo.GrantAsync("olivia", Role.Observer, retail);
        using var olivia = silo.ChannelFor(TestTokens.For("olivia"));
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var watch = new Api.V1.Incidents.IncidentsClient(olivia).WatchIncidents(new WatchIncidentsRequest(), cancellationToken: cancel.Token);
        await watch.ResponseHeadersAsync;

        var theirs = await silo.OpenIncidentAsync(AzuriteFixture.UniqueName("svc"), bank, "disk", "Disk full");
        var ours = await silo.OpenIncidentAsync(AzuriteFixture.UniqueName("svc"), retail, "disk", "Disk full");

        Assert.True(await watch.ResponseStream.MoveNext(cancel.Token));
        Assert.Equal(ours, watch.ResponseStream.Current.Incident.Id);
        Assert.NotEqual(theirs, watch.ResponseStream.Current.Incident.Id);

        await new Api.V1.Access.AccessClient(silo.Channel).RevokeRoleAsync(new RoleGrantRequest
        {
            PrincipalId = "olivia", Grant = new Api.V1.RoleGrant { Role = Role.Observer, BusinessUnitId = retail },
        });
        await silo.OpenIncidentAsync(AzuriteFixture.UniqueName("svc"), retail, "cpu", "CPU hot");
        var ended = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await watch.ResponseStream.MoveNext(cancel.Token))
            {
                Assert.Fail($"an event of {watch.ResponseStream.Current.Incident.Id} came after the grant was revoked");
            }
        });
        Assert.Equal(StatusCode.PermissionDenied, ended.StatusCode);
    }

    [Fact]
    public async Task IntegrationKeysReachTheirScopeOnlyRotateWithOverlapAndStopAtRevocation()
    {
        await using var silo = await RunningSilo.StartAsync(azurite);
        var (retail, bank) = (AzuriteFixture.UniqueName("retail"), AzuriteFixture.UniqueName("bank"));
        var (checkout, search, ledger) = (AzuriteFixture.UniqueName("checkout"), AzuriteFixture.UniqueName("search"), AzuriteFixture.UniqueName("ledger"));
        await silo.OpenIncidentAsync(checkout, retail, "seed", "seed");
        await silo.OpenIncidentAsync(search, retail, "seed", "seed");
        await silo.OpenIncidentAsync(ledger, bank, "seed", "seed");
        var access = new Api.V1.Access.AccessClient(silo.Channel);
        var unitWide = await access.IssueIntegrationKeyAsync(new IssueIntegrationKeyRequest { Name = "prometheus", BusinessUnitId = retail });
        var checkoutOnly = await access.IssueIntegrationKeyAsync(new IssueIntegrationKeyRequest { Name = "grafana", BusinessUnitId = retail, ServiceIds = { checkout } });

        Assert.Equal(StatusCode.OK, await Send(silo, unitWide.Secret, search));
        Assert.Equal(StatusCode.PermissionDenied, await Send(silo, unitWide.Secret, ledger));
        Assert.Equal(StatusCode.OK, await Send(silo, checkoutOnly.Secret, checkout));
        Assert.Equal(StatusCode.PermissionDenied, await Send(silo, checkoutOnly.Secret, search));
        Assert.Equal(StatusCode.PermissionDenied, await RpcStatus.Of(() => new Api.V1.Incidents.IncidentsClient(silo.ChannelFor(unitWide.Secret))
            .ListIncidentsAsync(new ListIncidentsRequest { BusinessUnitId = retail }).ResponseAsync));

        var rotated = await access.RotateIntegrationKeyAsync(new RotateIntegrationKeyRequest { KeyId = unitWide.Key.Id, OverlapSeconds = 3600 });
        Assert.Equal(StatusCode.OK, await Send(silo, unitWide.Secret, search));
        Assert.Equal(StatusCode.OK, await Send(silo, rotated.Secret, search));
        await access.RevokeIntegrationKeyAsync(new RevokeIntegrationKeyRequest { KeyId = unitWide.Key.Id });
        Assert.Equal(StatusCode.Unauthenticated, await Send(silo, rotated.Secret, search));
        Assert.Equal(StatusCode.Unauthenticated, await Send(silo, unitWide.Secret, search));

        var listed = await access.ListIntegrationKeysAsync(new ListIntegrationKeysRequest { BusinessUnitId = retail });
        Assert.Equal(new[] { checkoutOnly.Key.Id, unitWide.Key.Id }.Order(), listed.Keys.Select(k => k.Id).Order());
        Assert.NotNull(listed.Keys.Single(k => k.Id == checkoutOnly.Key.Id).LastUsedAt);
        Assert.True(listed.Keys.Single(k => k.Id == unitWide.Key.Id).Revoked);
        Assert.DoesNotContain(checkoutOnly.Secret.Split('.')[^1], listed.ToString());
    }

    [Fact]
    public async Task WebhooksTakeIntegrationKeysAsBearerOrAsTheEventsRoutingKey()
    {
        await using var silo = await RunningSilo.StartAsync(azurite);
        var retail = AzuriteFixture.UniqueName("retail");
        var (checkout, search) = (AzuriteFixture.UniqueName("checkout"), AzuriteFixture.UniqueName("search"));
        await silo.OpenIncidentAsync(checkout, retail, "seed", "seed");
        await silo.OpenIncidentAsync(search, retail, "seed", "seed");
        var key = await silo.IntegrationKeyAsync(retail, checkout);
        using var http = new HttpClient { BaseAddress = silo.Http.BaseAddress };
        var notification = """{"version":"4","status":"firing","receiver":"ia","groupKey":"{}:{alertname=\"Down\"}","groupLabels":{"alertname":"Down"},"alerts":[{"status":"firing","fingerprint":"f1","startsAt":"2026-11-25T03:00:00Z","labels":{"alertname":"Down","severity":"critical"},"annotations":{"summary":"down"}}]}""";

        Assert.Equal(HttpStatusCode.Unauthorized, (await Post(http, $"/v1/webhooks/alertmanager/{checkout}", notification, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Post(http, $"/v1/webhooks/alertmanager/{checkout}", notification, "iak.0123456789abcdef.nope")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Post(http, $"/v1/webhooks/alertmanager/{search}", notification, key)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Post(http, $"/v1/webhooks/alertmanager/{checkout}", notification, key)).StatusCode);

        string Event(string routingKey) => $$$"""{"routing_key":"{{{routingKey}}}","event_action":"trigger","dedup_key":"e1","payload":{"summary":"down","source":"probe","severity":"critical"}}""";
        Assert.Equal(HttpStatusCode.Accepted, (await Post(http, "/v1/events/enqueue", Event(key), null)).StatusCode);
        var byServiceId = await Post(http, "/v1/events/enqueue", Event(checkout), null);
        Assert.Equal(HttpStatusCode.BadRequest, byServiceId.StatusCode);
        Assert.Contains("routing_key", await byServiceId.Content.ReadAsStringAsync());
        var unitWide = await silo.IntegrationKeyAsync(retail);
        Assert.Equal(HttpStatusCode.BadRequest, (await Post(http, "/v1/events/enqueue", Event(unitWide), null)).StatusCode);

        // Each refusal is in the organisation's log, under who was refused: no unit is known before the caller is.
        var log = (await new Api.V1.Audit.AuditClient(silo.Channel).ListAuditEntriesAsync(new ListAuditEntriesRequest { PageSize = 1000 })).Entries;
        const string alertmanager = "POST /v1/webhooks/alertmanager/{serviceId}";
        Assert.Equal(2, log.Count(e => (e.PrincipalId, e.Operation, e.Target, e.Outcome) == ("anonymous", alertmanager, checkout, "Unauthenticated")));
        Assert.Contains(log, e => key.StartsWith($"iak.{e.PrincipalId}.", StringComparison.Ordinal) && (e.Operation, e.Target, e.Outcome) == (alertmanager, search, "PermissionDenied"));
        Assert.Equal(2, log.Count(e => (e.PrincipalId, e.Operation, e.Outcome) == ("anonymous", "POST /v1/events/enqueue", "Unauthenticated")));
        Assert.All(log.Where(e => e.Operation.StartsWith("POST ", StringComparison.Ordinal)), e => Assert.StartsWith("127.0.0.1:", e.Address));
    }

    [Fact]
    public async Task AdminsGrantWithinTheirScopeAndEveryPersonSeesTheirOwnGrants()
    {
        await using var silo = await RunningSilo.StartAsync(azurite);
        var (retail, bank) = (AzuriteFixture.UniqueName("retail"), AzuriteFixture.UniqueName("bank"));
        await silo.GrantAsync("uma", Role.UnitAdmin, retail);
        var uma = new Api.V1.Access.AccessClient(silo.ChannelFor(TestTokens.For("uma")));

        await uma.GrantRoleAsync(new RoleGrantRequest { PrincipalId = "rick", Grant = new Api.V1.RoleGrant { Role = Role.Responder, BusinessUnitId = retail } });
        Assert.Equal(StatusCode.PermissionDenied, await RpcStatus.Of(() => uma.GrantRoleAsync(new RoleGrantRequest
        {
            PrincipalId = "rick", Grant = new Api.V1.RoleGrant { Role = Role.Responder, BusinessUnitId = bank },
        }).ResponseAsync));
        Assert.Equal(StatusCode.PermissionDenied, await RpcStatus.Of(() => uma.GrantRoleAsync(new RoleGrantRequest
        {
            PrincipalId = "uma", Grant = new Api.V1.RoleGrant { Role = Role.OrgAdmin },
        }).ResponseAsync));
        Assert.Equal(StatusCode.InvalidArgument, await RpcStatus.Of(() => uma.GrantRoleAsync(new RoleGrantRequest
        {
            PrincipalId = "rick", Grant = new Api.V1.RoleGrant { Role = Role.Integration, BusinessUnitId = retail },
        }).ResponseAsync));

        var rick = new Api.V1.Access.AccessClient(silo.ChannelFor(TestTokens.For("rick", groups: ["secops"])));
        var me = await rick.WhoAmIAsync(new WhoAmIRequest());
        Assert.Equal(("rick", Api.V1.PrincipalKind.Person, "secops"), (me.Id, me.Kind, me.Groups.Single()));
        Assert.Equal((Role.Responder, retail), (me.Grants.Single().Role, me.Grants.Single().BusinessUnitId));
        Assert.Equal(StatusCode.PermissionDenied, await RpcStatus.Of(() => rick.GetGrantsAsync(new GetGrantsRequest { PrincipalId = "uma" }).ResponseAsync));
        var reviewed = await uma.ListUnitGrantsAsync(new ListUnitGrantsRequest { BusinessUnitId = retail });
        Assert.Equal(["rick", "uma"], reviewed.Principals.Select(p => p.PrincipalId).Order());

        await uma.RevokeRoleAsync(new RoleGrantRequest { PrincipalId = "rick", Grant = new Api.V1.RoleGrant { Role = Role.Responder, BusinessUnitId = retail } });
        Assert.Empty((await rick.WhoAmIAsync(new WhoAmIRequest())).Grants);
    }

    [Fact]
    public async Task WhoAmIAnswersThePersonOrIntegrationKeyTheCallAuthenticatedAsAndRefusesTheAnonymous()
    {
        await using var silo = await RunningSilo.StartAsync(azurite);
        var (retail, checkout) = (AzuriteFixture.UniqueName("retail"), AzuriteFixture.UniqueName("checkout"));
        await silo.GrantAsync("petra", Role.Observer, retail);
        var key = await silo.IntegrationKeyAsync(retail, checkout);

        var person = await new Api.V1.Access.AccessClient(silo.ChannelFor(TestTokens.For("petra", groups: ["noc", "secops"]))).WhoAmIAsync(new WhoAmIRequest());
        var integration = await new Api.V1.Access.AccessClient(silo.ChannelFor(key)).WhoAmIAsync(new WhoAmIRequest());
        var admin = await new Api.V1.Access.AccessClient(silo.Channel).WhoAmIAsync(new WhoAmIRequest());

        Assert.Equal(("petra", Api.V1.PrincipalKind.Person), (person.Id, person.Kind));
        Assert.Equal(["noc", "secops"], person.Groups.Order());
        Assert.Equal((Role.Observer, retail), (person.Grants.Single().Role, person.Grants.Single().BusinessUnitId));
        Assert.Equal((Api.V1.PrincipalKind.Integration, Role.Integration, retail), (integration.Kind, integration.Grants.Single().Role, integration.Grants.Single().BusinessUnitId));
        Assert.Equal(key.Split('.')[1], integration.Id);
        Assert.Equal((TestTokens.Admin, Role.OrgAdmin, ""), (admin.Id, admin.Grants.Single().Role, admin.Grants.Single().BusinessUnitId));
        Assert.Equal(StatusCode.Unauthenticated, await RpcStatus.Of(() => new Api.V1.Access.AccessClient(silo.Anonymous).WhoAmIAsync(new WhoAmIRequest()).ResponseAsync));
    }

    [Fact]
    public async Task TheDevelopmentIssuerHandsLoopbackCallersTokensThatTheApiTakes()
    {
        await using var silo = await RunningSilo.StartAsync(azurite, settings: new Dictionary<string, string?>
        {
            ["IncidentActors:Auth:Development:Enabled"] = "true",
            ["IncidentActors:Auth:OrgAdmins:1"] = "admin",
        });
        using var http = new HttpClient { BaseAddress = silo.Http.BaseAddress };

        var token = await (await http.PostAsync("/dev/token?sub=admin", null)).EnsureSuccessStatusCode().Content.ReadAsStringAsync();

        var me = await new Api.V1.Access.AccessClient(silo.ChannelFor(token)).WhoAmIAsync(new WhoAmIRequest());
        Assert.Equal(("admin", Role.OrgAdmin), (me.Id, me.Grants.Single().Role));
    }

    [Fact]
    public async Task ARestrictedIncidentLeaksThroughNoReadListingSearchWatchStreamOrVendorView()
    {
        await using var silo = await RunningSilo.StartAsync(azurite);
        var (retail, service, vendorId) = (AzuriteFixture.UniqueName("retail"), AzuriteFixture.UniqueName("svc"), AzuriteFixture.UniqueName("acme"));
        var breach = await silo.OpenIncidentAsync(service, retail, "breach", "Possible data exfiltration");
        var disk = await silo.OpenIncidentAsync(service, retail, "disk", "Disk full");
        var vendor = await new Api.V1.Vendors.VendorsClient(silo.Channel).RegisterVendorAsync(new RegisterVendorRequest
        {
            Id = vendorId, Name = "Acme", ContractualResponseTime = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromHours(1)), Contact = "acme",
        });
        var admin = new Api.V1.Incidents.IncidentsClient(silo.Channel);
        await admin.InviteVendorAsync(new InviteVendorRequest { Id = breach, VendorId = vendorId });
        await silo.GrantAsync("bob", Role.Observer, retail);
        await silo.GrantAsync("rita", Role.Responder, retail);
        await silo.GrantAsync("cora", Role.Commander, retail);
        var bob = new Api.V1.Incidents.IncidentsClient(silo.ChannelFor(TestTokens.For("bob")));
        var rita = new Api.V1.Incidents.IncidentsClient(silo.ChannelFor(TestTokens.For("rita", groups: ["secops"])));
        var cora = new Api.V1.Incidents.IncidentsClient(silo.ChannelFor(TestTokens.For("cora")));

        var restricted = await cora.RestrictIncidentAsync(new RestrictIncidentRequest { Id = breach, Groups = { "secops" }, Note = "security incident" });
        Assert.Equal(["secops"], restricted.RestrictedTo);
        Assert.Equal(("cora", TimelineEntryKind.AccessRestricted), (restricted.Timeline.Last().Actor, restricted.Timeline.Last().Kind));
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var watch = bob.WatchIncidents(new WatchIncidentsRequest(), cancellationToken: cancel.Token);
        await watch.ResponseHeadersAsync;
        await rita.AcknowledgeIncidentAsync(new AcknowledgeIncidentRequest { Id = breach });
        await admin.AcknowledgeIncidentAsync(new AcknowledgeIncidentRequest { Id = disk });

        Assert.True(await watch.ResponseStream.MoveNext(cancel.Token));
        Assert.Equal(disk, watch.ResponseStream.Current.Incident.Id);
        Assert.Equal(StatusCode.NotFound, await RpcStatus.Of(() => bob.GetIncidentAsync(new GetIncidentRequest { Id = breach }).ResponseAsync));
        await silo.GrantAsync("ron", Role.Responder, retail);
        var ron = new Api.V1.Incidents.IncidentsClient(silo.ChannelFor(TestTokens.For("ron")));
        Assert.Equal(StatusCode.NotFound, await RpcStatus.Of(() => ron.ResolveIncidentAsync(new ResolveIncidentRequest { Id = breach }).ResponseAsync));
        foreach (var query in new[]
                 {
                     new ListIncidentsRequest { BusinessUnitId = retail, PageSize = 500 }, new ListIncidentsRequest { ServiceId = service },
                     new ListIncidentsRequest { PageSize = 500 },
                 })
        {
            var listed = (await bob.ListIncidentsAsync(query)).Incidents.Select(i => i.Id).ToList();
            Assert.Contains(disk, listed);
            Assert.DoesNotContain(breach, listed);
            Assert.Contains(breach, (await rita.ListIncidentsAsync(query)).Incidents.Select(i => i.Id));
            Assert.Contains(breach, (await cora.ListIncidentsAsync(query)).Incidents.Select(i => i.Id));
        }
        Assert.Equal(breach, (await rita.GetIncidentAsync(new GetIncidentRequest { Id = breach })).Id);
        var portal = new VendorPortal.VendorPortalClient(silo.Anonymous);
        var key = new Metadata { { "authorization", $"Bearer {vendor.AccessKey}" } };
        Assert.Empty((await portal.ListInvitedIncidentsAsync(new ListInvitedIncidentsRequest(), key)).Incidents);
        Assert.Equal(StatusCode.NotFound, await RpcStatus.Of(() => portal.GetInvitedIncidentAsync(new GetInvitedIncidentRequest { IncidentId = breach }, key).ResponseAsync));
        Assert.Equal(StatusCode.NotFound, await RpcStatus.Of(() => admin.GetIncidentAsync(new GetIncidentRequest { Id = breach }).ResponseAsync));
        Assert.Equal(StatusCode.FailedPrecondition, await RpcStatus.Of(() => cora.InviteVendorAsync(new InviteVendorRequest { Id = breach, VendorId = "another" }).ResponseAsync));

        await cora.RestrictIncidentAsync(new RestrictIncidentRequest { Id = breach });
        Assert.Equal(breach, (await bob.GetIncidentAsync(new GetIncidentRequest { Id = breach })).Id);
        Assert.Single((await portal.ListInvitedIncidentsAsync(new ListInvitedIncidentsRequest(), key)).Incidents);
    }

    [Fact]
    public async Task EveryChangeAndEveryRefusalIsInTheAuditLogOfItsUnitForAuditorsToPageThrough()
    {
        await using var silo = await RunningSilo.StartAsync(azurite);
        var (retail, bank) = (AzuriteFixture.UniqueName("retail"), AzuriteFixture.UniqueName("bank"));
        var ours = await silo.OpenIncidentAsync(AzuriteFixture.UniqueName("svc"), retail, "disk", "Disk full");
        var theirs = await silo.OpenIncidentAsync(AzuriteFixture.UniqueName("svc"), bank, "disk", "Disk full");
        await silo.GrantAsync("carol", Role.Responder, retail);
        await silo.GrantAsync("audrey", Role.Auditor, retail);
        var carol = new Api.V1.Incidents.IncidentsClient(silo.ChannelFor(TestTokens.For("carol")));
        await carol.AcknowledgeIncidentAsync(new AcknowledgeIncidentRequest { Id = ours });
        await carol.GetIncidentAsync(new GetIncidentRequest { Id = ours });
        await RpcStatus.Of(() => carol.ResolveIncidentAsync(new ResolveIncidentRequest { Id = theirs }).ResponseAsync);
        await RpcStatus.Of(() => new ServiceCatalog.ServiceCatalogClient(silo.Anonymous).RegisterServiceAsync(
            new RegisterServiceRequest { Id = "rogue", Name = "rogue", OwnerTeam = "x", BusinessUnitId = retail }).ResponseAsync);
        var audrey = new Api.V1.Audit.AuditClient(silo.ChannelFor(TestTokens.For("audrey")));

        var first = await audrey.ListAuditEntriesAsync(new ListAuditEntriesRequest { BusinessUnitId = retail, PageSize = 2 });
        var rest = await audrey.ListAuditEntriesAsync(new ListAuditEntriesRequest { BusinessUnitId = retail, PageToken = first.NextPageToken });
        var unitLog = first.Entries.Concat(rest.Entries).ToList();

        Assert.Equal(unitLog.Count, first.Total);
        Assert.Contains(unitLog, e => (e.PrincipalId, e.Operation, e.Target, e.Outcome) == ("carol", "/incidentactors.v1.Incidents/AcknowledgeIncident", ours, "OK"));
        Assert.Contains(unitLog, e => (e.PrincipalId, e.Operation, e.Target, e.Outcome) == ("anonymous", "/incidentactors.v1.ServiceCatalog/RegisterService", "rogue", "Unauthenticated"));
        Assert.DoesNotContain(unitLog, e => e.Operation.EndsWith("/GetIncident"));
        Assert.All(unitLog, e => Assert.NotEmpty(e.Address));
        Assert.Equal(StatusCode.PermissionDenied, await RpcStatus.Of(() => audrey.ListAuditEntriesAsync(new ListAuditEntriesRequest()).ResponseAsync));
        var orgLog = await new Api.V1.Audit.AuditClient(silo.Channel).ListAuditEntriesAsync(new ListAuditEntriesRequest { PageSize = 1000 });
        Assert.Contains(orgLog.Entries, e => (e.PrincipalId, e.Operation, e.Target, e.Outcome) == ("carol", "/incidentactors.v1.Incidents/ResolveIncident", theirs, "PermissionDenied"));
        // The unit whose incident refused the call keeps it too: only the grain knew which unit that was.
        var bankLog = await new Api.V1.Audit.AuditClient(silo.Channel).ListAuditEntriesAsync(new ListAuditEntriesRequest { BusinessUnitId = bank });
        Assert.Contains(bankLog.Entries, e => (e.PrincipalId, e.Operation, e.Target, e.Outcome) == ("carol", "/incidentactors.v1.Incidents/ResolveIncident", theirs, "PermissionDenied"));

        var redacted = await audrey.ExportIncidentAsync(new ExportIncidentRequest { IncidentId = ours, Redacted = true });
        Assert.Contains(redacted.Timeline, e => e.Kind == TimelineEntryKind.Acknowledged && e.Actor == "person 1");
        Assert.DoesNotContain("carol", redacted.ToString());
        Assert.Equal(StatusCode.PermissionDenied, await RpcStatus.Of(() => audrey.ExportIncidentAsync(new ExportIncidentRequest { IncidentId = theirs }).ResponseAsync));
    }

    private static async Task<StatusCode> Send(RunningSilo silo, string key, string serviceId)
    {
        using var channel = silo.ChannelFor(key);
        return await RpcStatus.Of(() => new AlertIntake.AlertIntakeClient(channel).SendAlertAsync(new AlertEvent
        {
            ServiceId = serviceId, Action = AlertAction.Trigger, DedupKey = "k", Summary = "s", Source = "prometheus", Severity = AlertSeverity.Error,
        }).ResponseAsync);
    }

    private static async Task<HttpResponseMessage> Post(HttpClient http, string path, string json, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        return await http.SendAsync(request);
    }
}
