using System.Diagnostics.Metrics;
using IncidentActors.BusinessUnits;
using IncidentActors.Incidents;
using IncidentActors.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Xunit;

namespace IncidentActors.Tests.Metrics;

/// <summary>The event consumer behind incidents opened, MTTA and MTTR: first acknowledgements and resolutions only.</summary>
public sealed class IncidentResponseMetricsTests
{
    private static readonly DateTimeOffset OpenedAt = new(2026, 11, 25, 3, 0, 0, TimeSpan.Zero);

    private readonly IMeterFactory _meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    [Fact]
    public async Task OpeningIsCountedAndFirstAcknowledgementAndResolutionAreMeasuredFromIt()
    {
        using var opened = Collect<long>(IncidentActorsMetrics.IncidentsOpenedInstrument);
        using var acknowledged = Collect<double>(IncidentActorsMetrics.TimeToAcknowledgeInstrument);
        using var resolved = Collect<double>(IncidentActorsMetrics.TimeToResolveInstrument);

        await new IncidentResponseMetrics(new IncidentActorsMetrics(_meters)).OnEventsAsync([
            Event(1, TimelineEntryKind.Opened, TimeSpan.Zero, null),
            Event(2, TimelineEntryKind.Paged, TimeSpan.FromSeconds(1), null),
            Event(3, TimelineEntryKind.Acknowledged, TimeSpan.FromMinutes(4), new StateMoved("triggered", "acknowledged", ByPagedResponder: true)),
            Event(4, TimelineEntryKind.Resolved, TimeSpan.FromMinutes(50), new Resolution("acknowledged", "resolved", [])),
        ], CancellationToken.None);

        var opening = Assert.Single(opened.GetMeasurementSnapshot());
        Assert.Equal((1L, "retail", "sev2"), (opening.Value, opening.Tags["business_unit"], opening.Tags["severity"]));
        var mtta = Assert.Single(acknowledged.GetMeasurementSnapshot());
        Assert.Equal((240.0, "retail", "sev2"), (mtta.Value, mtta.Tags["business_unit"], mtta.Tags["severity"]));
        Assert.Equal(3000.0, Assert.Single(resolved.GetMeasurementSnapshot()).Value);
    }

    [Fact]
    public async Task ResolvingAgainAfterReopeningAndReplayingMeasureNothing()
    {
        using var acknowledged = Collect<double>(IncidentActorsMetrics.TimeToAcknowledgeInstrument);
        using var resolved = Collect<double>(IncidentActorsMetrics.TimeToResolveInstrument);

        await new IncidentResponseMetrics(new IncidentActorsMetrics(_meters)).OnEventsAsync([
            Event(7, TimelineEntryKind.StateChanged, TimeSpan.FromHours(2), new StateMoved("resolved", "acknowledged", ByPagedResponder: false)),
            Event(8, TimelineEntryKind.Resolved, TimeSpan.FromHours(3), new Resolution("acknowledged", "resolved", [], ResolvedBefore: true)),
            Event(8, TimelineEntryKind.Replayed, TimeSpan.FromHours(3), new Replayed([], "alice", OpenedAt.AddMinutes(4))),
        ], CancellationToken.None);

        Assert.Empty(acknowledged.GetMeasurementSnapshot());
        Assert.Empty(resolved.GetMeasurementSnapshot());
    }

    [Fact]
    public async Task AnIncidentSummarisedBeforeItCarriedItsSeverityIsTaggedUnknown()
    {
        using var opened = Collect<long>(IncidentActorsMetrics.IncidentsOpenedInstrument);
        var opening = Event(1, TimelineEntryKind.Opened, TimeSpan.Zero, null);

        await new IncidentResponseMetrics(new IncidentActorsMetrics(_meters)).OnEventsAsync(
            [opening with { Incident = opening.Incident with { IncidentSeverity = null } }], CancellationToken.None);

        Assert.Equal("unknown", Assert.Single(opened.GetMeasurementSnapshot()).Tags["severity"]);
    }

    [Fact]
    public async Task MissedUpdateIntervalsAreCountedAndTheEscalatedOnesTold()
    {
        using var overdue = Collect<long>(IncidentActorsMetrics.UpdatesOverdueInstrument);

        await new IncidentResponseMetrics(new IncidentActorsMetrics(_meters)).OnEventsAsync([
            Event(5, TimelineEntryKind.UpdateOverdue, TimeSpan.FromMinutes(30), new UpdateOverdue(1, OpenedAt.AddMinutes(30), ["lead"])),
            Event(6, TimelineEntryKind.UpdateOverdueEscalated, TimeSpan.FromMinutes(60), new UpdateOverdue(2, OpenedAt.AddMinutes(60), ["lead", "commander"])),
        ], CancellationToken.None);

        Assert.Equal([(1L, "retail", "sev2", false), (1L, "retail", "sev2", true)],
            overdue.GetMeasurementSnapshot().Select(m => (m.Value, (string)m.Tags["business_unit"]!, (string)m.Tags["severity"]!, (bool)m.Tags["escalated"]!)));
    }

    [Fact]
    public async Task RegulatoryClockNagsAndMissesAreCountedByOutcome()
    {
        using var pages = Collect<long>(IncidentActorsMetrics.RegulatoryClockPagesInstrument);

        await new IncidentResponseMetrics(new IncidentActorsMetrics(_meters)).OnEventsAsync([
            Event(5, TimelineEntryKind.RegulatoryClockStarted, TimeSpan.FromMinutes(1), null),
            Event(6, TimelineEntryKind.RegulatoryClockNagged, TimeSpan.FromHours(12), null),
            Event(7, TimelineEntryKind.RegulatoryDeadlineMissed, TimeSpan.FromHours(24), null),
        ], CancellationToken.None);

        Assert.Equal([("nag", "retail"), ("missed", "retail")],
            pages.GetMeasurementSnapshot().Select(m => ((string)m.Tags["outcome"]!, (string)m.Tags["business_unit"]!)));
    }

    private MetricCollector<T> Collect<T>(string instrument) where T : struct =>
        new(_meters, IncidentActorsMetrics.MeterName, instrument);

    private static IncidentEvent Event(long sequence, TimelineEntryKind kind, TimeSpan afterOpening, IncidentEventData? data) =>
        new("checkout-1", sequence, kind, OpenedAt + afterOpening, "alice", kind.ToString(), "retail", "checkout", "emea",
            new IncidentSummary("checkout-1", "checkout", "retail", "Disk full", IncidentStatus.Triggered, Alerts.AlertSeverity.Error, OpenedAt,
                OpenedAt + afterOpening, 1, sequence, IncidentSeverity: IncidentSeverity.Sev2),
            data, 0);
}
