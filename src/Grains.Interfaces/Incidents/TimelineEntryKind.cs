namespace IncidentActors.Incidents;

/// <summary>
/// What a timeline entry records. Timeline hashes cover a kind's number, not its name: renaming a member leaves stored
/// chains intact, renumbering one breaks them.
/// </summary>
[GenerateSerializer, Alias("IncidentActors.Incidents.TimelineEntryKind")]
public enum TimelineEntryKind
{
    Opened = 0,
    Acknowledged = 1,
    Resolved = 2,
    AlertReceived = 3,
    Paged = 4,
    Escalated = 5,
    EscalationExhausted = 6,
    Reassigned = 7,
    HandedOver = 8,
    StateChanged = 9,
    ImpactAssessed = 10,
    RegulatoryTagged = 11,
    RoleAssigned = 12,
    RoleReleased = 13,
    TimeLimitMissed = 14,
    MajorDeclared = 15,
    BridgeJoined = 16,
    RestorationVerified = 17,
    RestorationConfirmed = 18,
    MajorDeescalated = 19,
    CentralCommandTaken = 20,
    HandedBackToLocalCommand = 21,
    CentralDecision = 22,
    EventClosed = 23,
    ResolutionRecorded = 24,
    ClosureReviewed = 25,
    ChangesFrozen = 26,
    ItemLinked = 27,
    ItemUnlinked = 28,
    LinkedItemDone = 29,
    TemporaryFixRecorded = 30,
    TemporaryFixMadePermanent = 31,
    TemporaryFixExpired = 32,
    VendorInvited = 33,
    VendorResponded = 34,
    VendorResponseBreached = 35,
    AccessRestricted = 36,
    LegalHoldPlaced = 37,
    LegalHoldReleased = 38,

    /// <summary>The last entry of a timeline retention moved to the archive; hot state keeps it alone.</summary>
    Archived = 39,

    /// <summary>A free-form note someone wrote on the incident.</summary>
    NoteAdded = 40,


    /// <summary>The unit's criteria require a post-incident review, due at the time its event carries.</summary>
    ReviewScheduled = 42,
    ReviewPublished = 43,

    /// <summary>A required review passed its due time unpublished.</summary>
    ReviewOverdue = 44,

    /// <summary>An action item marked effective was reopened by a later incident sharing its factors and service (on both incidents).</summary>
    ActionItemReopened = 45,

    /// <summary>A commander corrected a milestone (detection predating the alert, an acknowledgement given by phone).</summary>
    MilestoneCorrected = 46,
    SymptomAttached = 50,
    Classified = 51,

    /// <summary>An event only: repeats are counted on the incident without a timeline entry each.</summary>
    AlertsCounted = 52,

    /// <summary>
    /// An event only: the incident's stored state sent again to a consumer rebuilding its projection (see
    /// <see cref="Replayed"/>); never on a watch stream.
    /// </summary>
    Replayed = 53,

    /// <summary>A communications update drafted from a template (its number and audience in the text).</summary>
    UpdateDrafted = 54,
    UpdateApproved = 55,

    /// <summary>An update published and sent to its recipients; its event carries <see cref="UpdatePublished"/>.</summary>
    UpdatePublished = 56,

    /// <summary>A recipient confirmed reading an update.</summary>
    UpdateRead = 57,

    /// <summary>Technical root-cause detail cleared for external updates.</summary>
    DisclosureCleared = 58,

    /// <summary>An update interval passed without an update: the communications lead is nagged (event data <see cref="UpdateOverdue"/>).</summary>
    UpdateOverdue = 59,

    /// <summary>Missed again: the unit's commanders are paged too (event data <see cref="UpdateOverdue"/>).</summary>
    UpdateOverdueEscalated = 60,

    /// <summary>A follow-the-sun handover offered the incident's command to the incoming region's commander.</summary>
    CommandHandoverProposed = 150,

    /// <summary>The incoming region's commander accepted command: the commander role is theirs.</summary>
    CommandHandoverAccepted = 151,

    /// <summary>Command was not accepted in time: the outgoing commander stays in command and was paged to say so.</summary>
    CommandHandoverEscalated = 152,
    /// <summary>A published update's texts changed; its event carries <see cref="UpdatePublished"/> with the same number and <c>EditedAt</c>.</summary>
    UpdateEdited = 125,

    /// <summary>Recipients of an update that needs confirmation had not confirmed in time and were paged again as a reminder.</summary>
    UpdateReadReminded = 126,

    /// <summary>Still unconfirmed after the second limit: the update's owner (else the unit's leads) was paged.</summary>
    UpdateReadEscalated = 127,
    /// <summary>A major incident's war room opened: its channel, and how long it took against the unit's target.</summary>
    WarRoomOpened = 135,

    /// <summary>The unit's target passed without a war room; the commander is paged.</summary>
    WarRoomOverdue = 136,
    // Regulatory reporting clocks (README, "Regulatory reporting clocks"): 140–145.

    /// <summary>A report's clock started: its due time in the text.</summary>
    RegulatoryClockStarted = 140,

    /// <summary>A report is due soon: its owners were paged.</summary>
    RegulatoryClockNagged = 141,

    /// <summary>A report's deadline passed without a delivered report: its owners and the commander were paged.</summary>
    RegulatoryDeadlineMissed = 142,

    /// <summary>One of the unit's approvers approved a report text (its SHA-256 in the text).</summary>
    RegulatoryReportApproved = 143,

    /// <summary>A report submitted to the regulator, and what its endpoint answered.</summary>
    RegulatoryReportSubmitted = 144,

    /// <summary>The regulator's acknowledgement of a report recorded.</summary>
    RegulatoryReportAcknowledged = 145,
    // Enterprise-wide event updates in incidents (README, "Enterprise-wide events"): 146–149.

    /// <summary>The unit added its own text to an update central command published into the incident.</summary>
    LocalAdditionAdded = 146,
    // Runbooks and guarded automation (README, "Runbooks"): 160–179.

    /// <summary>A runbook run started on the incident, by hand or by rule, and whether it is a dry run.</summary>
    RunbookStarted = 160,

    /// <summary>A runbook step done: an automated action's call (trigger, key, inputs, approver, times, answer), a person's completion, or a dry run's report.</summary>
    RunbookStepDone = 161,

    /// <summary>An automated step's call failed; it is tried again until the runbook's breaker opens.</summary>
    RunbookStepFailed = 162,

    /// <summary>A high-risk step approved by someone other than who started the run.</summary>
    RunbookStepApproved = 163,

    /// <summary>The run's breaker opened (failures in a row, a failed precondition, a change freeze): automation stopped and whoever carries the incident was paged.</summary>
    RunbookBreakerOpened = 164,

    /// <summary>A person reset the breaker; the run goes on.</summary>
    RunbookBreakerReset = 165,

    /// <summary>A done step's rollback action was called (or failed), after a later step failed or on request.</summary>
    RunbookRolledBack = 166,

    /// <summary>A runbook run finished its last step.</summary>
    RunbookFinished = 167,
}
