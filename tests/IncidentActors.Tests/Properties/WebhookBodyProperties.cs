using System.Text;
using System.Text.Json;
using CsCheck;
using IncidentActors.Errors;
using IncidentActors.GrpcFrontend.Webhooks;
using IncidentActors.Intake;
using IncidentActors.Services;
using IncidentActors.Tests.Webhooks;
using Xunit;

namespace IncidentActors.Tests.Properties;

/// <summary>
/// Whatever a webhook body holds, it is parsed into alerts or refused with the fields at fault: never an exception,
/// which the endpoint would answer with a server error. Parsed alerts are checked as the service checks them, where
/// again the only failure is a validation error.
/// </summary>
public sealed class WebhookBodyProperties
{
    public const int Cases = 4000;

    private static readonly Func<JsonElement, WebhookParse>[] Parsers = [root => AlertmanagerPayload.Parse(root, "checkout"), EventsV2Payload.Parse];

    private static readonly byte[][] RealBodies =
    [
        Encoding.UTF8.GetBytes(AlertmanagerPayloads.FiringAndResolved),
        Encoding.UTF8.GetBytes(AlertmanagerPayloads.Group("HighErrorRate", "checkout-1", ("e1a", "firing"), ("e1b", "resolved"))),
        Encoding.UTF8.GetBytes("""
            {"routing_key":"checkout","event_action":"trigger","dedup_key":"k1","payload":{"summary":"Replica lag above 30s\non db-2",
             "source":"db-2","severity":"critical","component":"postgres","group":"db","class":"lag","timestamp":"2026-11-25T03:00:00Z",
             "custom_details":{"replicas":0,"lag_seconds":31.5,"hosts":["db-1","db-2"],"note":"see runbook"}}}
            """),
        Encoding.UTF8.GetBytes("""{"routing_key":"checkout","event_action":"resolve","dedup_key":"k1"}"""),
    ];

    /// <summary>Pieces that change what a body means: structure, escapes, types, duplicates, depth.</summary>
    private static readonly byte[][] Splices =
    [
        .. new[]
        {
            "\"", "{", "}", "[", "]", ",", ":", "null", "true", "7", "-1e999", "\"\"", "\\u0000", "\\ud800", "\\udc00\\ud800", "\\n", "\u0001",
            "\"status\":\"firing\",\"status\":\"pending\",", "\"labels\":{\"a\":\"1\",\"a\":\"2\"},", "\"custom_details\":{\"k\":1,\"k\":2},",
            "\"severity\":\"catastrophic\"", "\"event_action\":\"explode\"", "\"alerts\":{},", "\"payload\":[],", new string('[', 70),
            "\"routing_key\":\"" + new string('r', 300) + "\",", "\"version\":4,", "\u00e9", "\uFEFF",
        }.Select(Encoding.UTF8.GetBytes),
        [0xff], [0xc3], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80],
    ];

    [Fact]
    public void RandomBytesAreParsedOrRefusedNeverThrown() =>
        Gen.Byte.Array[0, 400].Sample(AssertAnswered, iter: Cases, threads: 1);

    [Fact]
    public void MutatedRealBodiesAreParsedOrRefusedNeverThrown() =>
        Gen.Select(Gen.Int[0, RealBodies.Length - 1], Mutation.Array[1, 4], (body, mutations) => mutations.Aggregate(RealBodies[body], Apply))
            .Sample(AssertAnswered, iter: Cases, threads: 1, print: body => Encoding.UTF8.GetString(body));

    /// <summary>What a mutation does, where, and with which piece or byte.</summary>
    private static readonly Gen<(int Kind, int Position, int Length, int Splice, byte Byte)> Mutation =
        Gen.Select(Gen.Int[0, 4], Gen.Int[0, int.MaxValue], Gen.Int[1, 40], Gen.Int[0, Splices.Length - 1], Gen.Byte);

    private static byte[] Apply(byte[] body, (int Kind, int Position, int Length, int Splice, byte Byte) mutation)
    {
        var at = mutation.Position % (body.Length + 1);
        var end = Math.Min(body.Length, at + mutation.Length);
        return mutation.Kind switch
        {
            0 => [.. body[..at], .. Splices[mutation.Splice], .. body[at..]],
            1 => [.. body[..at], .. body[end..]],
            2 => [.. body[..end], .. body[at..end], .. body[end..]],
            3 when at < body.Length => [.. body[..at], mutation.Byte, .. body[(at + 1)..]],
            _ => [.. body[..at], mutation.Byte, .. body[at..]],
        };
    }

    private static void AssertAnswered(byte[] body)
    {
        foreach (var parser in Parsers)
        {
            var parsed = AlertWebhookEndpoints.Read(body, parser);
            if (!parsed.IsValid)
            {
                Assert.All(parsed.Violations, v => Assert.False(string.IsNullOrEmpty(v.Description)));
                continue;
            }
            try
            {
                AlertValidator.CompleteBatch(parsed.Events, _ => null);
                if (parsed.Group is { } group && AlertmanagerGroups.AsOneAlert(group, AlertGrouping.None) is { } groupAlert)
                {
                    AlertValidator.Validate(groupAlert);
                }
            }
            catch (InvalidRequestException e)
            {
                Assert.NotEmpty(e.Violations);
            }
        }
    }
}
