using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using IncidentActors.Api.V1;
using IncidentActors.Responders;
using IncidentActors.Testing;
using IncidentActors.Tests.Responders;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace IncidentActors.Tests.EndToEnd;

/// <summary>A regulatory clock over the public gRPC API: tagged, approved, submitted to a real signed-webhook receiver, acknowledged, evidenced.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RegulatoryClockApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Secret = "regulator-shared-secret-0123";
    private const string Report = "Early warning: card payments failing since 09:10 UTC; no data exfiltration observed.";

    private RunningSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await RunningSilo.StartAsync(azurite);

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task ApprovedReportReachesTheRegulatorSignedAndIsAcknowledgedWithItsEvidenceKept()
    {
        var received = new ConcurrentQueue<(IReadOnlyDictionary<string, string> Headers, byte[] Body)>();
        var (regulator, url) = await LoopbackApp.StartAsync("/reports", async (HttpContext context) =>
        {
            received.Enqueue(await LoopbackApp.ReadAsync(context.Request));
            await context.Response.WriteAsJsonAsync(new { reference = "REG-2026-0042" });
        });
        await using var _ = regulator;
        var units = new Api.V1.BusinessUnits.BusinessUnitsClient(_silo.Channel);
        var communications = new Api.V1.Communications.CommunicationsClient(_silo.Channel);
        var incidents = new Api.V1.Incidents.IncidentsClient(_silo.Channel);
        await units.DefineBusinessUnitAsync(new BusinessUnit
        {
            Id = "bank", Name = "Bank", HomeRegion = "local", StandardLifecycle = StandardLifecycle.Sre,
            Communications = new CommunicationsPolicy { ApproverPeople = { "lena" } },
            RegulatoryTags =
            {
                new RegulatoryTag
                {
                    Tag = "dora", Stakeholders = { "dpo" }, TimeZone = "Europe/Berlin",
                    Regulator = new RegulatorEndpoint { Url = url, Secret = Secret },
                    Deadlines =
                    {
                        new ReportingDeadline
                        {
                            Name = "early-warning", Within = Duration.FromTimeSpan(TimeSpan.FromHours(4)), StartsOn = ClockTrigger.TagApplied, Owners = { "carol" },
                        },
                        new ReportingDeadline { Name = "final-report", BusinessDays = 20, StartsOn = ClockTrigger.MajorDeclared, Owners = { "carol" } },
                    },
                },
            },
        });
        Assert.Equal("********", (await units.GetBusinessUnitAsync(new GetBusinessUnitRequest { Id = "bank" })).RegulatoryTags[0].Regulator.Secret);
        var id = await _silo.OpenIncidentAsync("payments", "bank", "cards", "Card payments failing", AlertSeverity.Critical);
        var alice = await _silo.As("alice");
        var carol = await _silo.As("carol");
        var lena = await _silo.As("lena");

        var tagged = await incidents.TagIncidentAsync(new TagIncidentRequest { Id = id, Tags = { "dora" } }, alice);

        var clock = tagged.RegulatoryClocks[0];
        Assert.Equal(("early-warning", TimeSpan.FromHours(4)), (clock.Name, clock.Due.ToDateTimeOffset() - clock.StartedAt.ToDateTimeOffset()));
        Assert.Null(tagged.RegulatoryClocks[1].StartedAt);
        Assert.Contains(tagged.Timeline, e => e.Kind == TimelineEntryKind.RegulatoryClockStarted);

        // Refused, changing nothing: a text nobody approved, a submitter who is not an owner, an approval by a non-approver.
        var before = await communications.GetRegulatoryClocksAsync(new GetRegulatoryClocksRequest { IncidentId = id });
        var unapproved = await Assert.ThrowsAsync<RpcException>(async () =>
            await communications.SubmitRegulatoryReportAsync(new SubmitRegulatoryReportRequest { IncidentId = id, Clock = 1, Text = Report }, carol));
        Assert.Equal(StatusCode.FailedPrecondition, unapproved.StatusCode);
        Assert.Contains("ApproveRegulatoryReport", unapproved.Status.Detail);
        Assert.Equal(StatusCode.PermissionDenied, await RpcStatus.Of(async () =>
            await communications.SubmitRegulatoryReportAsync(new SubmitRegulatoryReportRequest { IncidentId = id, Clock = 1, Text = Report }, alice)));
        Assert.Equal(StatusCode.PermissionDenied, await RpcStatus.Of(async () =>
            await communications.ApproveRegulatoryReportAsync(new ApproveRegulatoryReportRequest { IncidentId = id, Clock = 1, Text = Report }, carol)));
        Assert.Equal(StatusCode.InvalidArgument, await RpcStatus.Of(async () =>
            await communications.SubmitRegulatoryReportAsync(new SubmitRegulatoryReportRequest { IncidentId = id, Clock = 1 }, carol)));
        Assert.Equal(before, await communications.GetRegulatoryClocksAsync(new GetRegulatoryClocksRequest { IncidentId = id }));
        Assert.Empty(received);

        var approved = await communications.ApproveRegulatoryReportAsync(new ApproveRegulatoryReportRequest { IncidentId = id, Clock = 1, Text = Report }, lena);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Report)));
        Assert.Equal(("lena", hash), (approved.Approval.ApprovedBy, approved.Approval.Sha256));
        // Approval is of a text: another text is still refused.
        Assert.Equal(StatusCode.FailedPrecondition, await RpcStatus.Of(async () =>
            await communications.SubmitRegulatoryReportAsync(new SubmitRegulatoryReportRequest { IncidentId = id, Clock = 1, Text = Report + " Edited." }, carol)));

        var submitted = await communications.SubmitRegulatoryReportAsync(new SubmitRegulatoryReportRequest { IncidentId = id, Clock = 1, Text = Report }, carol);

        Assert.True(submitted.Reported);
        Assert.Equal((true, 200, "REG-2026-0042"), (submitted.Submission.Delivery.Delivered, submitted.Submission.Delivery.HttpStatus, submitted.Submission.Delivery.Reference));
        var (headers, body) = Assert.Single(received);
        Assert.True(WebhookSignature.Verify(Secret, headers[WebhookSignature.TimestampHeader], headers[WebhookSignature.SignatureHeader], body,
            DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
        Assert.StartsWith($"{id}/regulatory/1/", headers["Idempotency-Key"]);
        using (var payload = JsonDocument.Parse(body))
        {
            Assert.Equal((Report, hash, "carol", "lena", "early-warning"), (payload.RootElement.GetProperty("text").GetString(), payload.RootElement.GetProperty("sha256").GetString(),
                payload.RootElement.GetProperty("submitted_by").GetString(), payload.RootElement.GetProperty("approved_by").GetString(),
                payload.RootElement.GetProperty("report").GetString()));
        }
        // Submitted again, as a retry would: nothing is sent twice.
        await communications.SubmitRegulatoryReportAsync(new SubmitRegulatoryReportRequest { IncidentId = id, Clock = 1, Text = Report }, carol);
        Assert.Single(received);

        var acknowledged = await communications.AcknowledgeRegulatoryReportAsync(new AcknowledgeRegulatoryReportRequest
        {
            IncidentId = id, Clock = 1, Reference = "ACK-REG-2026-0042",
        }, carol);
        Assert.Equal(("ACK-REG-2026-0042", "carol"), (acknowledged.Submission.Acknowledgement.Reference, acknowledged.Submission.Acknowledgement.RecordedBy));

        var evidence = (await communications.GetRegulatoryClocksAsync(new GetRegulatoryClocksRequest { IncidentId = id })).Clocks[0].Submission;
        Assert.Equal((Report, hash, "carol", "lena"), (evidence.Text, evidence.Sha256, evidence.SubmittedBy, evidence.ApprovedBy));
        var timeline = (await incidents.GetIncidentAsync(new GetIncidentRequest { Id = id })).Timeline.Select(e => e.Kind).ToList();
        Assert.Contains(TimelineEntryKind.RegulatoryReportApproved, timeline);
        Assert.Contains(TimelineEntryKind.RegulatoryReportSubmitted, timeline);
        Assert.Contains(TimelineEntryKind.RegulatoryReportAcknowledged, timeline);

        // Exported for auditors whole, and redacted with people replaced as in the timeline; the hash stays that of the text sent.
        var audit = new Api.V1.Audit.AuditClient(_silo.Channel);
        var whole = await audit.ExportIncidentAsync(new ExportIncidentRequest { IncidentId = id });
        Assert.Equal((hash, "REG-2026-0042"), (whole.RegulatoryClocks[0].Submission.Sha256, whole.RegulatoryClocks[0].Submission.Delivery.Reference));
        var redacted = await audit.ExportIncidentAsync(new ExportIncidentRequest { IncidentId = id, Redacted = true });
        var redactedEvidence = redacted.RegulatoryClocks[0].Submission;
        Assert.Equal(hash, redactedEvidence.Sha256);
        Assert.StartsWith("person ", redactedEvidence.SubmittedBy);
        Assert.Equal(redactedEvidence.SubmittedBy, redacted.Timeline.Single(e => e.Kind == TimelineEntryKind.RegulatoryReportSubmitted).Actor);
        Assert.DoesNotContain("carol", redacted.ToString());
        Assert.DoesNotContain("lena", redacted.ToString());
    }
}
