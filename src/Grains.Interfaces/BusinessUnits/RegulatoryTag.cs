using System.Collections.Immutable;

namespace IncidentActors.BusinessUnits;

/// <summary>A regulatory concern (data breach, GDPR, SOX...) and the people it pulls into an incident tagged with it.</summary>
/// <param name="Deadlines">The reports the regulator expects of an incident so tagged, each a clock (README, "Regulatory reporting clocks").</param>
/// <param name="TimeZone">The IANA zone business days are counted in; UTC when null.</param>
/// <param name="Regulator">Where reports are delivered; without one, no report can be submitted.</param>
[GenerateSerializer, Immutable, Alias("IncidentActors.BusinessUnits.RegulatoryTag")]
public sealed record RegulatoryTag(
    [property: Id(0)] string Tag,
    [property: Id(1)] ImmutableArray<string> Stakeholders,
    [property: Id(2)] ImmutableArray<ReportingDeadline> Deadlines = default,
    [property: Id(3)] string? TimeZone = null,
    [property: Id(4)] RegulatorEndpoint? Regulator = null);

/// <summary>What starts a reporting clock.</summary>
[GenerateSerializer]
public enum ClockTrigger
{
    /// <summary>The incident is tagged with the deadline's tag.</summary>
    TagApplied = 0,

    /// <summary>The tagged incident is declared major (from the declaration, even when it was tagged later).</summary>
    MajorDeclared = 1,
}

/// <summary>
/// A report owed to the regulator: "early-warning" within 24 h, "notification" within four business days. Exactly one of
/// <see cref="Within"/> and <see cref="BusinessDays"/> is set.
/// </summary>
/// <param name="Owners">The responders who submit the report and are nagged until they do.</param>
[GenerateSerializer, Immutable, Alias("IncidentActors.BusinessUnits.ReportingDeadline")]
public sealed record ReportingDeadline(
    [property: Id(0)] string Name,
    [property: Id(1)] TimeSpan? Within,
    [property: Id(2)] int? BusinessDays,
    [property: Id(3)] ClockTrigger StartsOn,
    [property: Id(4)] ImmutableArray<string> Owners);

/// <summary>The regulator's report intake: a webhook signed as page webhooks are. The secret is stored encrypted.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.BusinessUnits.RegulatorEndpoint")]
public sealed record RegulatorEndpoint(
    [property: Id(0)] string Url,
    [property: Id(1)] string Secret);
