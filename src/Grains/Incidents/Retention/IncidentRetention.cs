using System.Security.Cryptography;
using IncidentActors.Audit;
using IncidentActors.BusinessUnits;
using IncidentActors.Errors;
using IncidentActors.Services;

namespace IncidentActors.Incidents;

/// <summary>What retention does next to a resolved incident, and when.</summary>
internal enum RetentionStep
{
    /// <summary>Nothing, now or later: the incident is open, its unit keeps it, or its archive is gone already.</summary>
    None,

    /// <summary>Not yet: ask again at the step's time (its due time, or the next check of a legal hold).</summary>
    Wait,
    Archive,
    DeleteArchive,
}

/// <summary>
/// Retention of resolved incidents by their unit's policy: archived to cold storage after some days, leaving a stub in hot
/// state that keeps what listings, access checks and event delivery need, then the archive deleted after more days. A
/// legal hold on the incident or on its unit holds both back. The unit's policy and hold are read when a step falls
/// due, so that a policy changed after the incident resolved, or a hold placed since, is the one followed.
/// </summary>
internal static class IncidentRetention
{
    public const string Actor = "retention";
    public const int MaxReasonLength = 500;

    /// <summary>Armed as the incident resolves, when its unit archives resolved incidents.</summary>
    public static async Task ArmOnResolvedAsync(IncidentContext incident, DateTimeOffset resolvedAt, CancellationToken cancellationToken)
    {
        if ((await incident.BusinessUnitPolicyAsync(cancellationToken)).Retention is { ArchiveAfterDays: > 0 } policy)
        {
            await incident.ArmAsync(RetentionDeadline.Instance, resolvedAt.AddDays(policy.ArchiveAfterDays), cancellationToken);
        }
    }

    public static (RetentionStep Step, DateTimeOffset At) Next(IncidentState s, UnitRetention unit, DateTimeOffset now, TimeSpan holdRecheck)
    {
        if (s.Status != IncidentStatus.Resolved || s.ResolvedAt is not { } resolvedAt || s.Archive?.DeletedAt is not null)
        {
            return (RetentionStep.None, now);
        }
        var (days, step) = s.Archive is null
            ? (unit.Policy.ArchiveAfterDays, RetentionStep.Archive)
            : (unit.Policy.DeleteAfterDays, RetentionStep.DeleteArchive);
        if (days <= 0)
        {
            return (RetentionStep.None, now);
        }
        var due = resolvedAt.AddDays(days);
        if (due > now)
        {
            return (RetentionStep.Wait, due);
        }
        return s.LegalHold is not null || unit.Hold is not null ? (RetentionStep.Wait, now + holdRecheck) : (step, now);
    }

    /// <summary>Where an incident's archive is kept: by unit, so that a unit's archives can be found and moved together.</summary>
    public static string ArchiveName(IncidentState s, string incidentId) => $"{s.BusinessUnitId}/{incidentId}";

    public static string Sha256(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>
    /// What hot state keeps of an archived incident: enough to list it, check who may read it, deliver its outstanding
    /// events, keep its legal hold, and vouch for its archive (the hash of what was written, and the signed head with the
    /// timeline's last entry). Everything else (timeline, pages, alerts' details, people, notes) is in the archive alone.
    /// </summary>
    public static IncidentState Stub(IncidentState s, IncidentArchiveRecord archive) => new()
    {
        ServiceId = s.ServiceId,
        BusinessUnitId = s.BusinessUnitId,
        Title = s.Title,
        Severity = s.Severity,
        Status = s.Status,
        LifecycleState = s.LifecycleState,
        OpenedAt = s.OpenedAt,
        AcknowledgedAt = s.AcknowledgedAt,
        ResolvedAt = s.ResolvedAt,
        AlertCount = s.AlertCount,
        AlertCountPublished = s.AlertCountPublished,
        LastAlertAt = s.LastAlertAt,
        Version = s.Version,
        Timeline = [s.Timeline[^1]],
        TimelineHead = s.TimelineHead,
        IndexPage = s.IndexPage,
        EventSequence = s.EventSequence,
        Outbox = s.Outbox,
        RestrictedTo = s.RestrictedTo,
        LegalHold = s.LegalHold,
        Archive = archive,
        // What metric projections rebuilt from replays need of it.
        Drill = s.Drill,
        Milestones = MilestoneRules.Of(s),
        DedupKey = s.DedupKey,
        Category = s.Category,
        Owner = s.Owner,
        CentralSeverity = s.CentralSeverity,
        Impact = s.Impact,
        Classification = s.Classification,
    };

    public static LegalHold NewHold(string reason, string placedBy, DateTimeOffset now)
    {
        IncidentInput.Check(v => AlertValidator.Text(v, "reason", reason, MaxReasonLength, required: true));
        return new LegalHold(reason, placedBy, now);
    }

    /// <summary>Only reads, retention and holds reach an archived incident; everything else is refused with where to look.</summary>
    public static void EnsureNotArchived(string incidentId, IncidentState s)
    {
        if (s.Archive is { } archive)
        {
            throw new IllegalTransitionException(archive.DeletedAt is { } deleted
                ? $"Incident '{incidentId}' was archived on {archive.ArchivedAt:yyyy-MM-dd} and its archive deleted on {deleted:yyyy-MM-dd} under its business unit's retention."
                : $"Incident '{incidentId}' was archived on {archive.ArchivedAt:yyyy-MM-dd} under its business unit's retention; auditors read it with Audit/GetArchivedIncident.");
        }
    }
}
