using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using IncidentActors.Api.V1;
using Domain = IncidentActors;

namespace IncidentActors.GrpcFrontend.Services;

/// <summary>Maps a unit's subscribers to its subscribers grain; the rules live there.</summary>
internal sealed class SubscribersService(IGrainFactory grains) : Api.V1.Subscribers.SubscribersBase
{
    private const string HiddenSecret = "********";

    public override async Task<Subscriber> DefineSubscriber(DefineSubscriberRequest request, ServerCallContext context) =>
        ToWire(await Unit(request.BusinessUnitId).Define(ToDomain(request.Subscriber ?? new Subscriber()), context.CancellationToken));

    public override async Task<RemoveSubscriberResponse> RemoveSubscriber(RemoveSubscriberRequest request, ServerCallContext context) =>
        new() { Removed = await Unit(request.BusinessUnitId).Remove(request.SubscriberId, context.CancellationToken) };

    public override async Task<SubscriberList> ListSubscribers(ListSubscribersRequest request, ServerCallContext context) =>
        new() { Subscribers = { (await Unit(request.BusinessUnitId).List(context.CancellationToken)).Select(ToWire) } };

    public override async Task<SubscriberDeliveries> ListSubscriberDeliveries(ListSubscriberDeliveriesRequest request, ServerCallContext context) =>
        new()
        {
            Notices =
            {
                (await Unit(request.BusinessUnitId).Deliveries(request.SubscriberId, request.Limit == 0 ? 50 : request.Limit, context.CancellationToken))
                    .Select(ToWire),
            },
        };

    private Domain.Subscribers.ISubscribersGrain Unit(string businessUnitId) => grains.GetGrain<Domain.Subscribers.ISubscribersGrain>(businessUnitId);

    /// <summary>Unspecified enums become values no kind, severity or audience has, which the grain's validation names.</summary>
    private static Domain.Subscribers.Subscriber ToDomain(Subscriber s) => new(
        s.Id,
        s.Name,
        (Domain.Subscribers.SubscriberKind)((int)s.Kind - 1),
        BusinessUnitWireMapping.ToDomain(s.MinimumSeverity),
        s.MinimumDuration?.ToTimeSpan() ?? TimeSpan.Zero,
        [.. s.Services],
        [.. s.Audiences.Select(a => (Domain.Communications.UpdateAudience)((int)a - 1))],
        s.ChannelCase == Subscriber.ChannelOneofCase.ResponderId ? s.ResponderId : null,
        s.Email is { } email ? new Domain.Subscribers.EmailChannel(email.Url, email.Secret == HiddenSecret ? "" : email.Secret, email.To, email.From) : null);

    private static Subscriber ToWire(Domain.Subscribers.Subscriber s)
    {
        var wire = new Subscriber
        {
            Id = s.Id,
            Name = s.Name,
            Kind = (SubscriberKind)((int)s.Kind + 1),
            MinimumSeverity = BusinessUnitWireMapping.ToWire(s.MinimumSeverity),
            MinimumDuration = s.MinimumDuration == TimeSpan.Zero ? null : Duration.FromTimeSpan(s.MinimumDuration),
            Services = { s.Services.IsDefault ? [] : s.Services },
            Audiences = { (s.Audiences.IsDefault ? [] : s.Audiences).Select(a => (UpdateAudience)((int)a + 1)) },
        };
        if (s.ResponderId is { } responder)
        {
            wire.ResponderId = responder;
        }
        else if (s.Email is { } email)
        {
            wire.Email = new EmailChannel { Url = email.Url, Secret = HiddenSecret, To = email.To, From = email.From };
        }
        return wire;
    }

    private static SubscriberNotice ToWire(Domain.Subscribers.SubscriberNotice n) => new()
    {
        Key = n.Key,
        IncidentId = n.IncidentId,
        Kind = (NoticeKind)((int)n.Kind + 1),
        Subject = n.Subject,
        Text = n.Text,
        PublicStatus = BusinessUnitWireMapping.ToWire(n.PublicStatus),
        CreatedAt = Timestamp.FromDateTimeOffset(n.CreatedAt),
        Status = EscalationWireMapping.ToWire(n.Status),
        Attempts = n.Attempts,
        NextAttemptAt = n.NextAttemptAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
        HttpStatus = n.HttpStatus ?? 0,
        Error = n.Error ?? "",
    };
}
