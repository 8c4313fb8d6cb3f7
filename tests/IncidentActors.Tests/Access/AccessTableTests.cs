using Grpc.AspNetCore.Server;
using Grpc.Core;
using Grpc.Net.Client;
using IncidentActors.GrpcFrontend.Access;
using IncidentActors.Testing;
using IncidentActors.Tests.EndToEnd;
using Microsoft.AspNetCore.Routing;
using Xunit;

namespace IncidentActors.Tests.Access;

/// <summary>
/// Deny by default, walked over every endpoint the running silo maps: each is in the access table, and each refuses
/// callers who are unknown or hold no role, over real HTTP/2 and HTTP/1.1.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AccessTableTests(AzuriteFixture azurite)
{
    private static readonly Marshaller<byte[]> Raw = Marshallers.Create(bytes => bytes, bytes => bytes);

    [Fact]
    public async Task EveryEndpointIsInTheAccessTableAndRefusesTheAnonymousAndThoseWithoutARole()
    {
        await using var silo = await RunningSilo.StartAsync(azurite, settings: new Dictionary<string, string?>
        {
            ["IncidentActors:Auth:Development:Enabled"] = "true",
        });
        var endpoints = silo.Endpoints.OfType<RouteEndpoint>().ToList();
        var grpcMethods = endpoints.Select(e => e.Metadata.GetMetadata<GrpcMethodMetadata>()).OfType<GrpcMethodMetadata>()
            .Select(m => m.Method).DistinctBy(m => m.FullName).ToList();
        var httpRoutes = endpoints.Where(e => e.Metadata.GetMetadata<GrpcMethodMetadata>() is null).Select(e => e.RoutePattern.RawText!)
            .Where(route => !route.Contains("{unimplemented", StringComparison.Ordinal)).Distinct().ToList();

        Assert.True(grpcMethods.Count > 70, $"only {grpcMethods.Count} gRPC methods mapped");
        Assert.Equal([], grpcMethods.Where(m => AccessTable.For(m.FullName) is null).Select(m => m.FullName));
        Assert.Equal([], httpRoutes.Where(route => !AccessTable.HttpEndpoints.ContainsKey(route)));
        Assert.Equal([], AccessTable.Rules.Keys.Except(grpcMethods.Select(m => m.FullName)));

        using var nobody = silo.ChannelFor(TestTokens.For("nobody"));
        using var forged = silo.ChannelFor(TestTokens.For(TestTokens.Admin, key: new byte[32]));
        using var expired = silo.ChannelFor(TestTokens.For(TestTokens.Admin, expires: DateTime.UtcNow.AddMinutes(-5)));
        using var otherAudience = silo.ChannelFor(TestTokens.For(TestTokens.Admin, audience: "someone-else"));
        foreach (var method in grpcMethods)
        {
            var rule = AccessTable.For(method.FullName)!;
            if (rule.Caller == CallerKind.Anonymous)
            {
                Assert.Equal(StatusCode.OK, await CallAsync(silo.Anonymous, method));
                continue;
            }
            foreach (var unknown in new[] { silo.Anonymous, forged, expired, otherAudience })
            {
                Assert.Equal((method.FullName, StatusCode.Unauthenticated), (method.FullName, await CallAsync(unknown, method)));
            }
            var withoutRole = await CallAsync(nobody, method);
            var expected = rule.Caller switch
            {
                CallerKind.AnyPrincipal => withoutRole,
                CallerKind.VendorKey => StatusCode.Unauthenticated,
                _ => StatusCode.PermissionDenied,
            };
            Assert.Equal((method.FullName, expected), (method.FullName, withoutRole));
        }

        // Status pages answer anyone when public; their doors are tested in StatusPageApiTests.
        foreach (var route in httpRoutes.Where(r => !r.StartsWith("/healthz", StringComparison.Ordinal) && r is not "/dev/token" && !r.StartsWith("/status/", StringComparison.Ordinal)))
        {
            var path = route.Replace("{serviceId}", "checkout", StringComparison.Ordinal);
            using var anonymous = new HttpClient { BaseAddress = silo.Http.BaseAddress };
            var response = await anonymous.PostAsync(path, new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
            Assert.True(response.StatusCode is System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.BadRequest,
                $"{route} answered an anonymous caller {response.StatusCode}");
        }
    }

    /// <summary>Calls with an empty request; the status says how far the call got.</summary>
    private static async Task<StatusCode> CallAsync(GrpcChannel channel, IMethod method)
    {
        var raw = new Method<byte[], byte[]>(method.Type, method.ServiceName, method.Name, Raw, Raw);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        try
        {
            switch (method.Type)
            {
                case MethodType.Unary:
                    await channel.CreateCallInvoker().AsyncUnaryCall(raw, null, new CallOptions(deadline: deadline), []);
                    break;
                case MethodType.ServerStreaming:
                    // A refused stream ends at once; an admitted one stays open until its deadline.
                    using (var call = channel.CreateCallInvoker().AsyncServerStreamingCall(raw, null, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(2)), []))
                    {
                        await call.ResponseStream.MoveNext();
                    }
                    break;
                default:
                    using (var call = channel.CreateCallInvoker().AsyncDuplexStreamingCall(raw, null, new CallOptions(deadline: deadline)))
                    {
                        await call.RequestStream.CompleteAsync();
                        await call.ResponseStream.MoveNext();
                    }
                    break;
            }
            return StatusCode.OK;
        }
        catch (RpcException e) when (method.Type == MethodType.ServerStreaming && e.StatusCode == StatusCode.DeadlineExceeded)
        {
            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }
}
