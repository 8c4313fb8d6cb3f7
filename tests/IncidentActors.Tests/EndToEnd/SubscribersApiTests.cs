using System.Text.Json;
using Grpc.Core;
using IncidentActors.Api.V1;
using IncidentActors.Testing;
using IncidentActors.Tests.Responders;
using Xunit;

namespace IncidentActors.Tests.EndToEnd;

/// <summary>A customer subscriber with an email-shaped webhook, over the public gRPC API and real HTTP.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SubscribersApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Secret = "0123456789abcdef-secret";
    private RunningSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await RunningSilo.StartAsync(azurite);

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task CustomerSubscriberIsMailedThePublishedUpdateEachPublicStatusAndTheEdit()
    {
        var units = new Api.V1.BusinessUnits.BusinessUnitsClient(_silo.Channel);
        var communications = new Api.V1.Communications.CommunicationsClient(_silo.Channel);
        var incidents = new Api.V1.Incidents.IncidentsClient(_silo.Channel);
        var subscribers = new Api.V1.Subscribers.SubscribersClient(_silo.Channel);
        await units.DefineBusinessUnitAsync(new BusinessUnit
        {
            Id = "shop", Name = "Shop", HomeRegion = "local", StandardLifecycle = StandardLifecycle.Sre,
            Communications = new CommunicationsPolicy { ApproverGroups = { "legal" }, SpokespersonPeople = { "sam" } },
        });
        await communications.PublishTemplatesAsync(new PublishTemplatesRequest
        {
            BusinessUnitId = "shop",
            Templates = { new CommunicationTemplate { Name = "customers", Audience = UpdateAudience.Customers, Subject = "Service disruption", Body = "We are investigating." } },
        });
        await using var mailRelay = await ScriptedReceiver.StartAsync();
        Subscriber Acme() => new()
        {
            Id = "acme", Name = "ACME Corp", Kind = SubscriberKind.Customer, MinimumSeverity = IncidentSeverity.Sev2, Audiences = { UpdateAudience.Customers },
            Email = new EmailChannel { Url = mailRelay.Url, Secret = Secret, To = "ops@acme.example", From = "status@shop.example" },
        };

        foreach (var (broken, field) in new (Action<Subscriber>, string)[]
                 {
                     (s => s.Email.Url = "ftp://mail.example.com", "email.url"),
                     (s => s.Audiences[0] = UpdateAudience.Unspecified, "audiences[0]"),
                     (s => s.Id = "", "id"),
                     (s => s.ClearChannel(), "channel"),
                 })
        {
            var subscriber = Acme();
            broken(subscriber);
            var refused = await Assert.ThrowsAsync<RpcException>(async () =>
                await subscribers.DefineSubscriberAsync(new DefineSubscriberRequest { BusinessUnitId = "shop", Subscriber = subscriber }).ResponseAsync);
            Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
            Assert.Contains(field, refused.Status.Detail);
        }
        Assert.Empty((await subscribers.ListSubscribersAsync(new ListSubscribersRequest { BusinessUnitId = "shop" })).Subscribers);
        await subscribers.DefineSubscriberAsync(new DefineSubscriberRequest { BusinessUnitId = "shop", Subscriber = Acme() });
        Assert.Equal("********", (await subscribers.ListSubscribersAsync(new ListSubscribersRequest { BusinessUnitId = "shop" })).Subscribers.Single().Email.Secret);

        var id = await _silo.OpenIncidentAsync("storefront", "shop", "down", "Storefront down", AlertSeverity.Critical);
        var alice = await _silo.As("alice");
        await incidents.AssignRoleAsync(new AssignRoleRequest { Id = id, Role = IncidentRole.CommunicationsLead, AssigneeId = "carol" }, alice);
        var carol = await _silo.As("carol");
        var sam = await _silo.As("sam");
        await _silo.GrantAsync("lena", Role.Observer, "shop");
        var lena = new Metadata { { "authorization", $"Bearer {TestTokens.For("lena", ["legal"])}" } };
        var update = await communications.DraftUpdateAsync(new UpdateDraftRequest { IncidentId = id, TemplateName = "customers" }, carol);
        await communications.ApproveUpdateAsync(new UpdateRequest { IncidentId = id, Number = update.Number }, lena);
        await communications.PublishUpdateAsync(new UpdateRequest { IncidentId = id, Number = update.Number }, sam);
        await Mailed(mailRelay, 1);

        await incidents.TransitionIncidentAsync(new TransitionIncidentRequest { Id = id, State = "acknowledged" }, alice);
        await incidents.TransitionIncidentAsync(new TransitionIncidentRequest { Id = id, State = "mitigated" }, alice);
        await Mailed(mailRelay, 2);
        var pending = await communications.EditPublishedUpdateAsync(new EditPublishedUpdateRequest
        {
            IncidentId = id, Number = update.Number, Body = "Only card payments in the EU were affected.",
        }, sam);
        Assert.Equal("We are investigating.", pending.Body);
        await communications.ApproveUpdateAsync(new UpdateRequest { IncidentId = id, Number = update.Number }, lena);
        await Mailed(mailRelay, 3);
        await incidents.TransitionIncidentAsync(new TransitionIncidentRequest { Id = id, State = "resolved" }, alice);
        var mails = await Mailed(mailRelay, 4);

        Assert.Equal(["Service disruption", "[monitoring] Storefront down", "Corrected: Service disruption", "[resolved] Storefront down"],
            mails.Select(m => m.Subject));
        Assert.Equal(("status@shop.example", "ops@acme.example"), (mails[0].From, mails[0].To));
        Assert.Contains("Only card payments in the EU were affected.", mails[2].Text);
        Assert.Single(mails.Select(m => m.Thread).Distinct());
        Assert.Equal(4, mails.Select(m => m.MessageId).Distinct().Count());
        Assert.All(mailRelay.Requests, r => Assert.True(global::IncidentActors.Responders.WebhookSignature.Verify(Secret, r.Headers["X-IncidentActors-Timestamp"],
            r.Headers["X-IncidentActors-Signature"], r.Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5))));
        var deliveries = await subscribers.ListSubscriberDeliveriesAsync(new ListSubscriberDeliveriesRequest { BusinessUnitId = "shop", SubscriberId = "acme" });
        Assert.Equal(4, deliveries.Notices.Count(n => n.Status == DeliveryStatus.Delivered));
        var log = await communications.GetCommunicationsLogAsync(new GetCommunicationsLogRequest { IncidentId = id });
        var revision = log.Updates.Single().Revisions.Single();
        Assert.Equal(("sam", "lena", "We are investigating."), (revision.EditedBy, revision.ApprovedBy, revision.OldBody));
        Assert.Contains(TimelineEntryKind.UpdateEdited, (await incidents.GetIncidentAsync(new GetIncidentRequest { Id = id })).Timeline.Select(e => e.Kind));
    }

    private static async Task<List<(string Subject, string From, string To, string Text, string Thread, string MessageId)>> Mailed(ScriptedReceiver relay, int count)
    {
        await Eventually.Get(() => Task.FromResult(relay.Requests.Count), n => n >= count, what: $"{count} mails");
        Assert.Equal(count, relay.Requests.Count);
        return [.. relay.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement).Select(m => (
            m.GetProperty("subject").GetString()!, m.GetProperty("from").GetString()!, m.GetProperty("to").GetString()!, m.GetProperty("text").GetString()!,
            m.GetProperty("headers").GetProperty("In-Reply-To").GetString()!, m.GetProperty("headers").GetProperty("Message-ID").GetString()!))];
    }
}
