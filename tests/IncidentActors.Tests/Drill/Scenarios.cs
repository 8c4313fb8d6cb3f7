extern alias cli;
using cli::IncidentActors.Cli.Drill;
using IncidentActors.Testing;

namespace IncidentActors.Tests.Drill;

/// <summary>The shipped scenarios and small inline ones the drill tests share.</summary>
internal static class Scenarios
{
    public static string Shipped(string name) => Path.Combine(RepositoryRoot.Find(), "deploy", "drills", name + ".yaml");

    public static Scenario Read(string yaml) => ScenarioReader.Read(yaml, "test.yaml");

    /// <summary>One unit, a responder who never answers at level 1 and one who does at level 2; optional chaos.</summary>
    public static string Escalating(string chaos = "", string duration = "40s") => $"""
        name: escalating
        duration: {duration}
        alert_jitter: 2s
        regions: [emea, amer]
        units:
          - id: payments
            region: emea
            services:
              - id: db
                policy: payments
              - id: api
                policy: payments
                depends_on: [db]
        responders:
          - id: sleepy
            never_answers: true
          - id: backup
            acknowledges_after: 1s..4s
        policies:
          - id: payments
            levels:
              - targets: [sleepy]
                acknowledge_within: 8s
              - targets: [backup]
                acknowledge_within: 20s
        alerts:
          - name: db-down
            at: 1s
            service: db
          - name: api-errors
            at: 5s
            service: api
        {chaos}
        """;
}
