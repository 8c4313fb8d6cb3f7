using Grpc.Core;
using IncidentActors.Api.V1;
using IncidentActors.Escalation;

namespace IncidentActors.GrpcFrontend.Services;

internal sealed class EscalationPoliciesService(IGrainFactory grains) : EscalationPolicies.EscalationPoliciesBase
{
    public override async Task<EscalationPolicy> DefinePolicy(EscalationPolicy request, ServerCallContext context)
    {
        var definition = EscalationWireMapping.ToDomain(request);
        var stored = await Policy(request.Id).Define(definition, context.CancellationToken);
        return EscalationWireMapping.ToWire(stored);
    }

    public override async Task<EscalationPolicy> GetPolicy(GetPolicyRequest request, ServerCallContext context) =>
        EscalationWireMapping.ToWire(await Policy(request.Id).Get(context.CancellationToken));

    private IEscalationPolicyGrain Policy(string id) => grains.GetGrain<IEscalationPolicyGrain>(RequestIds.Require("id", id));
}
