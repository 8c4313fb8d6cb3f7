using System.ComponentModel;
using System.Net;
using Spectre.Console.Cli;

namespace IncidentActors.Cli.Api;

internal sealed class DevTokenSettings : CommandSettings
{
    public const string DefaultHttpAddress = "http://127.0.0.1:5081";

    [CommandArgument(0, "<subject>")]
    [Description("Who the token is for: their responder id")]
    public string Subject { get; init; } = "";

    [CommandOption("--groups <GROUPS>")]
    [Description("Comma-separated groups the token carries")]
    public string? Groups { get; init; }

    [CommandOption("--http-address <URL>")]
    [Description("The silo's HTTP endpoint (default " + DefaultHttpAddress + ")")]
    [DefaultValue(DefaultHttpAddress)]
    public string HttpAddress { get; init; } = DefaultHttpAddress;

    public override Spectre.Console.ValidationResult Validate() =>
        !Uri.TryCreate(HttpAddress, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            ? Spectre.Console.ValidationResult.Error($"--http-address must be an http:// or https:// URL, not '{HttpAddress}'")
            : string.IsNullOrWhiteSpace(Subject) ? Spectre.Console.ValidationResult.Error("<subject> must not be empty")
            : Spectre.Console.ValidationResult.Success();
}

internal sealed class SetTokenSettings : CommandSettings
{
    [CommandArgument(0, "<token>")]
    [Description("A bearer token (JWT) from your identity provider")]
    public string Token { get; init; } = "";
}

/// <summary><c>token dev &lt;subject&gt;</c>: asks the silo's development issuer (loopback only) for a token, stores and prints it.</summary>
internal sealed class DevTokenCommand(TokenStore store, CliOutput output) : AsyncCommand<DevTokenSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, DevTokenSettings settings, CancellationToken cancellationToken)
    {
        var query = $"sub={Uri.EscapeDataString(settings.Subject)}" + (settings.Groups is { Length: > 0 } groups ? $"&groups={Uri.EscapeDataString(groups)}" : "");
        var issuer = new Uri(new Uri(settings.HttpAddress), $"/dev/token?{query}");
        using var http = new HttpClient();
        using var response = await http.PostAsync(issuer, content: null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new CliFailure(ExitCodes.Failed,
                $"no development token issuer at {settings.HttpAddress}: it answers loopback callers of a silo started by deploy/run.sh");
        }
        if (!response.IsSuccessStatusCode)
        {
            throw new CliFailure(ExitCodes.Failed, $"the development token issuer at {settings.HttpAddress} answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        var token = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
        if (JwtClaims.Read(token) is null)
        {
            throw new CliFailure(ExitCodes.Failed, $"{settings.HttpAddress} answered something that is not a token");
        }
        store.Save(token);
        output.Line(token);
        output.Note($"stored the token for {settings.Subject} in {store.Path}");
        return ExitCodes.Ok;
    }
}

/// <summary><c>token set &lt;token&gt;</c>: stores a token from the identity provider for later commands.</summary>
internal sealed class SetTokenCommand(TokenStore store, CliOutput output) : Command<SetTokenSettings>
{
    public override int Execute(CommandContext context, SetTokenSettings settings, CancellationToken cancellationToken)
    {
        var token = settings.Token.Trim();
        var claims = JwtClaims.Read(token) ?? throw new CliFailure(ExitCodes.Usage, "<token> is not a JWT with a subject (sub) claim");
        store.Save(token);
        output.Line($"stored the token for {claims.Subject} in {store.Path}");
        return ExitCodes.Ok;
    }
}

/// <summary><c>token show</c>: who the API commands call as: the token in $INCIDENTACTORS_TOKEN, else the stored one.</summary>
internal sealed class ShowTokenCommand(TokenStore store, CliEnvironment environment, CliOutput output) : Command
{
    public override int Execute(CommandContext context, CancellationToken cancellationToken)
    {
        var (token, source) = environment.Setting(ApiConnection.TokenVariable) is { } variable
            ? (variable, "$" + ApiConnection.TokenVariable)
            : (store.Load() ?? throw new CliFailure(ExitCodes.Auth, "no token: store one with `incidentactors token dev <you>` or `token set <token>`"), store.Path);
        var claims = JwtClaims.Read(token) ?? throw new CliFailure(ExitCodes.Usage, $"the token in {source} is not a JWT with a subject (sub) claim");
        var now = environment.Clock.GetUtcNow();
        output.Details(
            ("subject", claims.Subject),
            ("issuer", claims.Issuer),
            ("groups", string.Join(", ", claims.Groups)),
            ("expires", claims.Expires is { } expires
                ? expires.ToString("yyyy-MM-dd HH:mm:ss'Z'") + (expires <= now ? " (expired)" : $" (in {Remaining(expires - now)})") : "never"),
            ("from", source));
        return ExitCodes.Ok;
    }

    private static string Remaining(TimeSpan left) => left.TotalHours >= 1 ? $"{(int)left.TotalHours}h {left.Minutes}m" : $"{Math.Max(1, left.Minutes)}m";
}
