using IncidentActors.Alerts;
using IncidentActors.BusinessUnits;
using IncidentActors.Escalation;

namespace IncidentActors.Incidents;

[GenerateSerializer, Alias("IncidentActors.Incidents.IncidentState")]
public sealed class IncidentState
{
    [Id(0)] public string ServiceId { get; set; } = "";
    [Id(1)] public string BusinessUnitId { get; set; } = "";
    [Id(2)] public string DedupKey { get; set; } = "";
    [Id(3)] public string Title { get; set; } = "";
    [Id(4)] public string Source { get; set; } = "";
    [Id(5)] public string? Component { get; set; }
    [Id(6)] public AlertSeverity Severity { get; set; }
    [Id(7)] public IncidentStatus Status { get; set; }
    [Id(8)] public SortedDictionary<string, string> CustomDetails { get; set; } = new(StringComparer.Ordinal);
    [Id(9)] public DateTimeOffset OpenedAt { get; set; }
    [Id(10)] public DateTimeOffset? AcknowledgedAt { get; set; }
    [Id(11)] public string? AcknowledgedBy { get; set; }
    [Id(12)] public DateTimeOffset? ResolvedAt { get; set; }
    [Id(13)] public string? ResolvedBy { get; set; }
    [Id(14)] public int AlertCount { get; set; }
    [Id(15)] public DateTimeOffset LastAlertAt { get; set; }
    [Id(16)] public long Version { get; set; }
    [Id(17)] public List<TimelineEntry> Timeline { get; set; } = [];

    /// <summary>The policy as it was when escalation started: later edits do not change a running escalation.</summary>
    [Id(18)] public EscalationPolicyDefinition? Policy { get; set; }
    [Id(19)] public EscalationStep? Step { get; set; }

    /// <summary>False from the moment a step is chosen until its pages are sent; the escalation deadline then pages it.</summary>
    [Id(20)] public bool StepPaged { get; set; }

    /// <summary>The due time of the armed escalation deadline; null when escalation is stopped.</summary>
    [Id(21)] public DateTimeOffset? NextEscalationAt { get; set; }
    [Id(22)] public bool EscalationExhausted { get; set; }
    [Id(23)] public List<PageRecord> Pages { get; set; } = [];
    [Id(24)] public int Reassignments { get; set; }
    [Id(25)] public PendingHandover? PendingHandover { get; set; }

    /// <summary>The unit's lifecycle model when the incident opened: a unit changing its model does not strand open incidents.</summary>
    [Id(26)] public LifecycleModel? Lifecycle { get; set; }
    [Id(27)] public string? LifecycleState { get; set; }
    [Id(28)] public ImpactAssessment? Impact { get; set; }
    [Id(29)] public List<string> RegulatoryTags { get; set; } = [];
    [Id(30)] public List<string> Stakeholders { get; set; } = [];
    [Id(31)] public List<RoleAssignment> Roles { get; set; } = [];

    /// <summary>The unit's time limits when the incident opened.</summary>
    [Id(32)] public List<ResponseTimeLimit> TimeLimits { get; set; } = [];
    [Id(33)] public List<DutyClock> Clocks { get; set; } = [];
    [Id(34)] public MajorIncident? Major { get; set; }
    [Id(35)] public Command.CentralCommand? CentralCommand { get; set; }

    /// <summary>Severity as central command decided it; it stands until a local assessment after hand-back.</summary>
    [Id(36)] public IncidentSeverity? CentralSeverity { get; set; }

    /// <summary>Central decisions already recorded, so that a retried fan-out records each once.</summary>
    [Id(37)] public List<string> AppliedDecisions { get; set; } = [];
    [Id(38)] public ResolutionNotes? ResolutionNotes { get; set; }
    [Id(39)] public RestorationVerification? Restoration { get; set; }
    [Id(40)] public ClosureReview? ClosureReview { get; set; }
    [Id(41)] public List<LinkedItem> LinkedItems { get; set; } = [];
    [Id(42)] public List<TemporaryFix> TemporaryFixes { get; set; } = [];
    [Id(43)] public List<VendorEngagement> Vendors { get; set; } = [];

    [Id(60)] public string Environment { get; set; } = "";
    [Id(61)] public string Owner { get; set; } = "";
    [Id(62)] public string Category { get; set; } = "";
    [Id(63)] public Classification? Classification { get; set; }

    /// <summary>Downstream services whose alerts were counted here, in the order they first came.</summary>
    [Id(64)] public List<Symptom> Symptoms { get; set; } = [];

    /// <summary>The page of its unit's index the incident is listed in, chosen as it opens.</summary>
    [Id(65)] public int IndexPage { get; set; }

    /// <summary>The number of the incident's last event.</summary>
    [Id(66)] public long EventSequence { get; set; }

    /// <summary>Events stored but not yet known to be delivered, oldest first.</summary>
    [Id(67)] public List<IncidentEvent> Outbox { get; set; } = [];

    /// <summary>The alert count the last event reported; repeats beyond it are reported by the next.</summary>
    [Id(68)] public int AlertCountPublished { get; set; }

    /// <summary>The timeline's last entry signed with the silos' timeline key; null only before the first entry.</summary>
    [Id(69)] public SignedTimelineHead? TimelineHead { get; set; }

    /// <summary>The groups that alone (with the unit's commanders) may see the incident; empty when unrestricted.</summary>
    [Id(70)] public List<string> RestrictedTo { get; set; } = [];

    [Id(71)] public Audit.LegalHold? LegalHold { get; set; }

    /// <summary>Where retention moved the incident; null while it is whole in hot state.</summary>
    [Id(72)] public IncidentArchiveRecord? Archive { get; set; }

    /// <summary>A rehearsal, from the alert or request that opened it: it never counts in metrics.</summary>
    [Id(73)] public bool Drill { get; set; }

    /// <summary>Null only for incidents stored before milestones were kept; <see cref="MilestoneRules.Of"/> derives them then.</summary>
    [Id(74)] public IncidentMilestones? Milestones { get; set; }

    /// <summary>Keys of the review notes already in the timeline, so that a note delivered again is recorded once.</summary>
    [Id(80)] public List<string> AppliedReviewNotes { get; set; } = [];

    /// <summary>The communications log: every update drafted, approved and published, with its recipients, oldest first.</summary>
    [Id(100)] public List<Communications.CommunicationUpdate> Updates { get; set; } = [];

    /// <summary>The unit's update intervals when the incident opened.</summary>
    [Id(101)] public List<Communications.UpdateInterval> UpdateIntervals { get; set; } = [];

    /// <summary>The running update cadence; null when no update is owed (no interval for the severity, or resolved).</summary>
    [Id(102)] public Communications.UpdateCadence? Cadence { get; set; }

    /// <summary>Technical root-cause detail may go into external updates once cleared; null until then.</summary>
    [Id(103)] public Communications.DisclosureClearance? Disclosure { get; set; }

    /// <summary>Command offered at a follow-the-sun handover and not yet accepted; null otherwise.</summary>
    [Id(140)] public PendingCommandHandover? PendingCommandHandover { get; set; }
    /// <summary>The major incident's war room, once its unit's provisioning webhook answered.</summary>
    [Id(120)] public WarRoom? WarRoom { get; set; }

    /// <summary>When the war room's target passed without one; the commander was paged then.</summary>
    [Id(121)] public DateTimeOffset? WarRoomOverdueAt { get; set; }
    /// <summary>Reports owed to regulators under the incident's tags, with their evidence, in the order taken on.</summary>
    [Id(130)] public List<RegulatoryClock> RegulatoryClocks { get; set; } = [];

    /// <summary>Keys of the runbook entries already in the timeline, so that an entry reported again is recorded once.</summary>
    [Id(150)] public HashSet<string> AppliedRunbookEntries { get; set; } = [];
}

/// <summary>
/// What hot state keeps of an archived incident's archive: where it is, and the SHA-256 of what was written there, so
/// that an archive altered behind the backend's back is told apart. <see cref="DeletedAt"/> once retention deleted it.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.IncidentArchiveRecord")]
public sealed record IncidentArchiveRecord(
    [property: Id(0)] DateTimeOffset ArchivedAt,
    [property: Id(1)] string Name,
    [property: Id(2)] string Sha256,
    [property: Id(3)] DateTimeOffset? DeletedAt = null);
