using Grpc.Core;
using IncidentActors.Api.V1;
using IncidentActors.Command;
using IncidentActors.GrpcFrontend.Access;
using IncidentActors.Incidents;
using Domain = IncidentActors;

namespace IncidentActors.GrpcFrontend.Services;

internal sealed class CommandService(IGrainFactory grains) : Api.V1.Command.CommandBase
{
    public override async Task<EnterpriseEvent> OpenEvent(OpenEventRequest request, ServerCallContext context) =>
        CommandWireMapping.ToWire(await Event(request.EventId).Open(request.Title, request.Commander,
            new ResponderAction(AccessInterceptor.Caller(context).Id, WireMapping.Optional(request.Note)), context.CancellationToken));

    public override async Task<Incident> AcceptCommandHandover(AcceptCommandHandoverRequest request, ServerCallContext context) =>
        WireMapping.ToWire(await grains.GetGrain<IIncidentGrain>(RequestIds.Require("incident_id", request.IncidentId))
            .AcceptCommandHandover(new ResponderAction(AccessInterceptor.Caller(context).Id, WireMapping.Optional(request.Note)), context.CancellationToken));

    public override async Task<EnterpriseEvent> FollowTheSun(FollowTheSunRequest request, ServerCallContext context) =>
        CommandWireMapping.ToWire(await Event(request.EventId).FollowTheSun(request.RotationId,
            new ResponderAction(AccessInterceptor.Caller(context).Id, WireMapping.Optional(request.Note)), context.CancellationToken));

    public override async Task<EnterpriseEvent> AcceptCentralCommand(AcceptCentralCommandRequest request, ServerCallContext context) =>
        CommandWireMapping.ToWire(await Event(request.EventId).AcceptCentralCommand(
            new ResponderAction(AccessInterceptor.Caller(context).Id, WireMapping.Optional(request.Note)), context.CancellationToken));

    public override async Task<EnterpriseEvent> GetEvent(GetEventRequest request, ServerCallContext context) =>
        CommandWireMapping.ToWire(await Event(request.EventId).Get(context.CancellationToken));

    public override async Task<EnterpriseEvent> AttachIncident(EventIncidentRequest request, ServerCallContext context) =>
        CommandWireMapping.ToWire(await Event(request.EventId).Attach(request.IncidentId, Action(request, context), context.CancellationToken));

    public override async Task<EnterpriseEvent> HandBackIncident(EventIncidentRequest request, ServerCallContext context) =>
        CommandWireMapping.ToWire(await Event(request.EventId).HandBack(request.IncidentId, Action(request, context), context.CancellationToken));

    public override async Task<EnterpriseEvent> DecideEventSeverity(DecideEventSeverityRequest request, ServerCallContext context) =>
        CommandWireMapping.ToWire(await Event(request.EventId).DecideSeverity(BusinessUnitWireMapping.ToDomain(request.Severity),
            new ResponderAction(AccessInterceptor.Caller(context).Id, WireMapping.Optional(request.Note)), context.CancellationToken));

    public override async Task<EnterpriseEvent> PublishEventUpdate(PublishEventUpdateRequest request, ServerCallContext context) =>
        CommandWireMapping.ToWire(await Event(request.EventId).Communicate(request.Message,
            new ResponderAction(AccessInterceptor.Caller(context).Id, null), context.CancellationToken));

    /// <summary>Unspecified becomes a value no audience has, which the event's validation names.</summary>
    public override async Task<EnterpriseEvent> DraftEventUpdate(DraftEventUpdateRequest request, ServerCallContext context) =>
        CommandWireMapping.ToWire(await Event(request.EventId).DraftUpdate((Domain.Communications.UpdateAudience)((int)request.Audience - 1), request.Subject, request.Body,
            new ResponderAction(AccessInterceptor.Caller(context).Id, WireMapping.Optional(request.Note)), context.CancellationToken));

    public override async Task<EnterpriseEvent> ApproveEventUpdate(EventUpdateRequest request, ServerCallContext context) =>
        CommandWireMapping.ToWire(await Event(request.EventId).ApproveUpdate(request.Number,
            new ResponderAction(AccessInterceptor.Caller(context).Id, WireMapping.Optional(request.Note)), context.CancellationToken));

    public override async Task<EnterpriseEvent> PublishApprovedEventUpdate(EventUpdateRequest request, ServerCallContext context) =>
        CommandWireMapping.ToWire(await Event(request.EventId).PublishUpdate(request.Number,
            new ResponderAction(AccessInterceptor.Caller(context).Id, WireMapping.Optional(request.Note)), context.CancellationToken));

    public override async Task<EnterpriseEvent> CloseEvent(CloseEventRequest request, ServerCallContext context) =>
        CommandWireMapping.ToWire(await Event(request.EventId).Close(
            new ResponderAction(AccessInterceptor.Caller(context).Id, WireMapping.Optional(request.Note)), context.CancellationToken));

    public override async Task<ListEventProposalsResponse> ListEventProposals(ListEventProposalsRequest request, ServerCallContext context)
    {
        var proposals = await Proposals().List(context.CancellationToken);
        return new ListEventProposalsResponse { Proposals = { proposals.Select(CommandWireMapping.ToWire) } };
    }

    public override async Task<EnterpriseEvent> AcceptEventProposal(AcceptEventProposalRequest request, ServerCallContext context) =>
        CommandWireMapping.ToWire(await Proposals().Accept(RequestIds.Require("proposal_id", request.ProposalId), RequestIds.Require("event_id", request.EventId),
            request.Title, new ResponderAction(AccessInterceptor.Caller(context).Id, WireMapping.Optional(request.Note)), context.CancellationToken));

    private static ResponderAction Action(EventIncidentRequest request, ServerCallContext context) => new(AccessInterceptor.Caller(context).Id, WireMapping.Optional(request.Note));

    private ICommandCenterGrain Event(string id) => grains.GetGrain<ICommandCenterGrain>(RequestIds.Require("event_id", id));

    private IEventProposalsGrain Proposals() => grains.GetGrain<IEventProposalsGrain>(IEventProposalsGrain.Global);
}
