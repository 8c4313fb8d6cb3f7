using System.Collections.Immutable;

namespace IncidentActors.BusinessUnits;

/// <summary>
/// The shared core process that business units adapt: the two standard lifecycle models and the standard severity
/// matrix. A contract, not a rule: the API names the standard models, and both sides must mean the same ones.
/// </summary>
public static class BusinessUnitDefaults
{
    /// <summary>
    /// ITIL-aligned: new, assigned, in progress, resolved, closed. Monitoring may resolve an open
    /// incident from any state, and a resolved one may be taken back into progress.
    /// </summary>
    public static readonly LifecycleModel Itil = new("itil",
    [
        new("new", LifecyclePhase.Open),
        new("assigned", LifecyclePhase.Acknowledged),
        new("in progress", LifecyclePhase.Acknowledged),
        new("resolved", LifecyclePhase.Resolved),
        new("closed", LifecyclePhase.Closed),
    ],
    [
        new("new", "assigned"),
        new("assigned", "in progress"),
        new("in progress", "assigned"),
        new("new", "resolved"),
        new("assigned", "resolved"),
        new("in progress", "resolved"),
        new("resolved", "in progress"),
        new("resolved", "closed"),
    ]);

    /// <summary>SRE-style: triggered, acknowledged, mitigated, resolved, reviewed (after the post-incident review).</summary>
    public static readonly LifecycleModel Sre = new("sre",
    [
        new("triggered", LifecyclePhase.Open),
        new("acknowledged", LifecyclePhase.Acknowledged),
        new("mitigated", LifecyclePhase.Mitigated),
        new("resolved", LifecyclePhase.Resolved),
        new("reviewed", LifecyclePhase.Closed),
    ],
    [
        new("triggered", "acknowledged"),
        new("acknowledged", "mitigated"),
        new("mitigated", "acknowledged"),
        new("triggered", "resolved"),
        new("acknowledged", "resolved"),
        new("mitigated", "resolved"),
        new("resolved", "reviewed"),
    ]);

    /// <summary>Rows by impact (extensive to minor), columns by urgency (critical to low).</summary>
    public static readonly SeverityMatrix StandardMatrix = new(
    [
        [IncidentSeverity.Sev1, IncidentSeverity.Sev1, IncidentSeverity.Sev2, IncidentSeverity.Sev3],
        [IncidentSeverity.Sev1, IncidentSeverity.Sev2, IncidentSeverity.Sev3, IncidentSeverity.Sev3],
        [IncidentSeverity.Sev2, IncidentSeverity.Sev3, IncidentSeverity.Sev3, IncidentSeverity.Sev4],
        [IncidentSeverity.Sev3, IncidentSeverity.Sev3, IncidentSeverity.Sev4, IncidentSeverity.Sev4],
    ]);

    /// <summary>What a unit nobody has defined works under: SRE lifecycle, standard matrix, no time limits, no home region.</summary>
    public static BusinessUnitDefinition For(string businessUnitId) =>
        new(businessUnitId, businessUnitId, HomeRegion: "", Sre, StandardMatrix, [], [], []);
}
