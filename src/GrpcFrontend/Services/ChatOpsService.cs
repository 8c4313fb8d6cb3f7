using Grpc.Core;
using IncidentActors.Api.V1;
using IncidentActors.Chat;

namespace IncidentActors.GrpcFrontend.Services;

/// <summary>A unit's war-room webhook and chat integration, for its admins.</summary>
internal sealed class ChatOpsService(IGrainFactory grains) : ChatOps.ChatOpsBase
{
    public override async Task<ChatSettings> SetWarRoomWebhook(SetWarRoomWebhookRequest request, ServerCallContext context) =>
        ChatWireMapping.ToWire(request.BusinessUnitId,
            await Unit(request.BusinessUnitId).SetWarRoomWebhook(ChatWireMapping.ToDomain(request.WarRoom), context.CancellationToken));

    public override async Task<ChatSettings> SetChatIntegration(SetChatIntegrationRequest request, ServerCallContext context) =>
        ChatWireMapping.ToWire(request.BusinessUnitId,
            await Unit(request.BusinessUnitId).SetChatIntegration(ChatWireMapping.ToDomain(request.Chat), context.CancellationToken));

    public override async Task<ChatSettings> GetChatSettings(GetChatSettingsRequest request, ServerCallContext context) =>
        ChatWireMapping.ToWire(request.BusinessUnitId, await Unit(request.BusinessUnitId).Get(context.CancellationToken));

    private IUnitChatGrain Unit(string businessUnitId) => grains.GetGrain<IUnitChatGrain>(
        businessUnitId is { Length: > 0 } ? businessUnitId : throw new Errors.InvalidRequestException("business_unit_id", "is required."));
}
