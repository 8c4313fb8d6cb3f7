using IncidentActors.Alerts;
using IncidentActors.BusinessUnits;
using IncidentActors.Communications;
using IncidentActors.Incidents;
using IncidentActors.Subscribers;

namespace IncidentActors.Tests.Subscribers;

/// <summary>Incident events and subscribers as the subscribers grain receives them, without an incident.</summary>
internal static class SubscriberFixtures
{
    public const string Secret = "0123456789abcdef-secret";

    public static Subscriber Email(string id, string url, IncidentSeverity minimum = IncidentSeverity.Sev2, TimeSpan duration = default,
        params UpdateAudience[] audiences) =>
        new(id, $"Subscriber {id}", SubscriberKind.Customer, minimum, duration, [], audiences.Length == 0 ? [UpdateAudience.Customers] : [.. audiences],
            Email: new EmailChannel(url, Secret, $"{id}@customer.example", "status@shop.example"));

    public static IncidentSummary Summary(string incidentId, DateTimeOffset openedAt, IncidentSeverity severity = IncidentSeverity.Sev1,
        PublicStatus status = PublicStatus.Investigating, string service = "storefront") =>
        new(incidentId, service, "shop", "Storefront down", status == PublicStatus.Resolved ? IncidentStatus.Resolved : IncidentStatus.Triggered,
            AlertSeverity.Critical, openedAt, openedAt, 1, 1, IncidentSeverity: severity, PublicStatus: status);

    public static IncidentEvent Published(IncidentSummary incident, long sequence, DateTimeOffset at, int number = 1,
        UpdateAudience audience = UpdateAudience.Customers, string body = "We are investigating.") =>
        Event(incident, sequence, at, TimelineEntryKind.UpdatePublished, new UpdatePublished(number, audience, "Service disruption", body, at));

    public static IncidentEvent Edited(IncidentSummary incident, long sequence, DateTimeOffset at, int number = 1, string body = "Corrected text.") =>
        Event(incident, sequence, at, TimelineEntryKind.UpdateEdited, new UpdatePublished(number, UpdateAudience.Customers, "Service disruption", body, at, at));

    public static IncidentEvent Moved(IncidentSummary incident, long sequence, DateTimeOffset at, PublicStatus status) =>
        Event(incident with { PublicStatus = status }, sequence, at, TimelineEntryKind.StateChanged, null);

    public static IncidentEvent Event(IncidentSummary incident, long sequence, DateTimeOffset at, TimelineEntryKind kind, IncidentEventData? data) =>
        new(incident.Id, sequence, kind, at, "carol", kind.ToString(), incident.BusinessUnitId, incident.ServiceId, null, incident, data, 0);
}
