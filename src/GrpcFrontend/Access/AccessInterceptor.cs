using Grpc.Core;
using Grpc.Core.Interceptors;
using IncidentActors.Access;

namespace IncidentActors.GrpcFrontend.Access;

/// <summary>
/// The door: every call is looked up in <see cref="AccessTable"/>, its caller authenticated and checked against the
/// method's rule, and the principal attached to the grain calls it makes, where the owning grain checks it again.
/// </summary>
internal sealed class AccessInterceptor(PrincipalResolver principals) : Interceptor
{
    private const string PrincipalKey = "incidentactors-principal";

    /// <summary>The principal the call was authenticated as; only for methods whose rule names one.</summary>
    public static Principal Caller(ServerCallContext context) => (Principal)context.UserState[PrincipalKey];

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        (await AdmitAsync(request, context))?.Attach();
        return await continuation(request, context);
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        (await AdmitAsync(request, context))?.Attach();
        await continuation(request, responseStream, context);
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        // Only reflection streams both ways; its rule needs no request to decide.
        (await AdmitAsync(null, context))?.Attach();
        await continuation(requestStream, responseStream, context);
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        (await AdmitAsync(null, context))?.Attach();
        return await continuation(requestStream, context);
    }

    /// <summary>
    /// The ticket to attach, by the handler itself: RequestContext set inside an awaited method would not flow back
    /// out to the call. Null where no principal is needed.
    /// </summary>
    private async Task<AccessTicket?> AdmitAsync(object? request, ServerCallContext context)
    {
        var rule = AccessTable.For(context.Method)
            ?? throw new RpcException(new Status(StatusCode.PermissionDenied, $"{context.Method} is not open to anyone."));
        if (rule.Caller is CallerKind.Anonymous or CallerKind.VendorKey)
        {
            return null;
        }
        var principal = await principals.ResolveAsync(context.GetHttpContext().User, context.CancellationToken)
            ?? throw new RpcException(new Status(StatusCode.Unauthenticated,
                "Authenticate with 'authorization: Bearer <token>': a person's OpenID Connect token or an integration key."));
        if (request is null ? rule.Caller != CallerKind.AnyPrincipal : !rule.Admits(principal, request))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                $"{principal.Id} may not call {context.Method}: it needs one of {string.Join(", ", rule.Roles)}{(rule.OrgWide ? " organisation-wide" : "")}."));
        }
        context.UserState[PrincipalKey] = principal;
        return new AccessTicket(principal, rule.Roles);
    }
}
