using Grpc.Core;
using IncidentActors.Api.V1;
using IncidentActors.OnCall;

namespace IncidentActors.GrpcFrontend.Services;

internal sealed class OnCallService(IGrainFactory grains, TimeProvider clock) : Api.V1.OnCall.OnCallBase
{
    public const int DefaultShifts = 10;

    public override async Task<RotationInfo> DefineRotation(Rotation request, ServerCallContext context) =>
        OnCallWireMapping.ToWire(await RotationGrain(request.Id).Define(OnCallWireMapping.ToDomain(request), context.CancellationToken));

    public override async Task<RotationInfo> GetRotation(GetRotationRequest request, ServerCallContext context) =>
        OnCallWireMapping.ToWire(await RotationGrain(request.Id).Get(context.CancellationToken));

    public override async Task<WhoIsOnCallResponse> WhoIsOnCall(WhoIsOnCallRequest request, ServerCallContext context)
    {
        var rotation = RotationGrain(request.RotationId, "rotation_id");
        await rotation.Get(context.CancellationToken);
        var shift = await rotation.OnCallAt(request.At?.ToDateTimeOffset() ?? clock.GetUtcNow(), context.CancellationToken);
        return new WhoIsOnCallResponse { Shift = shift is null ? null : OnCallWireMapping.ToWire(shift) };
    }

    public override async Task<ListShiftsResponse> ListShifts(ListShiftsRequest request, ServerCallContext context)
    {
        var shifts = await RotationGrain(request.RotationId, "rotation_id").NextShifts(
            request.From?.ToDateTimeOffset() ?? clock.GetUtcNow(), request.Count == 0 ? DefaultShifts : request.Count, context.CancellationToken);
        var response = new ListShiftsResponse();
        response.Shifts.AddRange(shifts.Select(s => OnCallWireMapping.ToWire(s)));
        return response;
    }

    private IOnCallRotationGrain RotationGrain(string id, string field = "id") => grains.GetGrain<IOnCallRotationGrain>(RequestIds.Require(field, id));
}
