using Grpc.Core;
using Grpc.Core.Interceptors;
using IncidentActors.Vendors;

namespace IncidentActors.GrpcFrontend.Services;

/// <summary>
/// Authenticates VendorPortal calls by the vendor's access key in <c>authorization: Bearer &lt;key&gt;</c>.
/// The key names its vendor, which checks it against the hash it keeps; the service then acts as that
/// vendor and no other. Anything else is Unauthenticated, with no hint of which part was wrong.
/// VendorPortal has unary methods only; a streaming method added to it must be authenticated here too.
/// </summary>
internal sealed class VendorAccessInterceptor(IGrainFactory grains) : Interceptor
{
    private const string VendorIdKey = "incidentactors-vendor-id";
    private const string Scheme = "Bearer ";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        context.UserState[VendorIdKey] = await AuthenticateAsync(context);
        return await continuation(request, context);
    }

    /// <summary>The vendor this call was authenticated as.</summary>
    public static string VendorId(ServerCallContext context) => (string)context.UserState[VendorIdKey];

    private async Task<string> AuthenticateAsync(ServerCallContext context)
    {
        var header = context.RequestHeaders.GetValue("authorization");
        var key = header is not null && header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? header[Scheme.Length..].Trim() : null;
        if (key is not null && await grains.GetGrain<IVendorAccessGrain>(0).Authenticate(key, context.CancellationToken) is { } vendorId)
        {
            return vendorId;
        }
        throw new RpcException(new Status(StatusCode.Unauthenticated,
            "VendorPortal needs the vendor's access key, issued when the vendor was registered, as 'authorization: Bearer <key>'."));
    }
}
