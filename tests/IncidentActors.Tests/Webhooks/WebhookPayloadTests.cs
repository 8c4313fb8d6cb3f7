using System.Text;
using System.Text.Json;
using IncidentActors.Alerts;
using IncidentActors.GrpcFrontend.Webhooks;
using Xunit;

namespace IncidentActors.Tests.Webhooks;

public sealed class WebhookPayloadTests
{
    private static WebhookParse Alertmanager(string json) => AlertmanagerPayload.Parse(JsonDocument.Parse(json).RootElement, "checkout");

    private static WebhookParse EventsV2(string json) => EventsV2Payload.Parse(JsonDocument.Parse(json).RootElement);

    [Fact]
    public void FiringAlertBecomesATriggerDeduplicatedByFingerprint()
    {
        var firing = Alertmanager(AlertmanagerPayloads.FiringAndResolved).Events[0];

        Assert.Equal((AlertAction.Trigger, "c9f1a2b3d4e5f601", AlertSeverity.Critical), (firing.Action, firing.DedupKey, firing.Severity));
        Assert.Equal(("checkout", "p99 latency above 2s", "checkout-1:9090", "api"), (firing.ServiceId, firing.Summary, firing.Source, firing.Component));
        Assert.Equal("https://runbooks.example/latency", firing.CustomDetails["annotation.runbook_url"]);
        Assert.Equal("HighLatency", firing.CustomDetails["label.alertname"]);
        Assert.Equal("{}:{alertname=\"HighLatency\"}", firing.CustomDetails["groupKey"]);
        Assert.Equal("alertmanager", firing.Integration);
    }

    [Theory]
    [InlineData("2026-11-25T03:00:00Z", "2026-11-25T03:00:00+00:00")]
    [InlineData("2026-11-25T04:00:00.5+01:00", "2026-11-25T03:00:00.5+00:00")]
    [InlineData("0001-01-01T00:00:00Z", null)]
    public void AnAlertsStartIsItsIncidentsDetectionAndAlertmanagersZeroTimeIsNone(string startsAt, string? expected)
    {
        var alert = Alertmanager($$$"""{"version":"4","alerts":[{"status":"firing","fingerprint":"f","labels":{"alertname":"X"},"startsAt":"{{{startsAt}}}"}]}""");
        var events = EventsV2($$$"""{"routing_key":"c","event_action":"trigger","payload":{"summary":"s","source":"x","severity":"info","timestamp":"{{{startsAt}}}"}}""");

        var expectedAt = expected is null ? (DateTimeOffset?)null : DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expectedAt, Assert.Single(alert.Events).StartedAt);
        Assert.Equal(expectedAt, Assert.Single(events.Events).StartedAt);
    }

    [Fact]
    public void ResolvedAlertBecomesAResolveOfItsFingerprint()
    {
        var resolved = Alertmanager(AlertmanagerPayloads.FiringAndResolved).Events[1];

        Assert.Equal((AlertAction.Resolve, "0a1b2c3d4e5f6071", AlertSeverity.Warning), (resolved.Action, resolved.DedupKey, resolved.Severity));
        Assert.Equal("Disk usage back under 80%", resolved.Summary);
    }

    [Theory]
    [InlineData("""{"version":"3","alerts":[]}""", "version")]
    [InlineData("""{"version":"4"}""", "alerts")]
    [InlineData("""{"version":"4","alerts":[{"status":"firing","labels":{"alertname":"X"}}]}""", "alerts[0].fingerprint")]
    [InlineData("""{"version":"4","alerts":[{"status":"pending","fingerprint":"f","labels":{"alertname":"X"}}]}""", "alerts[0].status")]
    [InlineData("""{"version":"4","alerts":[{"status":"firing","fingerprint":"f","labels":{"alertname":"X","severity":"catastrophic"}}]}""", "alerts[0].labels.severity")]
    [InlineData("""{"version":"4","alerts":[{"status":"firing","fingerprint":"f","labels":{"alertname":7}}]}""", "alerts[0].labels.alertname")]
    [InlineData("""{"version":"4","alerts":[{"status":"firing","fingerprint":"f"}]}""", "alerts[0].annotations.summary")]
    [InlineData("""{"version":"4","groupLabels":{"alertname":7},"alerts":[]}""", "groupLabels.alertname")]
    [InlineData("""{"version":"4","commonLabels":[],"alerts":[]}""", "commonLabels")]
    [InlineData("""[1,2]""", "")]
    [InlineData("""{"version":"4","alerts":[{"status":"firing","fingerprint":"f","labels":{"alertname":"X"},"startsAt":"yesterday"}]}""", "alerts[0].startsAt")]
    public void MalformedAlertmanagerPayloadNamesTheBadField(string json, string field)
    {
        var parsed = Alertmanager(json);

        Assert.Empty(parsed.Events);
        Assert.Contains(parsed.Violations, v => v.Field == field);
    }

    [Fact]
    public void OneBadAlertRejectsTheWholePayload()
    {
        var parsed = Alertmanager("""
            {"version":"4","alerts":[
              {"status":"firing","fingerprint":"good","labels":{"alertname":"A"}},
              {"status":"firing","labels":{"alertname":"B"}}]}
            """);

        Assert.Empty(parsed.Events);
        Assert.Equal("alerts[1].fingerprint", Assert.Single(parsed.Violations).Field);
    }

    [Fact]
    public void EventsV2TriggerCarriesPayloadAndCustomDetails()
    {
        var trigger = Assert.Single(EventsV2("""
            {"routing_key":"checkout","event_action":"trigger","dedup_key":"db",
             "payload":{"summary":"DB down","source":"db-1","severity":"error","component":"postgres","group":"prod","class":"availability",
                        "custom_details":{"replicas":3,"lag":{"seconds":12},"note":"failover started"}}}
            """).Events);

        Assert.Equal((AlertAction.Trigger, "checkout", "db", AlertSeverity.Error), (trigger.Action, trigger.ServiceId, trigger.DedupKey, trigger.Severity));
        Assert.Equal("3", trigger.CustomDetails["replicas"]);
        Assert.Equal("""{"seconds":12}""", trigger.CustomDetails["lag"]);
        Assert.Equal("failover started", trigger.CustomDetails["note"]);
        Assert.Equal("prod", trigger.CustomDetails["group"]);
    }

    [Theory]
    [InlineData("acknowledge", AlertAction.Acknowledge)]
    [InlineData("resolve", AlertAction.Resolve)]
    public void EventsV2AcknowledgeAndResolveNeedOnlyTheDedupKey(string action, AlertAction expected)
    {
        var parsed = Assert.Single(EventsV2($$"""{"routing_key":"checkout","event_action":"{{action}}","dedup_key":"db"}""").Events);

        Assert.Equal((expected, "db"), (parsed.Action, parsed.DedupKey));
    }

    [Theory]
    [InlineData("""{"routing_key":"c","event_action":"explode","dedup_key":"d"}""", "event_action")]
    [InlineData("""{"event_action":"resolve","dedup_key":"d"}""", "routing_key")]
    [InlineData("""{"routing_key":"c","event_action":"resolve"}""", "dedup_key")]
    [InlineData("""{"routing_key":"c","event_action":"trigger"}""", "payload")]
    [InlineData("""{"routing_key":"c","event_action":"trigger","payload":{"summary":"s","source":"x","severity":"fatal"}}""", "payload.severity")]
    [InlineData("""{"routing_key":"c","event_action":"trigger","payload":{"summary":5,"source":"x","severity":"info"}}""", "payload.summary")]
    [InlineData("""{"routing_key":"c","event_action":"trigger","payload":{"summary":"s","source":"x","severity":"info","custom_details":"text"}}""", "payload.custom_details")]
    [InlineData("""{"routing_key":"c","event_action":"trigger","payload":{"summary":"s","source":"x","severity":"info","timestamp":"soon"}}""", "payload.timestamp")]
    public void MalformedEventNamesTheBadField(string json, string field)
    {
        var parsed = EventsV2(json);

        Assert.Empty(parsed.Events);
        Assert.Contains(parsed.Violations, v => v.Field == field);
    }

    [Theory]
    [InlineData("""{"routing_key":"checkout","event_action":"trigger","event_action":"resolve","dedup_key":"d"}""", "event_action")]
    [InlineData("""{"routing_key":"c","event_action":"trigger","payload":{"summary":"s","source":"x","severity":"info","custom_details":{"a":1,"a":2}}}""", "payload.custom_details.a")]
    [InlineData("""{"routing_key":"check\u0000out","event_action":"resolve","dedup_key":"d"}""", "routing_key")]
    [InlineData("""{"routing_key":"c","event_action":"resolve","dedup_key":"d\u001b[31m"}""", "dedup_key")]
    [InlineData("""{"routing_key":"c","event_action":"trigger","payload":{"summary":"bell\u0007","source":"x","severity":"info"}}""", "payload.summary")]
    [InlineData("""{"routing_key":"c","event_action":"trigger","payload":{"summary":"s","source":"x","severity":"info","custom_details":{"k\u0001":"v"}}}""", "payload.custom_details.k\u0001")]
    [InlineData("""{"routing_key":"c","event_action":"trigger","payload":{"summary":"\ud800","source":"x","severity":"info"}}""", "payload.summary")]
    [InlineData("""{"routing_key":" checkout","event_action":"resolve","dedup_key":"d"}""", "routing_key")]
    public void AmbiguousOrUnprintableEventIsRefusedNamingTheField(string json, string field)
    {
        var parsed = EventsV2Body(json);

        Assert.Empty(parsed.Events);
        Assert.Equal(field, Assert.Single(parsed.Violations).Field);
    }

    [Theory]
    [InlineData("""{"version":"4","status":"pending","alerts":[]}""", "status")]
    [InlineData("""{"version":"4","alerts":[{"status":"firing","fingerprint":"f","labels":{"alertname":"X","severity":"critical","severity":"info"}}]}""", "alerts[0].labels.severity")]
    [InlineData("""{"version":"4","alerts":[{"status":"firing","fingerprint":"f\u0000","labels":{"alertname":"X"}}]}""", "alerts[0].fingerprint")]
    [InlineData("""{"version":"4","alerts":[{"status":"firing","fingerprint":"f","labels":{"alertname":"X","instance":"db\u0085"}}]}""", "alerts[0].labels.instance")]
    public void AmbiguousOrUnprintableNotificationIsRefusedNamingTheField(string json, string field)
    {
        var parsed = AlertmanagerBody(json, "checkout");

        Assert.Empty(parsed.Events);
        Assert.Equal(field, Assert.Single(parsed.Violations).Field);
    }

    [Fact]
    public void LineBreaksAndTabsAreKeptInFreeText()
    {
        var parsed = AlertmanagerBody("""
            {"version":"4","alerts":[{"status":"firing","fingerprint":"f","labels":{"alertname":"X"},
              "annotations":{"summary":"Disk full","description":"line one\r\n\tline two"}}]}
            """, "checkout");

        Assert.Equal("line one\r\n\tline two", Assert.Single(parsed.Events).CustomDetails["annotation.description"]);
    }

    [Fact]
    public void ServiceIdOfTheUrlIsCheckedLikeAnyId()
    {
        var parsed = AlertmanagerBody(AlertmanagerPayloads.Firing("f"), new string('s', 300));

        Assert.Equal("serviceId", Assert.Single(parsed.Violations).Field);
    }

    [Fact]
    public void BodyThatIsNotJsonIsRefusedNotThrown()
    {
        var parsed = EventsV2Body("""{"routing_key":""");

        Assert.Equal("", Assert.Single(parsed.Violations).Field);
        Assert.StartsWith("is not valid JSON", parsed.Violations[0].Description);
    }

    private static WebhookParse AlertmanagerBody(string json, string serviceId) =>
        AlertWebhookEndpoints.Read(Encoding.UTF8.GetBytes(json), root => AlertmanagerPayload.Parse(root, serviceId));

    private static WebhookParse EventsV2Body(string json) => AlertWebhookEndpoints.Read(Encoding.UTF8.GetBytes(json), EventsV2Payload.Parse);
}
