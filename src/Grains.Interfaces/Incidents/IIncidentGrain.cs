using IncidentActors.Alerts;
using IncidentActors.Deadlines;
using IncidentActors.Responders;
using Orleans.Concurrency;
using IncidentActors.Services;

namespace IncidentActors.Incidents;

/// <summary>One incident, keyed by incident id: lifecycle, alert counters and the timeline.</summary>
[Alias("IncidentActors.Incidents.IIncidentGrain")]
public interface IIncidentGrain : IDeadlineOwner
{
    /// <summary>
    /// Opens the incident with this alert, or counts a repeat on it while it is open. A resolved
    /// incident refuses the trigger, so that the service opens a new one.
    /// </summary>
    [Alias("Trigger")]
    Task<TriggerResult> Trigger(AlertEvent alert, ServiceDefinition service, CancellationToken cancellationToken = default);

    /// <summary>
    /// Opens the incident as <see cref="Trigger"/> does, for a caller that has just assigned this id and knows that no
    /// incident of it was ever stored: the incident then skips reading its state, and takes what it needs of its
    /// business unit from <paramref name="opening"/>. Should one exist after all, the call fails and changes nothing.
    /// The caller covers the opening's events: the incident arms no events deadline of its own for them, and the
    /// caller asks <see cref="DeliverEvents"/> later unless the result says they were delivered.
    /// </summary>
    [Alias("Create")]
    Task<TriggerResult> Create(AlertEvent alert, ServiceDefinition service, IncidentOpening opening, CancellationToken cancellationToken = default);

    /// <summary>
    /// Counts an alert of a downstream service as a symptom of this incident: shown on it, pages
    /// nobody. A resolved incident refuses it, so that the service treats the alert as its own.
    /// </summary>
    /// <param name="count">How many alerts this one stands for: it and the repeats held with it.</param>
    [Alias("AttachSymptom")]
    Task<TriggerResult> AttachSymptom(AlertEvent alert, int count = 1, CancellationToken cancellationToken = default);

    /// <summary>The status alone, for callers that only ask whether the incident is still open; null when it was never opened.</summary>
    [Alias("GetStatus"), ReadOnly]
    Task<IncidentStatus?> GetStatus(CancellationToken cancellationToken = default);

    /// <summary>
    /// Status and acknowledgement time, for a responder deciding whether to retry a page; null when never opened.
    /// Interleaved: the responder must not wait on an incident that is itself waiting to page it.
    /// </summary>
    [Alias("GetResponseState"), AlwaysInterleave]
    Task<ResponseState?> GetResponseState(CancellationToken cancellationToken = default);

    [Alias("Acknowledge")]
    Task<IncidentView> Acknowledge(ResponderAction action, CancellationToken cancellationToken = default);

    [Alias("Resolve")]
    Task<IncidentView> Resolve(ResponderAction action, CancellationToken cancellationToken = default);

    [Alias("Get")]
    Task<IncidentView> Get(CancellationToken cancellationToken = default);

    /// <summary>
    /// Verifies the timeline as storage holds it, not as this activation remembers it: each entry's hash and link from
    /// the start of this incident's chain, and that the chain ends in the head signed with the silos' timeline key.
    /// NotFound for an incident never stored. An archived incident's timeline is verified as its archive holds it.
    /// </summary>
    [Alias("VerifyTimeline")]
    Task<TimelineVerification> VerifyTimeline(CancellationToken cancellationToken = default);

    /// <summary>Pages the next level now instead of waiting for the current one's deadline.</summary>
    [Alias("EscalateNow")]
    Task<IncidentView> EscalateNow(ResponderAction action, CancellationToken cancellationToken = default);

    /// <param name="level">1-based, in the current round.</param>
    [Alias("SkipToLevel")]
    Task<IncidentView> SkipToLevel(int level, ResponderAction action, CancellationToken cancellationToken = default);

    /// <summary>Pages this person now; an acknowledged incident returns to triggered until they acknowledge.</summary>
    [Alias("Reassign")]
    Task<IncidentView> Reassign(string responderId, ResponderAction action, CancellationToken cancellationToken = default);

    /// <summary>
    /// A shift boundary of a rotation this incident was paged through: the incoming responder must accept it in time.
    /// False when the incident is resolved (or unknown), and the rotation no longer needs to hand it over.
    /// </summary>
    [Alias("HandOver")]
    Task<bool> HandOver(OnCall.Handover handover, CancellationToken cancellationToken = default);

    /// <summary>The incoming responder takes over the incident they were handed.</summary>
    [Alias("AcceptHandover")]
    Task<IncidentView> AcceptHandover(ResponderAction action, CancellationToken cancellationToken = default);

    /// <summary>The incoming region's commander takes the command a follow-the-sun handover offered them.</summary>
    [Alias("AcceptCommandHandover")]
    Task<IncidentView> AcceptCommandHandover(ResponderAction action, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves the incident to a state of its lifecycle model. A transition the model does not allow
    /// is refused (FailedPrecondition) and changes nothing; moving to the current state changes nothing.
    /// </summary>
    [Alias("Transition")]
    Task<IncidentView> Transition(string state, ResponderAction action, CancellationToken cancellationToken = default);

    /// <summary>Records the business impact and urgency; the unit's severity matrix gives the severity.</summary>
    [Alias("AssessImpact")]
    Task<IncidentView> AssessImpact(BusinessUnits.BusinessImpact impact, BusinessUnits.Urgency urgency, ResponderAction action, CancellationToken cancellationToken = default);

    /// <summary>Tags the incident with regulatory concerns of its unit; each pulls that tag's stakeholders in and pages them.</summary>
    [Alias("TagRegulatory")]
    Task<IncidentView> TagRegulatory(System.Collections.Immutable.ImmutableArray<string> tags, ResponderAction action, CancellationToken cancellationToken = default);

    /// <summary>Gives a role to a person; giving a held role to someone else hands it over.</summary>
    [Alias("AssignRole")]
    Task<IncidentView> AssignRole(IncidentRole role, string responderId, ResponderAction action, CancellationToken cancellationToken = default);

    [Alias("ReleaseRole")]
    Task<IncidentView> ReleaseRole(IncidentRole role, ResponderAction action, CancellationToken cancellationToken = default);

    /// <summary>
    /// Declares a major incident: opens its bridge with the people on the incident, and notifies
    /// the unit's major-incident stakeholders. An incident assessed SEV1 is declared by that criterion.
    /// </summary>
    [Alias("DeclareMajor")]
    Task<IncidentView> DeclareMajor(MajorIncidentCriterion criterion, string? bridge, ResponderAction action, CancellationToken cancellationToken = default);

    [Alias("JoinBridge")]
    Task<IncidentView> JoinBridge(ResponderAction action, CancellationToken cancellationToken = default);

    [Alias("VerifyRestoration")]
    Task<IncidentView> VerifyRestoration(RestorationEvidence evidence, string detail, ResponderAction action, CancellationToken cancellationToken = default);

    /// <summary>A notified stakeholder confirms the restoration.</summary>
    [Alias("ConfirmRestoration")]
    Task<IncidentView> ConfirmRestoration(ResponderAction action, CancellationToken cancellationToken = default);

    /// <summary>Stands the major incident down: only once resolved, restoration verified, and every notified stakeholder confirmed it.</summary>
    [Alias("Deescalate")]
    Task<IncidentView> Deescalate(ResponderAction action, CancellationToken cancellationToken = default);

    /// <summary>Central command of an enterprise-wide event takes the incident; refused while another event commands it.</summary>
    [Alias("PlaceUnderCentralCommand")]
    Task<IncidentView> PlaceUnderCentralCommand(string eventId, string commander, string actor, CancellationToken cancellationToken = default);

    [Alias("ReturnToLocalCommand")]
    Task ReturnToLocalCommand(string eventId, string actor, CancellationToken cancellationToken = default);

    /// <summary>Records a decision of the commanding event once per <paramref name="decisionId"/>.</summary>
    [Alias("RecordCentralDecision")]
    Task RecordCentralDecision(string decisionId, Command.CentralDecision decision, CancellationToken cancellationToken = default);

    /// <summary>
    /// Publishes an update central command approved into the communications log, once per event and update number;
    /// ignored by an incident no longer under that event's command.
    /// </summary>
    [Alias("ReceiveEventUpdate")]
    Task ReceiveEventUpdate(Command.CentralUpdate update, CancellationToken cancellationToken = default);

    /// <summary>Records what was done to resolve the incident; closing requires it.</summary>
    [Alias("RecordResolution")]
    Task<IncidentView> RecordResolution(string actionsTaken, string toolsUsed, string configurationChanges, ResponderAction action, CancellationToken cancellationToken = default);

    /// <summary>A second person reviews the resolution of a high-risk incident before it may close.</summary>
    [Alias("ReviewClosure")]
    Task<IncidentView> ReviewClosure(ResponderAction action, CancellationToken cancellationToken = default);

    /// <summary>
    /// Links a child incident or an external item. Closing is refused while a linked item is open;
    /// linking the same kind and reference again changes nothing.
    /// </summary>
    [Alias("LinkItem")]
    Task<IncidentView> LinkItem(LinkedItemKind kind, string reference, string? title, ResponderAction action, CancellationToken cancellationToken = default);

    [Alias("UnlinkItem")]
    Task<IncidentView> UnlinkItem(LinkedItemKind kind, string reference, ResponderAction action, CancellationToken cancellationToken = default);

    /// <summary>Marks an external linked item done; a child incident is done when it is resolved itself.</summary>
    [Alias("CompleteLinkedItem")]
    Task<IncidentView> CompleteLinkedItem(LinkedItemKind kind, string reference, ResponderAction action, CancellationToken cancellationToken = default);

    /// <summary>
    /// What a parent asks of a linked child. Interleaved: two incidents linked to each other and
    /// closing at once must not wait on each other.
    /// </summary>
    [Alias("Summarize"), AlwaysInterleave]
    Task<IncidentSummary> Summarize(CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a workaround in place until <paramref name="expiresAt"/>, a future instant. Unless made
    /// permanent first, its expiry adds an open follow-up task, which blocks closing until done.
    /// </summary>
    [Alias("RecordTemporaryFix")]
    Task<IncidentView> RecordTemporaryFix(string description, DateTimeOffset expiresAt, ResponderAction action, CancellationToken cancellationToken = default);

    /// <summary>Replaces temporary fix <paramref name="number"/> by a permanent one; after its expiry, that also completes its follow-up.</summary>
    [Alias("MakeFixPermanent")]
    Task<IncidentView> MakeFixPermanent(int number, string permanentFix, ResponderAction action, CancellationToken cancellationToken = default);

    /// <summary>
    /// Invites a registered vendor: its contractual response time runs from now, and it sees this
    /// incident through its own API. Inviting it again changes nothing.
    /// </summary>
    [Alias("InviteVendor")]
    Task<IncidentView> InviteVendor(string vendorId, ResponderAction action, CancellationToken cancellationToken = default);

    /// <summary>What an invited vendor sees; NotFound for a vendor the incident did not invite, exactly as for an unknown incident.</summary>
    [Alias("GetForVendor")]
    Task<VendorIncidentView> GetForVendor(string vendorId, CancellationToken cancellationToken = default);

    /// <summary>An invited vendor's response: the first is measured against its contract, later ones are updates.</summary>
    [Alias("RecordVendorResponse")]
    Task<VendorIncidentView> RecordVendorResponse(string vendorId, string message, CancellationToken cancellationToken = default);

    /// <summary>The incident for someone outside, redacted or whole (see <see cref="IncidentExport"/>).</summary>
    [Alias("Export")]
    Task<IncidentExport> Export(bool redacted, CancellationToken cancellationToken = default);

    /// <summary>
    /// Restricts the incident to <paramref name="groups"/>: besides the unit's commanders, only their members see it in
    /// any read, listing, search or watch stream, and vendors not at all. No groups lifts the restriction.
    /// </summary>
    [Alias("Restrict")]
    Task<IncidentView> Restrict(System.Collections.Immutable.ImmutableArray<string> groups, ResponderAction action, CancellationToken cancellationToken = default);

    /// <summary>Appends what the incident's review (or a later incident's) reports to the timeline, once per note key.</summary>
    [Alias("RecordReviewNote")]
    Task RecordReviewNote(IncidentReviewNote note, CancellationToken cancellationToken = default);

    /// <summary>
    /// Corrects when the incident reached a milestone (detection that predates the alert, an acknowledgement given by
    /// phone): a timeline entry, and metrics follow. Only a reached milestone, never into the future, and the milestones
    /// keep their order; INVALID_ARGUMENT otherwise.
    /// </summary>
    [Alias("CorrectMilestone")]
    Task<IncidentView> CorrectMilestone(Milestone milestone, DateTimeOffset at, ResponderAction action, CancellationToken cancellationToken = default);

    /// <summary>Adds a free-form note to the timeline, by whoever acts.</summary>
    [Alias("AddNote")]
    Task<IncidentView> AddNote(string text, ResponderAction action, CancellationToken cancellationToken = default);

    /// <summary>
    /// Places a legal hold on the incident, replacing one already placed: retention neither archives it nor deletes its
    /// archive while it stands. Also on an archived incident, whose archive it then keeps. Returns the hold.
    /// </summary>
    [Alias("PlaceLegalHold")]
    Task<Audit.LegalHold> PlaceLegalHold(string reason, ResponderAction action, CancellationToken cancellationToken = default);

    /// <summary>Releases the incident's legal hold; false when none was placed. Retention, if due, follows at once.</summary>
    [Alias("ReleaseLegalHold")]
    Task<bool> ReleaseLegalHold(ResponderAction action, CancellationToken cancellationToken = default);

    /// <summary>
    /// An archived incident as its archive holds it, checked against what hot state kept: the archive's hash, and its
    /// timeline against the signed head. FailedPrecondition for an incident not archived, or whose archive was deleted.
    /// </summary>
    [Alias("ReadArchive")]
    Task<ArchivedIncident> ReadArchive(CancellationToken cancellationToken = default);

    /// <summary>Delivers what the incident's outbox holds; true when nothing is left undelivered (also for an incident never opened).</summary>
    [Alias("DeliverEvents")]
    Task<bool> DeliverEvents(CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends the incident's stored state to every event consumer as one <see cref="TimelineEntryKind.Replayed"/> event,
    /// after any event not yet delivered, so a consumer can rebuild its projection from stored incidents. Nothing for
    /// an incident that was never opened.
    /// </summary>
    [Alias("Replay")]
    Task Replay(CancellationToken cancellationToken = default);

    /// <summary>Fills the unit's template for an update without storing anything; only the updates' owner may.</summary>
    [Alias("PreviewUpdate")]
    Task<Communications.UpdatePreview> PreviewUpdate(Communications.UpdateDraft draft, ResponderAction action, CancellationToken cancellationToken = default);

    /// <summary>Fills the template as <see cref="PreviewUpdate"/> does and keeps it as a numbered draft in the communications log.</summary>
    [Alias("DraftUpdate")]
    Task<Communications.CommunicationUpdate> DraftUpdate(Communications.UpdateDraft draft, ResponderAction action, CancellationToken cancellationToken = default);

    /// <summary>An approver of the unit (by person or one of <paramref name="groups"/>) approves an external draft.</summary>
    [Alias("ApproveUpdate")]
    Task<Communications.CommunicationUpdate> ApproveUpdate(int number, ResponderAction action, System.Collections.Immutable.ImmutableArray<string> groups,
        CancellationToken cancellationToken = default);

    /// <summary>Publishes an update to the incident's people and stakeholders: internal ones by their owner, external ones approved and by a spokesperson.</summary>
    [Alias("PublishUpdate")]
    Task<Communications.CommunicationUpdate> PublishUpdate(int number, ResponderAction action, System.Collections.Immutable.ImmutableArray<string> groups,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Changes a published update's texts: internal ones by their owner at once, external ones by a spokesperson, then
    /// approved (<see cref="ApproveUpdate"/>) by another of the unit's approvers. The log keeps every revision.
    /// </summary>
    [Alias("EditPublishedUpdate")]
    Task<Communications.CommunicationUpdate> EditPublishedUpdate(Communications.UpdateEdit edit, ResponderAction action,
        System.Collections.Immutable.ImmutableArray<string> groups, CancellationToken cancellationToken = default);

    /// <summary>A recipient's read receipt for a published update.</summary>
    [Alias("ConfirmUpdateRead")]
    Task<Communications.CommunicationUpdate> ConfirmUpdateRead(int number, ResponderAction action, CancellationToken cancellationToken = default);

    /// <summary>Lets technical root-cause detail into external updates from now on.</summary>
    [Alias("ClearDisclosure")]
    Task<Communications.CommunicationsLog> ClearDisclosure(ResponderAction action, CancellationToken cancellationToken = default);

    /// <summary>The communications lead (else commander) adds the unit's own text to an update central command published.</summary>
    [Alias("AddLocalAddition")]
    Task<Communications.CommunicationUpdate> AddLocalAddition(int number, string text, ResponderAction action, CancellationToken cancellationToken = default);

    [Alias("GetCommunicationsLog")]
    Task<Communications.CommunicationsLog> GetCommunicationsLog(CancellationToken cancellationToken = default);

    /// <summary>
    /// An approver of the unit (by person or one of <paramref name="groups"/>) approves a report text for a regulatory
    /// clock; a published regulators' update needs no more approval than it had.
    /// </summary>
    [Alias("ApproveRegulatoryReport")]
    Task<RegulatoryClock> ApproveRegulatoryReport(int clock, string text, ResponderAction action,
        System.Collections.Immutable.ImmutableArray<string> groups, CancellationToken cancellationToken = default);

    /// <summary>
    /// One of the clock's owners submits a report: the text approved for it, or a published regulators' update (approved
    /// as every external update is). Delivered to the tag's regulator endpoint before this returns.
    /// </summary>
    [Alias("SubmitRegulatoryReport")]
    Task<RegulatoryClock> SubmitRegulatoryReport(int clock, string? text, int? updateNumber, ResponderAction action,
        CancellationToken cancellationToken = default);

    /// <summary>An owner or approver records the regulator's acknowledgement of a delivered report.</summary>
    [Alias("AcknowledgeRegulatoryReport")]
    Task<RegulatoryClock> AcknowledgeRegulatoryReport(int clock, string reference, ResponderAction action,
        System.Collections.Immutable.ImmutableArray<string> groups, CancellationToken cancellationToken = default);

    [Alias("GetRegulatoryClocks")]
    Task<System.Collections.Immutable.ImmutableArray<RegulatoryClock>> GetRegulatoryClocks(CancellationToken cancellationToken = default);

    /// <summary>
    /// A delivery receipt from a responder, stored before this returns. Receipts may come again or late: one that says
    /// no more than the page already records changes nothing.
    /// </summary>
    [Alias("RecordDelivery")]
    Task RecordDelivery(string idempotencyKey, string responderId, DeliveryRecord delivery, CancellationToken cancellationToken = default);

    /// <summary>The war room its unit's webhook opened, from the incident's war-room grain; a second one changes nothing.</summary>
    [Alias("RecordWarRoom")]
    Task RecordWarRoom(WarRoom room, CancellationToken cancellationToken = default);

    /// <summary>The war room's target passed without a room: a timeline entry, and the commander paged. Once only.</summary>
    [Alias("RecordWarRoomOverdue")]
    Task RecordWarRoomOverdue(TimeSpan target, string? lastError, CancellationToken cancellationToken = default);

    /// <summary>A runbook execution's timeline entry, paging whoever carries the incident when it asks to; an entry reported again changes nothing.</summary>
    [Alias("RecordRunbookEntry")]
    Task RecordRunbookEntry(RunbookEntry entry, CancellationToken cancellationToken = default);
}
