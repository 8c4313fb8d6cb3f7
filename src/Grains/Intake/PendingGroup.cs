using IncidentActors.Alerts;

namespace IncidentActors.Intake;

/// <summary>A new group held for the grouping wait. Stored: the alias stays that of its first home.</summary>
[GenerateSerializer, Alias("IncidentActors.Services.PendingGroup")]
public sealed class PendingGroup
{
    [Id(0)] public DateTimeOffset Until { get; set; }

    /// <summary>The first alert of each dedup key, in arrival order.</summary>
    [Id(1)] public List<AlertEvent> Alerts { get; set; } = [];

    /// <summary>Later alerts of those keys; counted on the incident or upstream incident once the wait ends.</summary>
    [Id(2)] public int Repeats { get; set; }

    /// <summary>The incident the group opens, stored before that incident is created, so that a retried deadline creates that one.</summary>
    [Id(3)] public string? IncidentId { get; set; }
}
