using System.Collections.Immutable;
using IncidentActors.BusinessUnits;
using IncidentActors.Communications;
using IncidentActors.Incidents;
using IncidentActors.StatusPages;

namespace IncidentActors.Tests.StatusPages;

/// <summary>Incidents, updates and pages as the status pages' rules see them.</summary>
internal static class StatusFixtures
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public static IncidentSummary Summary(string id, string service = "checkout", IncidentSeverity severity = IncidentSeverity.Sev1,
        bool resolved = false, bool drill = false, ImmutableArray<string> restrictedTo = default, string title = "db-7 disk full on host 10.0.0.7") =>
        new(id, service, "shop", title, resolved ? IncidentStatus.Resolved : IncidentStatus.Triggered, Alerts.AlertSeverity.Critical, T0, T0, 1, 1,
            restrictedTo, null, drill, null, null, severity, resolved ? PublicStatus.Resolved : PublicStatus.Investigating);

    public static SequencedUpdate Update(long sequence, int number, UpdateAudience audience, string subject, string body, int minutes = 5) =>
        new(sequence, T0.AddMinutes(minutes), new UpdatePublished(number, audience, subject, body, T0.AddMinutes(minutes)));

    public static StatusBoardChange Change(IncidentSummary incident, long sequence, params SequencedUpdate[] updates) =>
        new(incident, sequence, T0.AddMinutes(sequence), [.. updates]);

    public static StatusPage Page(StatusPageVisibility visibility, params StatusComponent[] components) =>
        new(new StatusPageDefinition("shop-status", "Shop <status>", "shop", [.. components], visibility), 1, T0, "ada");

    public static StatusBoard Board(params StatusBoardChange[] changes)
    {
        var incidents = new Dictionary<string, BoardIncident>(StringComparer.Ordinal);
        foreach (var change in changes)
        {
            StatusBoardRules.Apply(incidents, change);
        }
        return new StatusBoard("shop", changes.Length, T0.AddHours(1), [.. incidents.Values]);
    }
}
