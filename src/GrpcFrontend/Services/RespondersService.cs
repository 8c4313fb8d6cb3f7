using Grpc.Core;
using IncidentActors.Api.V1;
using IncidentActors.GrpcFrontend.Access;
using IncidentActors.Responders;

namespace IncidentActors.GrpcFrontend.Services;

internal sealed class RespondersService(IGrainFactory grains, ObserverSubscriptions subscriptions) : Api.V1.Responders.RespondersBase
{
    public const int DefaultNotifications = 50;

    public override async Task<Responder> DefineResponder(Responder request, ServerCallContext context) =>
        EscalationWireMapping.ToWire(await Person(request.Id).Define(EscalationWireMapping.ToDomain(request), context.CancellationToken));

    public override async Task<Responder> GetResponder(GetResponderRequest request, ServerCallContext context) =>
        EscalationWireMapping.ToWire(await Person(request.Id).Get(context.CancellationToken));

    public override async Task<ListNotificationsResponse> ListNotifications(ListNotificationsRequest request, ServerCallContext context)
    {
        var records = await Person(request.ResponderId, "responder_id")
            .Notifications(request.Limit == 0 ? DefaultNotifications : request.Limit, context.CancellationToken);
        var response = new ListNotificationsResponse();
        response.Notifications.AddRange(records.Select(r => EscalationWireMapping.ToWire(r)));
        return response;
    }

    public override async Task WatchPages(WatchPagesRequest request, IServerStreamWriter<PageMessage> responseStream, ServerCallContext context)
    {
        var responder = Person(request.ResponderId, "responder_id");
        var observer = new PageStreamObserver();
        await using var subscription = await subscriptions.SubscribeAsync<IPageObserver, Page>(
            observer, observer.Pages.Reader, responder.Subscribe, r => responder.Unsubscribe(r), context.CancellationToken);
        // Headers go out once the subscription is live, so a caller that awaits them misses no page sent after.
        await context.WriteResponseHeadersAsync([]);
        await foreach (var page in subscription.Items.ReadAllAsync(context.CancellationToken))
        {
            await responseStream.WriteAsync(EscalationWireMapping.ToWire(page), context.CancellationToken);
        }
    }

    /// <summary>The page is the caller's own: the door let only its responder through, and the grain is the caller's.</summary>
    public override async Task<Notification> AcknowledgePageDelivery(AcknowledgePageDeliveryRequest request, ServerCallContext context) =>
        EscalationWireMapping.ToWire(await Person(AccessInterceptor.Caller(context).Id).AcknowledgeStreamDelivery(request.IdempotencyKey, context.CancellationToken));

    private IResponderGrain Person(string id, string field = "id") => grains.GetGrain<IResponderGrain>(RequestIds.Require(field, id));
}
