using CsCheck;
using IncidentActors.Alerts;
using IncidentActors.BusinessUnits;
using IncidentActors.Errors;
using IncidentActors.Incidents;
using IncidentActors.Tests.Incidents;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static IncidentActors.Tests.Properties.Generators;

namespace IncidentActors.Tests.Properties;

/// <summary>
/// Random sequences of lifecycle commands (acknowledge, resolve, moves by hand to any state or none, and what closing
/// needs) on an incident of a standard model keep its invariants: a refused command changes nothing, a command that
/// changes the incident adds one timeline entry, status agrees with the state's phase, and a closed incident stays closed.
/// </summary>
public sealed class LifecycleSequenceProperties
{
    public const int Sequences = 800;

    private static readonly DateTimeOffset OpenedAt = new(2026, 11, 25, 3, 0, 0, TimeSpan.Zero);

    private static readonly Gen<(LifecycleModel Model, AlertSeverity Severity, (int Kind, int Target, int Actor)[] Steps)> Runs =
        Gen.Select(Pick(BusinessUnitDefaults.Itil, BusinessUnitDefaults.Sre), Pick(Enum.GetValues<AlertSeverity>()),
            Gen.Select(Gen.Int[0, 5], Gen.Int[0, 5], Gen.Int[0, 1]).Array[1, 30]);

    [Fact]
    public void RandomCommandSequencesKeepTheLifecycleInvariants() =>
        Runs.Sample(run => RunAsync(run.Model, run.Severity, run.Steps).GetAwaiter().GetResult(), iter: Sequences, threads: 1,
            print: run => $"{run.Model.Name}, {run.Severity}: {string.Join(" ", run.Steps.Select(s => s.ToString()))}");

    private static async Task RunAsync(LifecycleModel model, AlertSeverity severity, (int Kind, int Target, int Actor)[] steps)
    {
        var clock = new FakeTimeProvider(OpenedAt);
        var state = new IncidentState
        {
            ServiceId = "checkout", BusinessUnitId = "retail", Title = "Checkout down", Severity = severity, OpenedAt = OpenedAt,
            Status = IncidentStatus.Triggered, Lifecycle = model, LifecycleState = model.Initial.Name,
        };
        var incident = new IncidentContext(GrainId.Create("incident", "checkout-1"), new StoredIncident(state), grains: null!, clock, TimelineKeys.Silo);
        await incident.LoadAsync(CancellationToken.None);

        foreach (var step in steps)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            var before = Snapshot(state);
            var wasClosed = model.State(incident.CurrentState)!.Phase == LifecyclePhase.Closed;
            bool changed;
            try
            {
                changed = await ApplyAsync(incident, model, step);
            }
            catch (Exception e) when (e is IllegalTransitionException or InvalidRequestException)
            {
                Assert.Equal(before, Snapshot(state));
                continue;
            }
            var after = Snapshot(state);
            Assert.Equal(before.Entries + (changed ? 1 : 0), after.Entries);
            if (!changed)
            {
                Assert.Equal(before, after);
            }
            if (wasClosed && step.Kind <= 2)
            {
                Assert.False(changed, "a closed incident moved");
            }
            AssertInvariants(incident, model);
        }
    }

    /// <summary>A unit whose criteria ask no review of these incidents: closing waits on its rules alone.</summary>
    private static Task<IncidentActors.Reviews.ReviewGate> NoReviewRequired(CancellationToken _) => Task.FromResult(new IncidentActors.Reviews.ReviewGate(Required: false, Published: false));

    /// <summary>One command; true when it changed the incident.</summary>
    private static Task<bool> ApplyAsync(IncidentContext incident, LifecycleModel model, (int Kind, int Target, int Actor) step)
    {
        var action = new ResponderAction(step.Actor == 0 ? "ana" : "bo", null);
        var target = step.Target < model.States.Length ? model.States[step.Target].Name : "nowhere";
        return step.Kind switch
        {
            0 => LifecycleTransitions.AcknowledgeAsync(incident, action, TimeSpan.Zero, CancellationToken.None),
            1 => LifecycleTransitions.ResolveAsync(incident, action, TimeSpan.Zero, CancellationToken.None),
            2 => LifecycleTransitions.TransitionAsync(incident, target, action, TimeSpan.Zero, NoReviewRequired, CancellationToken.None),
            3 => Task.FromResult(ClosingRules.RecordResolution(incident, "Rolled back", "deploy pipeline", "none", action)),
            4 => Task.FromResult(MajorIncidents.VerifyRestoration(incident, RestorationEvidence.HealthCheck, "probe green", action)),
            _ => Task.FromResult(ClosingRules.ReviewClosure(incident, action)),
        };
    }

    private static void AssertInvariants(IncidentContext incident, LifecycleModel model)
    {
        var s = incident.State;
        var phase = Assert.IsType<LifecycleState>(model.State(incident.CurrentState)).Phase;
        Assert.Equal(phase switch
        {
            LifecyclePhase.Open => IncidentStatus.Triggered,
            LifecyclePhase.Acknowledged or LifecyclePhase.Mitigated => IncidentStatus.Acknowledged,
            _ => IncidentStatus.Resolved,
        }, s.Status);
        Assert.Equal(s.Status == IncidentStatus.Resolved, s.ResolvedAt is not null && s.ResolvedBy is not null);
        if (s.Status == IncidentStatus.Acknowledged)
        {
            Assert.True(s.AcknowledgedAt is not null && s.AcknowledgedBy is not null, "acknowledged without saying when and by whom");
        }
        // Nothing is stored here, so no head is signed: the entries must still link up to the last.
        Assert.Contains(TimelineChain.Verify(TimelineOwner.Incident("checkout-1"), s.Timeline, s.TimelineHead, TimelineKeys.Silo).Fault,
            new[] { TimelineFault.None, TimelineFault.Unsigned });
    }

    private static (IncidentStatus Status, string? State, DateTimeOffset? AcknowledgedAt, DateTimeOffset? ResolvedAt, int Entries, object? Notes, object? Restoration,
        object? Review) Snapshot(IncidentState s) =>
        (s.Status, s.LifecycleState, s.AcknowledgedAt, s.ResolvedAt, s.Timeline.Count, s.ResolutionNotes, s.Restoration, s.ClosureReview);
}
