extern alias cli;
using cli::IncidentActors.Cli.Drill;

namespace IncidentActors.Tests.Drill;

/// <summary>Drill records built by hand, with every time given as seconds after the drill's start.</summary>
internal static class ReportRecords
{
    public static readonly DateTimeOffset Start = new(2026, 12, 7, 4, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset T(double seconds) => Start.AddSeconds(seconds);

    public static DateTimeOffset[] Ts(params double[] seconds) => seconds.Select(T).ToArray();

    public static DrillIncident Incident(string id, string unit, double opened, double? acknowledged = null, double? resolved = null,
        int escalations = 0, int handovers = 0, double? centralCommand = null) => new(
        id, unit, "svc-" + unit, T(opened), acknowledged is { } a ? T(a) : null, resolved is { } r ? T(r) : null,
        escalations, handovers, centralCommand is { } c ? T(c) : null);

    public static PageLedgerEntry Page(string key, string unit, bool expected, double[] deliveries, double? acknowledged = null) => new(
        key, unit, "sim-" + unit, "inc-" + unit, expected, Ts(deliveries), acknowledged is { } a ? T(a) : null);

    public static DrillRecord Empty(bool dryRun = false) => new("empty", 1, dryRun, Start, T(60), [], [], [], [], []);

    /// <summary>
    /// Two units. emea-payments acknowledges in 60s, 180s and 30s and resolves in 600s and 1800s; amer-retail never
    /// acknowledges. The ledger has one lost, one duplicate and one unexpected key in emea-payments; one lost key and
    /// two duplicates in amer-retail (k7 is listed twice with a delivery each). One fault is never undone.
    /// </summary>
    public static DrillRecord TwoUnits() => new(
        "two-units",
        42,
        false,
        Start,
        T(3600),
        [new DrillUnit("emea-payments", ["emea"]), new DrillUnit("amer-retail", ["amer", "apac"])],
        [
            Incident("inc-1", "emea-payments", 10, acknowledged: 70, resolved: 610, escalations: 1, centralCommand: 190),
            Incident("inc-2", "emea-payments", 120, acknowledged: 300, resolved: 1920, escalations: 2, handovers: 1),
            Incident("inc-3", "emea-payments", 240, acknowledged: 270),
            Incident("inc-4", "amer-retail", 300),
        ],
        [
            Page("k1", "emea-payments", true, [20], acknowledged: 70),
            Page("k2", "emea-payments", true, []),
            Page("k3", "emea-payments", true, [130, 131.5], acknowledged: 300),
            Page("k4", "emea-payments", false, [250]),
            Page("k5", "amer-retail", true, []),
            Page("k6", "amer-retail", true, [310, 320, 330]),
            Page("k7", "amer-retail", true, [400]),
            Page("k7", "amer-retail", true, [401]),
        ],
        [
            new ChaosRecord("lose-region", "apac", T(360), null, null),
            new ChaosRecord("kill-silo", "silo-2", T(180), T(240), "fault time up"),
        ],
        [
            new AssertionResult("nobody paged twice", false, "3 keys delivered more than once"),
            new AssertionResult("central command within 5m", true, "3m 00s"),
        ]);
}
