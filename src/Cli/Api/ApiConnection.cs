using System.Net.Http.Headers;
using Grpc.Net.Client;

namespace IncidentActors.Cli.Api;

/// <summary>Opens a channel to the API as the caller: address and token from the options, the environment, or the store.</summary>
internal sealed class ApiConnection(CliEnvironment environment, TokenStore tokens)
{
    public const string AddressVariable = "INCIDENTACTORS_ADDRESS";
    public const string TokenVariable = "INCIDENTACTORS_TOKEN";

    public GrpcChannel Open(ApiSettings settings)
    {
        var address = settings.Address ?? environment.Setting(AddressVariable) ?? ApiSettings.DefaultAddress;
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new CliFailure(ExitCodes.Usage, $"--address must be an http:// or https:// URL, not '{address}'");
        }
        var token = settings.Token ?? environment.Setting(TokenVariable) ?? tokens.Load()
            ?? throw new CliFailure(ExitCodes.Auth,
                $"no token: pass --token, set {TokenVariable}, or store one with `incidentactors token dev <you>` or `token set <token>`");
        return GrpcChannel.ForAddress(uri, new GrpcChannelOptions
        {
            HttpHandler = new BearerToken(token) { InnerHandler = new SocketsHttpHandler() },
        });
    }

    /// <summary>Adds the token as a header: gRPC call credentials would refuse a cleartext (development) address.</summary>
    private sealed class BearerToken(string token) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
