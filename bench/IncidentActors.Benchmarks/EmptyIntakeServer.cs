using Grpc.Core;
using Grpc.Net.Client;
using IncidentActors.Api.V1;
using IncidentActors.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IncidentActors.Benchmarks;

/// <summary>The same AlertIntake contract with a handler that does nothing: what gRPC itself costs on this host.</summary>
internal sealed class EmptyIntakeServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EmptyIntakeServer(WebApplication app, int port)
    {
        _app = app;
        Channel = BenchClients.Channel(port);
    }

    public GrpcChannel Channel { get; }

    public static async Task<EmptyIntakeServer> StartAsync()
    {
        var port = AzuriteFixture.FreeLoopbackPort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, port, o => o.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        var app = builder.Build();
        app.MapGrpcService<EmptyIntake>();
        await app.StartAsync();
        return new EmptyIntakeServer(app, port);
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed class EmptyIntake : AlertIntake.AlertIntakeBase
    {
        private static readonly AlertResult Result = new() { Disposition = AlertDisposition.Opened };

        public override Task<AlertResult> SendAlert(AlertEvent request, ServerCallContext context) => Task.FromResult(Result);
    }
}
