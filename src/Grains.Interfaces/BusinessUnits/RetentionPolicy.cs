using IncidentActors.Audit;

namespace IncidentActors.BusinessUnits;

/// <summary>
/// How long a unit keeps resolved incidents at hand. Counted from each incident's resolution: after
/// <see cref="ArchiveAfterDays"/> the incident is written to the archive and only a stub stays in hot state; after
/// <see cref="DeleteAfterDays"/> its archive is deleted too. 0 turns either step off. A legal hold on the incident or
/// on the unit holds both steps back.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.BusinessUnits.RetentionPolicy")]
public sealed record RetentionPolicy(
    [property: Id(0)] int ArchiveAfterDays,
    [property: Id(1)] int DeleteAfterDays)
{
    public static readonly RetentionPolicy KeepEverything = new(0, 0);
}

/// <summary>A unit's retention as it stands now: its policy, and its legal hold if one is placed.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.BusinessUnits.UnitRetention")]
public sealed record UnitRetention(
    [property: Id(0)] RetentionPolicy Policy,
    [property: Id(1)] LegalHold? Hold);
