using IncidentActors.Alerts;
using IncidentActors.BusinessUnits;
using IncidentActors.Incidents;
using IncidentActors.Runbooks;
using IncidentActors.Testing;
using IncidentActors.Tests.Cluster;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace IncidentActors.Tests.Runbooks;

/// <summary>A runbook run whose silo dies while a step's call is in flight: a survivor drives the step again under the same key.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RunbookFailoverTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task StepInFlightWhenItsSiloDiesIsDrivenAgainByASurvivorUnderTheSameKeyAndRecordedOnce()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cluster = await TestClusters.StartAsync(azurite, TestClusters.NewServiceId(), silos: 2, clock);
        await using var endpoint = await AutomationEndpoint.StartAsync();
        var grains = cluster.Client;
        var unit = AzuriteFixture.UniqueName("unit");
        await grains.GetGrain<IBusinessUnitGrain>(unit).Define(BusinessUnitDefaults.For(unit) with { HomeRegion = TestClusters.Region });
        await grains.GetGrain<IUnitRunbooksGrain>(unit).Define(new RunbookDefinition("restart-api", unit, "Restart the API", [], [],
            [
                new RunbookStep("restart", RunbookStepKind.Automated, "", [], new RunbookAction(endpoint.Job("restart"), []), null, false),
                new RunbookStep("verify", RunbookStepKind.Automated, "", [], new RunbookAction(endpoint.Job("verify"), []), null, false),
            ],
            RunbookPreconditions.None, [], "runbook-secret-0123456789", BreakerThreshold: 3, AutomateDrills: false), "ada");
        var incident = await Cluster.Alerts.OpenIncidentAsync(grains, unit, severity: AlertSeverity.Error);
        var id = incident.GetPrimaryKeyString();
        var run = grains.GetGrain<IRunbookExecutionGrain>(IRunbookExecutionGrain.Key(id, "restart-api"));
        var inFlight = endpoint.Hold("restart");

        await run.Start(new RunbookStart("restart-api", "rick", "by hand", DryRun: false));
        await Eventually.True(() =>
        {
            clock.Advance(TimeSpan.Zero);
            return Task.FromResult(endpoint.KeysOf("restart").Count == 1);
        }, what: "the first call");
        var victim = cluster.Silos.Single(s => cluster.TryGetGrainContext(run.GetGrainId(), out var c) && s.SiloAddress.Equals(c?.Address.SiloAddress));
        await cluster.KillSiloAsync(victim);
        await Eventually.True(() =>
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            return Task.FromResult(endpoint.KeysOf("restart").Count == 2);
        }, TimeSpan.FromSeconds(60), "the step driven again by a survivor");
        inFlight.SetResult();
        var done = await Eventually.Get(() =>
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            return run.Get();
        }, v => v.Status == RunbookExecutionStatus.Completed, TimeSpan.FromSeconds(60), "the run completed");

        var key = $"{id}/restart-api@v1/1/1";
        // A killed silo's deadline may fire twice on survivors (docs/deadlines.md): every call still carries the one key.
        Assert.All(endpoint.KeysOf("restart"), k => Assert.Equal(key, k));
        Assert.Equal([$"{id}/restart-api@v1/2/1"], endpoint.KeysOf("verify"));
        Assert.Single(done.Results, r => r.Step == 1 && r.Outcome == RunbookStepOutcome.Done);
        var timeline = (await incident.Get()).Timeline;
        Assert.Single(timeline, e => e.Kind == TimelineEntryKind.RunbookStepDone && e.Message.Contains("step 1 'restart'", StringComparison.Ordinal));
        Assert.Single(timeline, e => e.Kind == TimelineEntryKind.RunbookFinished);
    }
}
