using System.Text;
using System.Text.Json;
using IncidentActors.BusinessUnits;
using IncidentActors.Communications;
using IncidentActors.Errors;
using IncidentActors.Responders;
using IncidentActors.Subscribers;
using Microsoft.Extensions.Options;
using Xunit;
using static IncidentActors.Tests.Subscribers.SubscriberFixtures;

namespace IncidentActors.Tests.Subscribers;

/// <summary>Who hears of what, when, and in which shape, without a cluster.</summary>
public sealed class SubscriberRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly WebhookDestinations Destinations = new(Options.Create(new WebhookDeliveryOptions()));

    [Theory]
    [InlineData(IncidentSeverity.Sev1, IncidentSeverity.Sev2, "storefront", true)]
    [InlineData(IncidentSeverity.Sev2, IncidentSeverity.Sev2, "storefront", true)]
    [InlineData(IncidentSeverity.Sev3, IncidentSeverity.Sev2, "storefront", false)]
    [InlineData(IncidentSeverity.Sev1, IncidentSeverity.Sev4, "payments", false)]
    public void SeverityAndServicesDecideWhichIncidentsMatch(IncidentSeverity incident, IncidentSeverity minimum, string service, bool matches)
    {
        var subscriber = Email("acme", "https://hooks.example.com/mail", minimum) with { Services = ["storefront"] };
        Assert.Equal(matches, SubscriberRules.Matches(subscriber, Summary("shop-1", T0, incident, service: service)));
        Assert.False(SubscriberRules.Matches(subscriber, Summary("shop-1", T0, incident, service: service) with { Drill = true }));
    }

    [Fact]
    public void PublicStatusChangesAreToldOnceEachAndOnlyAfterAnUpdateForTheAudience()
    {
        var subscriber = Email("acme", "https://hooks.example.com/mail");
        var tracked = new TrackedIncident();
        var incident = Summary("shop-1", T0);

        Assert.Empty(SubscriberRules.OnEvent(tracked, Published(incident, 1, T0, audience: UpdateAudience.Executives), [subscriber], T0));
        var published = Assert.Single(SubscriberRules.OnEvent(tracked, Published(incident, 2, T0, number: 2), [subscriber], T0));
        Assert.Empty(SubscriberRules.OnEvent(tracked, Published(incident, 2, T0, number: 2), [subscriber], T0));
        Assert.Empty(SubscriberRules.OnEvent(tracked, Moved(incident, 3, T0, PublicStatus.Investigating), [subscriber], T0));
        var monitoring = Assert.Single(SubscriberRules.OnEvent(tracked, Moved(incident, 4, T0, PublicStatus.Monitoring), [subscriber], T0));
        var resolved = Assert.Single(SubscriberRules.OnEvent(tracked, Moved(incident, 5, T0, PublicStatus.Resolved), [subscriber], T0));

        Assert.Equal((NoticeKind.UpdatePublished, "shop-1/notice/2"), (published.Kind, published.Key));
        Assert.Equal((NoticeKind.Status, PublicStatus.Monitoring), (monitoring.Kind, monitoring.PublicStatus));
        Assert.Equal("[resolved] Storefront down", resolved.Subject);
    }

    [Fact]
    public void AnEditIsANoticeOfItsOwnWithTheNewText()
    {
        var tracked = new TrackedIncident();
        var incident = Summary("shop-1", T0);
        SubscriberRules.OnEvent(tracked, Published(incident, 1, T0), [Email("acme", "https://hooks.example.com/mail")], T0);

        var edit = Assert.Single(SubscriberRules.OnEvent(tracked, Edited(incident, 2, T0, body: "Only EU customers are affected."),
            [Email("acme", "https://hooks.example.com/mail")], T0));

        Assert.Equal(NoticeKind.UpdateEdited, edit.Kind);
        Assert.Contains("Only EU customers are affected.", edit.Text);
    }

    [Fact]
    public void MinimumDurationHoldsTheNoticeUntilTheIncidentHasBeenOpenThatLong()
    {
        var subscriber = Email("board", "https://hooks.example.com/mail", duration: TimeSpan.FromMinutes(30));
        var tracked = new TrackedIncident();
        var incident = Summary("shop-1", T0);

        Assert.Empty(SubscriberRules.OnEvent(tracked, Published(incident, 1, T0, body: "Checkout fails."), [subscriber], T0));
        Assert.Equal(T0.AddMinutes(30), SubscriberRules.NextDurationDue(tracked, [subscriber]));
        Assert.Empty(SubscriberRules.OnDurationsPassed("shop-1", tracked, [subscriber], T0.AddMinutes(29)));
        var late = Assert.Single(SubscriberRules.OnDurationsPassed("shop-1", tracked, [subscriber], T0.AddMinutes(30)));
        Assert.Contains("Checkout fails.", late.Text);
        Assert.Null(SubscriberRules.NextDurationDue(tracked, [subscriber]));
        Assert.Single(SubscriberRules.OnEvent(tracked, Moved(incident, 2, T0.AddMinutes(31), PublicStatus.Monitoring), [subscriber], T0.AddMinutes(31)));
    }

    [Fact]
    public void IncidentResolvedBeforeTheMinimumDurationIsNeverTold()
    {
        var subscriber = Email("board", "https://hooks.example.com/mail", duration: TimeSpan.FromMinutes(30));
        var tracked = new TrackedIncident();
        var incident = Summary("shop-1", T0);
        SubscriberRules.OnEvent(tracked, Published(incident, 1, T0), [subscriber], T0);

        Assert.Empty(SubscriberRules.OnEvent(tracked, Moved(incident, 2, T0.AddMinutes(10), PublicStatus.Resolved), [subscriber], T0.AddMinutes(10)));
        Assert.Null(SubscriberRules.NextDurationDue(tracked, [subscriber]));
        Assert.Empty(SubscriberRules.OnDurationsPassed("shop-1", tracked, [subscriber], T0.AddHours(1)));
    }

    [Fact]
    public void EmailPayloadIsShapedLikeAMailThreadedPerIncidentAndVerifiableBySignature()
    {
        var subscriber = Email("acme", "https://hooks.example.com/mail");
        var notice = Assert.Single(SubscriberRules.OnEvent(new TrackedIncident(), Published(Summary("shop-1", T0), 1, T0, body: "We are <looking>."), [subscriber], T0));

        var body = EmailNotices.Payload("shop", notice, subscriber.Email!, attempt: 1);
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        var headers = root.GetProperty("headers");

        Assert.Equal(("status@shop.example", "acme@customer.example", "Service disruption"),
            (root.GetProperty("from").GetString(), root.GetProperty("to").GetString(), root.GetProperty("subject").GetString()));
        Assert.Contains("We are <looking>.", root.GetProperty("text").GetString());
        Assert.Contains("We are &lt;looking&gt;.", root.GetProperty("html").GetString());
        Assert.Equal("<shop-1.notice.1.acme@shop.incidentactors>", headers.GetProperty("Message-ID").GetString());
        Assert.Equal("<shop-1.acme@shop.incidentactors>", headers.GetProperty("In-Reply-To").GetString());
        Assert.Contains("acme", headers.GetProperty("List-Unsubscribe").GetString());
        var signature = WebhookSignature.Sign(Secret, T0.ToUnixTimeSeconds(), body);
        Assert.True(WebhookSignature.Verify(Secret, T0.ToUnixTimeSeconds().ToString(), signature, body, T0, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(Secret, T0.ToUnixTimeSeconds().ToString(), signature, Encoding.UTF8.GetBytes("{}"), T0, TimeSpan.FromMinutes(5)));
    }

    [Theory]
    [InlineData("https://10.0.0.5/mail", null, "email.url")]
    [InlineData("not a url", null, "email.url")]
    [InlineData("https://hooks.example.com/mail", "-1", "audiences[0]")]
    [InlineData("https://hooks.example.com/mail", "", "audiences")]
    public void RefusalNamesTheField(string url, string? audience, string field)
    {
        var subscriber = Email("acme", url) with
        {
            Audiences = audience switch { null => [UpdateAudience.Customers], "" => [], _ => [(UpdateAudience)int.Parse(audience)] },
        };
        var refused = Assert.Throws<InvalidRequestException>(() => SubscriberRules.Validate(subscriber, Destinations));
        Assert.Equal(field, Assert.Single(refused.Violations).Field);
    }

    [Fact]
    public void SubscriberWithoutIdOrChannelIsRefusedNamingBoth()
    {
        var refused = Assert.Throws<InvalidRequestException>(() => SubscriberRules.Validate(Email("", "https://hooks.example.com/mail") with { Email = null }, Destinations));
        Assert.Equal(["id", "channel"], refused.Violations.Select(v => v.Field));
    }
}
