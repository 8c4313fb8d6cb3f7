using Grpc.Core;
using Grpc.Core.Interceptors;
using IncidentActors.Access;
using IncidentActors.GrpcFrontend.Services;
using Microsoft.Extensions.Logging;

namespace IncidentActors.GrpcFrontend.Access;

/// <summary>
/// The door: every call is looked up in <see cref="AccessTable"/>, its caller authenticated and checked against the
/// method's rule, and the principal attached to the grain calls it makes, where the owning grain checks it again.
/// </summary>
internal sealed class AccessInterceptor(PrincipalResolver principals, AuditTrail audit, ILogger<AccessInterceptor> logger) : Interceptor
{
    private const string PrincipalKey = "incidentactors-principal";

    /// <summary>The principal the call was authenticated as; only for methods whose rule names one.</summary>
    public static Principal Caller(ServerCallContext context) => (Principal)context.UserState[PrincipalKey];

    private static Principal? CallerIfKnown(ServerCallContext context) => context.UserState.TryGetValue(PrincipalKey, out var principal) ? (Principal)principal : null;

    /// <summary>A changing call is audited whatever its outcome; a reading call only when refused.</summary>
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        TResponse response;
        try
        {
            (await AdmitAsync(request, context))?.Attach();
            response = await continuation(request, context);
        }
        catch (RpcException e) when (AuditTrail.Records(context.Method, Refused(e.StatusCode)))
        {
            await audit.RecordAsync(context, CallerIfKnown(context), request, null, e.StatusCode);
            throw;
        }
        if (AuditTrail.Records(context.Method, refused: false))
        {
            await audit.RecordAsync(context, CallerIfKnown(context), request, response, StatusCode.OK);
        }
        return response;
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        (await AdmitAuditedAsync(request, context))?.Attach();
        await continuation(request, responseStream, context);
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        // Only reflection streams both ways; its rule needs no request to decide.
        (await AdmitAuditedAsync(null, context))?.Attach();
        await continuation(requestStream, responseStream, context);
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        (await AdmitAuditedAsync(null, context))?.Attach();
        return await continuation(requestStream, context);
    }

    private static bool Refused(StatusCode status) => status is StatusCode.Unauthenticated or StatusCode.PermissionDenied;

    /// <summary>Streams are reads: only a refusal to open one is audited.</summary>
    private async Task<AccessTicket?> AdmitAuditedAsync(object? request, ServerCallContext context)
    {
        try
        {
            return await AdmitAsync(request, context);
        }
        catch (RpcException e) when (Refused(e.StatusCode))
        {
            await audit.RecordAsync(context, CallerIfKnown(context), request, null, e.StatusCode);
            throw;
        }
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
        var principal = await ResolveAsync(context)
            ?? throw new RpcException(new Status(StatusCode.Unauthenticated,
                "Authenticate with 'authorization: Bearer <token>': a person's OpenID Connect token or an integration key."));
        // Known before the check, so that a refusal is audited under who was refused.
        context.UserState[PrincipalKey] = principal;
        if (request is null ? rule.Caller != CallerKind.AnyPrincipal : !rule.Admits(principal, request))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                $"{principal.Id} may not call {context.Method}: it needs one of {string.Join(", ", rule.Roles)}{(rule.OrgWide ? " organisation-wide" : "")}."));
        }
        return new AccessTicket(principal, rule.Roles, context.Method, context.Peer);
    }

    /// <summary>
    /// Resolving the caller reads grains; while a silo has just died that may fail, which the caller must see as
    /// UNAVAILABLE (retry), not as an unknown server error: the door sits outside the handlers' error mapping.
    /// </summary>
    private async Task<Principal?> ResolveAsync(ServerCallContext context)
    {
        try
        {
            return await principals.ResolveAsync(context.GetHttpContext().User, context.CancellationToken);
        }
        catch (Exception e) when (DomainErrorInterceptor.IsClusterUnreachable(e))
        {
            logger.LogWarning(e, "{Method}: the caller could not be resolved, the cluster did not answer", context.Method);
            throw DomainErrorInterceptor.ClusterUnreachable();
        }
    }
}
