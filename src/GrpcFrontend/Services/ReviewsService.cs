using Grpc.Core;
using IncidentActors.Api.V1;
using IncidentActors.GrpcFrontend.Access;
using IncidentActors.Reviews;
using Domain = IncidentActors.Reviews;

namespace IncidentActors.GrpcFrontend.Services;

/// <summary>Post-incident reviews; the actor of every change is the authenticated caller.</summary>
internal sealed class ReviewsService(IGrainFactory grains, TimeProvider clock) : Api.V1.Reviews.ReviewsBase
{
    public override async Task<Api.V1.ReviewPolicy> SetReviewPolicy(SetReviewPolicyRequest request, ServerCallContext context) =>
        ReviewWireMapping.ToWire(await Unit(request.BusinessUnitId).SetPolicy(ReviewWireMapping.ToDomain(request.Policy), context.CancellationToken));

    public override async Task<Api.V1.ReviewPolicy> GetReviewPolicy(GetReviewPolicyRequest request, ServerCallContext context) =>
        ReviewWireMapping.ToWire(await Unit(request.BusinessUnitId).GetPolicy(context.CancellationToken)
            ?? throw new Errors.ResourceNotFoundException("Review policy", request.BusinessUnitId));

    public override async Task<Review> RequestReview(RequestReviewRequest request, ServerCallContext context) =>
        ReviewWireMapping.ToWire(await Review(request.IncidentId).Request(request.Reason, Actor(context), context.CancellationToken));

    public override async Task<Review> GetReview(GetReviewRequest request, ServerCallContext context) =>
        ReviewWireMapping.ToWire(await Review(request.IncidentId).Get(context.CancellationToken));

    public override async Task<Review> AssignReviewOwner(AssignReviewOwnerRequest request, ServerCallContext context) =>
        ReviewWireMapping.ToWire(await Review(request.IncidentId).AssignOwner(request.Owner, Actor(context), context.CancellationToken));

    public override async Task<Review> RecordAttendance(RecordAttendanceRequest request, ServerCallContext context) =>
        ReviewWireMapping.ToWire(await Review(request.IncidentId).RecordAttendance(ReviewWireMapping.ToDomain(request.Kind), request.ParticipantId,
            request.Attended, Actor(context), context.CancellationToken));

    public override async Task<Review> UpdateReviewContent(UpdateReviewContentRequest request, ServerCallContext context) =>
        ReviewWireMapping.ToWire(await Review(request.IncidentId).UpdateContent(ReviewWireMapping.ToDomain(request.Content), Actor(context), context.CancellationToken));

    public override async Task<Review> EditReconstruction(EditReconstructionRequest request, ServerCallContext context) =>
        ReviewWireMapping.ToWire(await Review(request.IncidentId).EditReconstruction(request.Sequence, request.Text, Actor(context), context.CancellationToken));

    public override async Task<Review> SubmitReview(ReviewActionRequest request, ServerCallContext context) =>
        ReviewWireMapping.ToWire(await Review(request.IncidentId).Submit(Actor(context), context.CancellationToken));

    public override async Task<Review> PublishReview(ReviewActionRequest request, ServerCallContext context) =>
        ReviewWireMapping.ToWire(await Review(request.IncidentId).Publish(Actor(context), context.CancellationToken));

    public override async Task<Api.V1.ActionItem> AddActionItem(AddActionItemRequest request, ServerCallContext context) =>
        ReviewWireMapping.ToWire(await Review(request.IncidentId).AddActionItem(ReviewWireMapping.ToDomain(request), Actor(context), context.CancellationToken));

    public override async Task<Api.V1.ActionItem> RecordActionItemVerification(RecordActionItemVerificationRequest request, ServerCallContext context) =>
        ReviewWireMapping.ToWire(await Review(request.IncidentId).RecordVerification(request.Number, request.Evidence, Actor(context), context.CancellationToken));

    public override async Task<Api.V1.ActionItem> MarkActionItemEffective(ActionItemRequest request, ServerCallContext context) =>
        ReviewWireMapping.ToWire(await Review(request.IncidentId).MarkEffective(request.Number, Actor(context), context.CancellationToken));

    public override async Task<Api.V1.ActionItem> LinkActionItemToTracker(LinkActionItemToTrackerRequest request, ServerCallContext context) =>
        ReviewWireMapping.ToWire(await Review(request.IncidentId).LinkToTracker(request.Number, WireMapping.Optional(request.Key), Actor(context),
            context.CancellationToken));

    public override async Task<ListPublishedReviewsResponse> ListPublishedReviews(ListPublishedReviewsRequest request, ServerCallContext context)
    {
        var query = new ReviewQuery(WireMapping.Optional(request.ServiceId), WireMapping.Optional(request.FactorCategory), WireMapping.Optional(request.Category),
            WireMapping.Optional(request.Text));
        var found = await Unit(request.BusinessUnitId).Search(query, context.CancellationToken);
        return new ListPublishedReviewsResponse { Reviews = { found.Select(ReviewWireMapping.ToWire) } };
    }

    public override async Task<Api.V1.ReviewTimeliness> GetReviewTimeliness(GetReviewTimelinessRequest request, ServerCallContext context) =>
        ReviewWireMapping.ToWire(await Unit(request.BusinessUnitId).GetTimeliness(clock.GetUtcNow(), context.CancellationToken));

    private static string Actor(ServerCallContext context) => AccessInterceptor.Caller(context).Id;

    private IPostIncidentReviewGrain Review(string incidentId) => grains.GetGrain<IPostIncidentReviewGrain>(RequestIds.Require("incident_id", incidentId));

    private IUnitReviewsGrain Unit(string businessUnitId) => grains.GetGrain<Domain.IUnitReviewsGrain>(RequestIds.Require("business_unit_id", businessUnitId));
}
