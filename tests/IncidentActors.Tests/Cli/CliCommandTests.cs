extern alias cli;
using System.Text.Json;
using System.Text.RegularExpressions;
using Google.Protobuf.WellKnownTypes;
using IncidentActors.Api.V1;
using IncidentActors.Testing;
using IncidentActors.Tests.EndToEnd;
using Xunit;
using ExitCodes = cli::IncidentActors.Cli.Api.ExitCodes;

namespace IncidentActors.Tests.Cli;

/// <summary>The everyday CLI run in-process against a running silo over real gRPC, as a person at a terminal would use it.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CliCommandTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly string _configFolder = Directory.CreateTempSubdirectory("incidentactors-cli-").FullName;
    private RunningSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await RunningSilo.StartAsync(azurite, settings: new Dictionary<string, string?>
    {
        ["IncidentActors:Auth:Development:Enabled"] = "true",
    });

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        Directory.Delete(_configFolder, recursive: true);
    }

    /// <summary>The tool with the address in its environment, calling as <paramref name="subject"/> when given, and its own config folder.</summary>
    private CliRunner Cli(string? subject = TestTokens.Admin) => new(new Dictionary<string, string?>
    {
        ["INCIDENTACTORS_ADDRESS"] = _silo.GrpcAddress,
        ["INCIDENTACTORS_TOKEN"] = subject is null ? null : TestTokens.For(subject),
        ["XDG_CONFIG_HOME"] = _configFolder,
    });

    [Fact]
    public async Task AServiceItsAlertAndTheIncidentAreRegisteredSentListedShownAcknowledgedResolvedAndWatched()
    {
        var cli = Cli();
        var registered = await cli.RunAsync("services", "register", "web", "--name", "Web shop", "--owner-team", "storefront", "--unit", "retail");
        Assert.Equal((ExitCodes.Ok, ""), (registered.ExitCode, registered.Error));
        Assert.Matches(@"owner team:\s+storefront", registered.Out);
        var shown = await cli.RunAsync("services", "show", "web", "--json");
        Assert.Equal("storefront", JsonDocument.Parse(shown.Out).RootElement.GetProperty("ownerTeam").GetString());

        using var ctrlC = new CancellationTokenSource();
        var watch = cli.Start(["incidents", "watch", "--service", "web"], ctrlC.Token);
        await watch.Error.LineAsync(l => l.Contains("watching incidents"));

        var sent = await cli.RunAsync("alerts", "send", "web", "--summary", "Checkout returns 502", "--severity", "critical", "--dedup-key", "502s");
        Assert.Equal(ExitCodes.Ok, sent.ExitCode);
        Assert.Matches(@"alert:\s+opened", sent.Out);
        var incident = Regex.Match(sent.Out, @"incident:\s+(\S+)").Groups[1].Value;
        await watch.Out.LineAsync(l => l.Contains(incident) && l.Contains("triggered"));

        var listed = await cli.RunAsync("incidents", "list", "--service", "web");
        var row = Assert.Single(listed.Out.Split('\n'), l => l.Contains(incident));
        Assert.Contains("Checkout returns 502", row);
        Assert.Contains("critical", row);
        Assert.DoesNotContain(incident, (await cli.RunAsync("incidents", "list", "--service", "web", "--state", "resolved")).Out);

        var details = await cli.RunAsync("incidents", "show", incident);
        Assert.Matches(@"title:\s+Checkout returns 502", details.Out);
        Assert.Contains("timeline:", details.Out);

        var acknowledged = await cli.RunAsync("incidents", "ack", incident, "--note", "looking at the load balancer");
        Assert.StartsWith($"{incident}: acknowledged", acknowledged.Out);
        await watch.Out.LineAsync(l => l.Contains(incident) && l.Contains("acknowledged") && l.Contains(TestTokens.Admin));

        var resolved = await cli.RunAsync("incidents", "resolve", incident, "--note", "rolled back");
        Assert.StartsWith($"{incident}: resolved", resolved.Out);
        var resolvedList = JsonDocument.Parse((await cli.RunAsync("incidents", "list", "--service", "web", "--state", "resolved", "--json")).Out);
        var only = Assert.Single(resolvedList.RootElement.GetProperty("incidents").EnumerateArray());
        Assert.Equal((incident, "INCIDENT_STATUS_RESOLVED"), (only.GetProperty("id").GetString(), only.GetProperty("status").GetString()));
        await watch.Out.LineAsync(l => l.Contains(incident) && l.Contains("resolved"));

        await ctrlC.CancelAsync();
        var ended = await watch.Completion;
        Assert.Equal(ExitCodes.Ok, ended.ExitCode);
        Assert.Equal(["incidentactors: watching incidents; Ctrl-C stops"], ended.ErrorLines);
    }

    [Fact]
    public async Task TheCatalogIsListedAsATableOrJsonByUnitUpToTheLimit()
    {
        var cli = Cli();
        foreach (var (id, unit) in new[] { ("web", "retail"), ("ledger", "bank"), ("api", "retail") })
        {
            Assert.Equal(ExitCodes.Ok, (await cli.RunAsync("services", "register", id, "--name", $"{id} service", "--owner-team", "storefront", "--unit", unit)).ExitCode);
        }

        var table = await cli.RunAsync("services", "list", "--unit", "retail");
        Assert.Equal((ExitCodes.Ok, ""), (table.ExitCode, table.Error));
        var rows = table.Out.Split('\n').Where(l => l.Contains("storefront")).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("api service", rows[0]);
        Assert.Contains("web service", rows[1]);
        Assert.DoesNotContain("ledger", table.Out);

        var json = JsonDocument.Parse((await cli.RunAsync("services", "list", "--limit", "2", "--json")).Out);
        Assert.Equal(["api", "ledger"], json.RootElement.GetProperty("services").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        Assert.Equal(ExitCodes.Usage, (await cli.RunAsync("services", "list", "--limit", "0")).ExitCode);
    }

    [Fact]
    public async Task OnCallShowsWhoIsOnCallNowAndTheShiftsToCome()
    {
        var today = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero);
        await new Api.V1.OnCall.OnCallClient(_silo.Channel).DefineRotationAsync(new Rotation
        {
            Id = "storefront-primary", Name = "Storefront primary",
            Layers =
            {
                new RotationLayer
                {
                    Name = "daily", Participants = { "alice", "bob" }, ShiftLength = Duration.FromTimeSpan(TimeSpan.FromDays(1)),
                    RotationStart = Timestamp.FromDateTimeOffset(today), TimeZone = "UTC",
                },
            },
        });

        var onCall = await Cli().RunAsync("oncall", "storefront-primary", "--shifts", "3");

        Assert.Equal((ExitCodes.Ok, ""), (onCall.ExitCode, onCall.Error));
        Assert.Contains($"on call now: alice until {today.AddDays(1):yyyy-MM-dd} 00:00:00Z", onCall.Out);
        Assert.Contains(onCall.Out.Split('\n'), l => l.Contains("bob") && l.Contains($"{today.AddDays(1):yyyy-MM-dd} 00:00:00Z")
            && l.Contains($"{today.AddDays(2):yyyy-MM-dd} 00:00:00Z"));
    }

    [Fact]
    public async Task PagesAreWatchedAndTheirDeliveryAcknowledged()
    {
        await new Api.V1.Responders.RespondersClient(_silo.Channel).DefineResponderAsync(new Responder { Id = "alice", Name = "Alice", TimeZone = "UTC" });
        await new EscalationPolicies.EscalationPoliciesClient(_silo.Channel).DefinePolicyAsync(new EscalationPolicy
        {
            Id = "alice-first", Name = "Alice first",
            Levels = { new EscalationLevel { Targets = { new EscalationTarget { ResponderId = "alice" } }, AcknowledgeWithin = Duration.FromTimeSpan(TimeSpan.FromMinutes(30)) } },
        });
        await new ServiceCatalog.ServiceCatalogClient(_silo.Channel).RegisterServiceAsync(new RegisterServiceRequest
        {
            Id = "ledger", Name = "Ledger", OwnerTeam = "payments", BusinessUnitId = "fintech", EscalationPolicyId = "alice-first",
        });
        using var ctrlC = new CancellationTokenSource();
        var watch = Cli("alice").Start(["pages", "watch", "alice"], ctrlC.Token);
        await watch.Error.LineAsync(l => l.Contains("watching pages of alice"));

        var incident = (await new AlertIntake.AlertIntakeClient(_silo.Channel).SendAlertAsync(new AlertEvent
        {
            ServiceId = "ledger", Action = AlertAction.Trigger, DedupKey = "ledger-down", Summary = "Ledger down", Source = "prometheus", Severity = AlertSeverity.Critical,
        })).IncidentId;

        var page = await watch.Out.LineAsync(l => l.Contains(incident));
        Assert.Contains("Ledger down", page);
        var notifications = new Api.V1.Responders.RespondersClient(_silo.Channel);
        await Eventually.Get(() => notifications.ListNotificationsAsync(new ListNotificationsRequest { ResponderId = "alice" }).ResponseAsync,
            n => n.Notifications.Single(p => p.Page.IncidentId == incident).Deliveries.Single(d => d.Channel == "stream").Status == DeliveryStatus.Delivered,
            what: "the page's stream delivery acknowledged by the tool");
        await ctrlC.CancelAsync();
        Assert.Equal(ExitCodes.Ok, (await watch.Completion).ExitCode);
    }

    [Fact]
    public async Task RefusalsAreOneLineOnStandardErrorWithAnExitCodePerKind()
    {
        var cli = Cli();
        Assert.Equal(ExitCodes.Ok, (await cli.RunAsync("services", "register", "web", "--name", "Web shop", "--owner-team", "storefront", "--unit", "retail")).ExitCode);

        await Refused(ExitCodes.Usage, "--severity must be one of critical, error, warning, info, not 'loud'",
            cli.RunAsync("alerts", "send", "web", "--summary", "Slow", "--severity", "loud"));
        await Refused(ExitCodes.Usage, "colour", cli.RunAsync("incidents", "list", "--colour", "red"));
        await Refused(ExitCodes.Usage, "INVALID_ARGUMENT", cli.RunAsync("alerts", "send", "web", "--severity", "critical"), "summary");
        await Refused(ExitCodes.NotFound, "NOT_FOUND", cli.RunAsync("incidents", "show", "no-such-incident"));
        await Refused(ExitCodes.Usage, "--address must be an http:// or https:// URL", cli.RunAsync("incidents", "list", "--address", "127.0.0.1:5080"));
        var nobody = $"127.0.0.1:{AzuriteFixture.FreeLoopbackPort()}";
        await Refused(ExitCodes.Failed, "UNAVAILABLE", cli.RunAsync("incidents", "list", "--address", $"http://{nobody}"), nobody);
        await Refused(ExitCodes.Auth, "no token", Cli(subject: null).RunAsync("incidents", "list"));
        await Refused(ExitCodes.Auth, "UNAUTHENTICATED",
            cli.RunAsync("incidents", "list", "--token", TestTokens.For(TestTokens.Admin, key: new byte[32])));
        await Refused(ExitCodes.Auth, "PERMISSION_DENIED", Cli("mallory").RunAsync("services", "register", "web", "--name", "Mine"));
        Assert.Matches(@"owner team:\s+storefront", (await cli.RunAsync("services", "show", "web")).Out);
    }

    [Fact]
    public async Task ATokenIsStoredForLaterCommandsReadableByItsOwnerOnly()
    {
        var cli = Cli(subject: null);
        await Refused(ExitCodes.Auth, "no token", cli.RunAsync("token", "show"));

        var issued = await cli.RunAsync("token", "dev", TestTokens.Admin, "--http-address", _silo.Http.BaseAddress!.ToString());
        Assert.Equal(ExitCodes.Ok, issued.ExitCode);
        var stored = Path.Combine(_configFolder, "incidentactors", "token");
        Assert.Equal(issued.Out.Trim(), File.ReadAllText(stored));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(stored));
        }
        var shown = await cli.RunAsync("token", "show");
        Assert.Matches($@"subject:\s+{TestTokens.Admin}\n", shown.Out);
        Assert.Matches(@"issuer:\s+incidentactors-dev\n", shown.Out);
        Assert.Matches(@"expires:\s+\S+ \S+ \(in \d+h", shown.Out);
        Assert.Equal(ExitCodes.Ok, (await cli.RunAsync("incidents", "list")).ExitCode);

        Assert.Equal(ExitCodes.Ok, (await cli.RunAsync("token", "set", TestTokens.For("alice", groups: ["sre", "security"]))).ExitCode);
        await Refused(ExitCodes.Usage, "not a JWT", cli.RunAsync("token", "set", "not-a-token"));
        var alice = await cli.RunAsync("token", "show");
        Assert.Matches(@"subject:\s+alice\n", alice.Out);
        Assert.Matches(@"groups:\s+sre, security\n", alice.Out);
        await Refused(ExitCodes.Auth, "PERMISSION_DENIED", cli.RunAsync("services", "register", "web", "--name", "Web"));
    }

    private static async Task Refused(int exitCode, string message, Task<CliRun> running, string? alsoNamed = null)
    {
        var run = await running;
        Assert.Equal(exitCode, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("incidentactors: ", line);
        Assert.Contains(message, line);
        Assert.Contains(alsoNamed ?? message, line);
        Assert.Equal("", run.Out);
    }
}
