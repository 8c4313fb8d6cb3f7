using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using IncidentActors.Errors;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace IncidentActors.GrpcFrontend.Services;

/// <summary>
/// Turns domain failures into gRPC statuses a caller can act on: bad input is InvalidArgument with
/// google.rpc.BadRequest field violations, unknown ids NotFound, illegal transitions FailedPrecondition,
/// rate limits ResourceExhausted with when to retry.
/// </summary>
internal sealed class DomainErrorInterceptor(ILogger<DomainErrorInterceptor> logger) : Interceptor
{
    private const string StatusDetailsTrailer = "grpc-status-details-bin";
    private const string RetryAfterTrailer = "retry-after";

    /// <summary>Whole seconds, rounded up, as HTTP's Retry-After carries them.</summary>
    public static string RetryAfterSeconds(TimeSpan retryAfter) => Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception e) when (ToRpcException(e, context) is { } rpc)
        {
            throw rpc;
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception e) when (ToRpcException(e, context) is { } rpc)
        {
            throw rpc;
        }
    }

    /// <summary>The cluster did not answer: a silo died or is unreachable mid-call. The door's own grain calls fail so too.</summary>
    public static bool IsClusterUnreachable(Exception exception) =>
        exception is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException;

    public static RpcException ClusterUnreachable() => new(new Grpc.Core.Status(StatusCode.Unavailable,
        "The cluster did not answer in time; the request may or may not have been applied. Retrying is safe."));

    private RpcException? ToRpcException(Exception exception, ServerCallContext context)
    {
        switch (exception)
        {
            case InvalidRequestException invalid:
                var badRequest = new BadRequest();
                badRequest.FieldViolations.AddRange(invalid.Violations.Select(v => new BadRequest.Types.FieldViolation
                {
                    Field = v.Field,
                    Description = v.Description,
                }));
                return WithDetails(StatusCode.InvalidArgument, invalid.Message, badRequest);
            case ResourceNotFoundException notFound:
                return new RpcException(new Grpc.Core.Status(StatusCode.NotFound, notFound.Message));
            case IllegalTransitionException illegal:
                return new RpcException(new Grpc.Core.Status(StatusCode.FailedPrecondition, illegal.Message));
            case PermissionDeniedException denied:
                return new RpcException(new Grpc.Core.Status(StatusCode.PermissionDenied, denied.Message));
            case RateLimitedException limited:
                var retry = WithDetails(StatusCode.ResourceExhausted, limited.Message, new RetryInfo { RetryDelay = Duration.FromTimeSpan(limited.RetryAfter) });
                retry.Trailers.Add(RetryAfterTrailer, RetryAfterSeconds(limited.RetryAfter));
                return retry;
            case var _ when IsClusterUnreachable(exception):
                logger.LogWarning(exception, "{Method} could not reach the cluster in time", context.Method);
                return ClusterUnreachable();
            default:
                return null;
        }
    }

    private static RpcException WithDetails(StatusCode code, string message, IMessage detail)
    {
        var status = new Google.Rpc.Status { Code = (int)code, Message = message, Details = { Any.Pack(detail) } };
        return new RpcException(new Grpc.Core.Status(code, message), new Metadata { { StatusDetailsTrailer, status.ToByteArray() } });
    }
}
