using System.Text.Json;
using IncidentActors.BusinessUnits;
using IncidentActors.Communications;
using IncidentActors.Incidents;
using IncidentActors.Responders;
using IncidentActors.Testing;
using IncidentActors.Tests.Cluster;
using IncidentActors.Tests.Responders;
using Xunit;

namespace IncidentActors.Tests.Incidents.Communications;

/// <summary>Read-confirmation loops on a fake clock: a reminder after the limit, then the lead is told; confirming stops it.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ReadConfirmationTests(AzuriteFixture azurite) : FakeClockClusterTest(azurite)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(15);
    private static readonly ResponderAction Carol = new("carol", null);

    [Fact]
    public async Task UnconfirmedRecipientIsRemindedThenEscalatedToTheLead()
    {
        await using var davesWebhook = await ScriptedReceiver.StartAsync();
        await Grains.GetGrain<IResponderGrain>("dave").Define(new ResponderDefinition("dave", "Dave", "UTC", [new WebhookContact(davesWebhook.Url, "0123456789abcdef-secret")]));
        var incident = await PublishExecutiveUpdateAsync();
        await incident.ConfirmUpdateRead(1, Carol);

        Clock.Advance(Limit);
        var reminded = await Eventually.Get(Clock.Tick(incident), v => v.Timeline.Any(e => e.Kind == TimelineEntryKind.UpdateReadReminded), what: "the reminder");
        Assert.Contains(reminded.Pages, p => p.IdempotencyKey.EndsWith("/update/1/dave/reminder", StringComparison.Ordinal));
        Assert.DoesNotContain(reminded.Pages, p => p.IdempotencyKey.EndsWith("/update/1/carol/reminder", StringComparison.Ordinal));
        Assert.True((await Grains.GetGrain<IResponderGrain>("dave").Notifications(10)).First().Page.Reminder);
        var reminderMail = await Eventually.Get(() =>
            {
                Clock.Advance(TimeSpan.Zero);
                return Task.FromResult(davesWebhook.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement).ToList());
            },
            l => l.Any(b => b.GetProperty("idempotency_key").GetString()!.EndsWith("/reminder", StringComparison.Ordinal)), what: "the reminder's webhook");
        Assert.All(reminderMail, b => Assert.Equal(b.GetProperty("idempotency_key").GetString()!.EndsWith("/reminder", StringComparison.Ordinal),
            b.GetProperty("reminder").GetBoolean()));

        Clock.Advance(Limit);
        var escalated = await Eventually.Get(Clock.Tick(incident), v => v.Timeline.Any(e => e.Kind == TimelineEntryKind.UpdateReadEscalated), what: "the escalation");
        Assert.Contains(escalated.Pages, p => p.IdempotencyKey.EndsWith("/update/1/unconfirmed/carol", StringComparison.Ordinal));
        Assert.Contains("dave", escalated.Timeline.Single(e => e.Kind == TimelineEntryKind.UpdateReadEscalated).Message);
        var dave = (await incident.GetCommunicationsLog()).Updates.Single().Recipients.Single(r => r.PersonId == "dave");
        Assert.NotNull(dave.RemindedAt);
        Assert.NotNull(dave.EscalatedAt);
    }

    [Fact]
    public async Task ConfirmingAfterTheReminderStopsTheLoopForThatPerson()
    {
        var incident = await PublishExecutiveUpdateAsync();
        await incident.ConfirmUpdateRead(1, Carol);
        Clock.Advance(Limit);
        await Eventually.Get(Clock.Tick(incident), v => v.Timeline.Any(e => e.Kind == TimelineEntryKind.UpdateReadReminded), what: "the reminder");
        foreach (var person in (await incident.GetCommunicationsLog()).Updates.Single().Recipients.Where(r => r.ReadAt is null))
        {
            await incident.ConfirmUpdateRead(1, new ResponderAction(person.PersonId, null));
        }

        Clock.Advance(Limit);
        await Clock.SettleAsync(Grains, incident);

        Assert.DoesNotContain((await incident.Get()).Timeline, e => e.Kind == TimelineEntryKind.UpdateReadEscalated);
    }

    /// <summary>A SEV1 whose unit wants executives' updates confirmed within <see cref="Limit"/>; carol leads, dave is its scribe.</summary>
    private async Task<IIncidentGrain> PublishExecutiveUpdateAsync()
    {
        var unit = AzuriteFixture.UniqueName("unit");
        await Grains.GetGrain<IBusinessUnitGrain>(unit).Define(BusinessUnitDefaults.For(unit) with
        {
            HomeRegion = TestClusters.Region,
            Communications = CommunicationsPolicy.None with { ReadConfirmations = [new ReadConfirmation(UpdateAudience.Executives, IncidentSeverity.Sev1, Limit, Limit)] },
        });
        await Grains.GetGrain<ICommunicationTemplatesGrain>(unit).Publish([new CommunicationTemplate("exec", UpdateAudience.Executives, "Status", "Checkout is down.")], "admin");
        var incident = await Cluster.Alerts.OpenIncidentAsync(Grains, unit);
        await incident.AssignRole(IncidentRole.CommunicationsLead, "carol", new ResponderAction("alice", null));
        await incident.AssignRole(IncidentRole.Scribe, "dave", new ResponderAction("alice", null));
        var draft = await incident.DraftUpdate(new UpdateDraft("exec"), Carol);
        var published = await incident.PublishUpdate(draft.Number, Carol, []);
        Assert.NotNull(published.Confirmation);
        return incident;
    }
}
