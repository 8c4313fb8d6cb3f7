using Google.Api;
using Google.Protobuf.Reflection;
using Xunit;

namespace IncidentActors.Tests.Transcoding;

/// <summary>Every RPC of every proto is on the HTTP/JSON API, at the one route scheme README documents.</summary>
public sealed class HttpRuleTests
{
    /// <summary>Every service the frontend's protos declare, read from the generated descriptors.</summary>
    internal static IReadOnlyList<ServiceDescriptor> Services { get; } = typeof(Api.V1.Incidents).Assembly.GetTypes()
        .Where(t => t.Namespace == typeof(Api.V1.Incidents).Namespace && t.Name.EndsWith("Reflection", StringComparison.Ordinal))
        .Select(t => (FileDescriptor)t.GetProperty("Descriptor")!.GetValue(null)!)
        .SelectMany(file => file.Services)
        .ToList();

    /// <summary>The route of a method under the scheme: the gRPC path's service and method, the request as the body.</summary>
    internal static string RouteOf(MethodDescriptor method) => $"/v1/{method.Service.Name}/{method.Name}";

    [Fact]
    public void EveryRpcHasAnHttpRuleThatPostsTheRequestToV1ServiceMethod()
    {
        var methods = Services.SelectMany(s => s.Methods).ToList();
        Assert.True(methods.Count > 70, $"only {methods.Count} RPCs found");

        var wrong = methods
            .Select(m => (Method: m.FullName, Rule: m.GetOptions()?.GetExtension(AnnotationsExtensions.Http)))
            .Where(m => m.Rule is null || m.Rule.PatternCase != HttpRule.PatternOneofCase.Post || m.Rule.Body != "*"
                || m.Rule.Post != RouteOf(methods.Single(x => x.FullName == m.Method)))
            .Select(m => $"{m.Method}: {(m.Rule is null ? "no google.api.http rule" : m.Rule.ToString())}");
        Assert.Equal([], wrong);
    }

    [Fact]
    public void NoRpcStreamsItsRequestWhichTranscodingCannotCarry()
    {
        Assert.Equal([], Services.SelectMany(s => s.Methods).Where(m => m.IsClientStreaming).Select(m => m.FullName));
    }
}
