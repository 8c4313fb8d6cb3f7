using System.Collections.Frozen;
using System.Diagnostics.Metrics;
using System.Text.Json;
using IncidentActors.Alerts;
using IncidentActors.BusinessUnits;
using IncidentActors.Deadlines;
using IncidentActors.Responders;

namespace IncidentActors.Metrics;

/// <summary>
/// The project's own meter: what intake, incidents, deadlines and paging did on this silo. These are operational counters,
/// counted where the work happened: a failover that delivers an event twice or fires a deadline again may count it twice.
/// Tags name business units, severities, dispositions and kinds of things, never an incident, a title, a URL or a person,
/// which would make a time series per incident and carry what a scraper may not read.
/// </summary>
public sealed class IncidentActorsMetrics
{
    public const string MeterName = "IncidentActors";

    public const string IntakeAlertsInstrument = "incidentactors.intake.alerts";
    public const string IncidentsOpenedInstrument = "incidentactors.incident.opened";
    public const string TimeToAcknowledgeInstrument = "incidentactors.incident.time_to_acknowledge";
    public const string TimeToResolveInstrument = "incidentactors.incident.time_to_resolve";
    public const string DeadlineLatenessInstrument = "incidentactors.deadline.lateness";
    public const string PageDeliveriesInstrument = "incidentactors.page.deliveries";
    public const string UpdatesOverdueInstrument = "incidentactors.communications.updates_overdue";
    public const string RegulatoryClockPagesInstrument = "incidentactors.regulatory.clock_pages";

    /// <summary>The disposition of alerts the rate limit refused, which never reach the rules that give the others theirs.</summary>
    public const string RateLimited = "rate_limited";

    // From half a minute to a day: acknowledging is measured in minutes, resolving in hours.
    private static readonly double[] ResponseTimeBuckets = [30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 28800, 86400, 259200, 604800];

    // A deadline is due to fire within a timer tick; late by seconds after a failover, by minutes when the reminder backstop fired it.
    private static readonly double[] LatenessBuckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

    private readonly Counter<long> _intakeAlerts;
    private readonly Counter<long> _incidentsOpened;
    private readonly Histogram<double> _timeToAcknowledge;
    private readonly Histogram<double> _timeToResolve;
    private readonly Histogram<double> _deadlineLateness;
    private readonly Counter<long> _pageDeliveries;
    private readonly Counter<long> _updatesOverdue;
    private readonly Counter<long> _regulatoryClockPages;

    public IncidentActorsMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _intakeAlerts = meter.CreateCounter<long>(IntakeAlertsInstrument, "{alert}",
            "Alerts taken in, by what became of each (disposition) and the business unit of their service.");
        _incidentsOpened = meter.CreateCounter<long>(IncidentsOpenedInstrument, "{incident}", "Incidents opened, by severity and business unit.");
        _timeToAcknowledge = meter.CreateHistogram<double>(TimeToAcknowledgeInstrument, "s",
            "From an incident's opening to its first acknowledgement (MTTA), by business unit and severity.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ResponseTimeBuckets });
        _timeToResolve = meter.CreateHistogram<double>(TimeToResolveInstrument, "s",
            "From an incident's opening to its first resolution (MTTR), by business unit and severity.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ResponseTimeBuckets });
        _deadlineLateness = meter.CreateHistogram<double>(DeadlineLatenessInstrument, "s",
            "How long after its due time a durable deadline (an escalation, a delivery retry, ...) reached its owner.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatenessBuckets });
        _pageDeliveries = meter.CreateCounter<long>(PageDeliveriesInstrument, "{delivery}",
            "Pages settled on a channel (stream, webhook): delivered, failed after its retries, or cancelled once nobody needed it.");
        _updatesOverdue = meter.CreateCounter<long>(UpdatesOverdueInstrument, "{interval}",
            "Update intervals that passed without an update: the lead nagged, or from the second in a row escalated.");
        _regulatoryClockPages = meter.CreateCounter<long>(RegulatoryClockPagesInstrument, "{occurrence}",
            "Regulatory reporting clocks that paged their owners: a nag before the deadline, or the deadline missed (outcome), by business unit.");
    }

    /// <summary>The alerts intake applied, each by its outcome's disposition.</summary>
    public void AlertsTaken(string businessUnitId, IEnumerable<AlertOutcome> outcomes)
    {
        foreach (var outcome in outcomes)
        {
            _intakeAlerts.Add(1, new("disposition", SnakeCase<AlertDisposition>.Of(outcome.Disposition)), new("business_unit", businessUnitId));
        }
    }

    public void AlertsRateLimited(string businessUnitId, int count)
    {
        if (count > 0)
        {
            _intakeAlerts.Add(count, new("disposition", RateLimited), new("business_unit", businessUnitId));
        }
    }

    public void IncidentOpened(string businessUnitId, IncidentSeverity? severity) =>
        _incidentsOpened.Add(1, new("severity", SeverityTag(severity)), new("business_unit", businessUnitId));

    public void Acknowledged(string businessUnitId, IncidentSeverity? severity, TimeSpan sinceOpened) =>
        _timeToAcknowledge.Record(sinceOpened.TotalSeconds, new("business_unit", businessUnitId), new("severity", SeverityTag(severity)));

    public void Resolved(string businessUnitId, IncidentSeverity? severity, TimeSpan sinceOpened) =>
        _timeToResolve.Record(sinceOpened.TotalSeconds, new("business_unit", businessUnitId), new("severity", SeverityTag(severity)));

    public void UpdateOverdue(string businessUnitId, IncidentSeverity? severity, bool escalated) =>
        _updatesOverdue.Add(1, new("business_unit", businessUnitId), new("severity", SeverityTag(severity)), new("escalated", escalated));

    /// <summary>A deadline its owner took, <paramref name="late"/> after it fell due.</summary>
    public void DeadlineFired(DeadlineEntry deadline, TimeSpan late) =>
        _deadlineLateness.Record(late.TotalSeconds, new("deadline", KindOf(deadline.Name)), new("owner", deadline.Owner.Type.ToString()));

    /// <summary>A reporting clock nagged its owners ("nag") or ran out ("missed").</summary>
    public void RegulatoryClockPaged(string businessUnitId, string outcome) =>
        _regulatoryClockPages.Add(1, new("outcome", outcome), new("business_unit", businessUnitId));

    /// <summary>The deliveries among these that reached a final status; pending ones are counted once they do.</summary>
    public void DeliveriesSettled(IEnumerable<DeliveryRecord> deliveries)
    {
        foreach (var delivery in deliveries.Where(d => d.Status != DeliveryStatus.Pending))
        {
            _pageDeliveries.Add(1, new("outcome", SnakeCase<DeliveryStatus>.Of(delivery.Status)), new("channel", KindOf(delivery.Channel)));
        }
    }

    /// <summary>
    /// The kind a deadline's name or a delivery's channel stands for: names are "kind" or "kind:id" ("escalation",
    /// "deliver:&lt;page key&gt;", "webhook:&lt;url&gt;"), and only the kind may become a tag.
    /// </summary>
    internal static string KindOf(string name) => name.IndexOf(':') is var colon and >= 0 ? name[..colon] : name;

    /// <summary>Null for an incident summarised before summaries carried their severity.</summary>
    private static string SeverityTag(IncidentSeverity? severity) => severity is { } known ? SnakeCase<IncidentSeverity>.Of(known) : "unknown";

    /// <summary>Each member's name in snake case ("NoOpenIncident" is "no_open_incident", "Sev1" "sev1"), made once per type.</summary>
    private static class SnakeCase<T> where T : struct, Enum
    {
        private static readonly FrozenDictionary<T, string> Names =
            Enum.GetValues<T>().ToFrozenDictionary(value => value, value => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString()));

        public static string Of(T value) => Names.GetValueOrDefault(value) ?? value.ToString();
    }
}
