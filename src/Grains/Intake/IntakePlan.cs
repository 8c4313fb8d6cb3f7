using IncidentActors.Alerts;
using IncidentActors.Incidents;

namespace IncidentActors.Intake;

/// <summary>
/// What one intake call planned: whether the service's state changed, whether held groups need their deadline,
/// the incidents to create once that state is stored, and the outcomes to complete once they exist.
/// </summary>
internal sealed class IntakePlan(AlertOutcome[]? outcomes)
{
    /// <summary>The index of an alert whose outcome nobody waits for: held groups and heartbeats.</summary>
    public const int NoOutcome = -1;

    private readonly Dictionary<string, Opening> _openings = new(StringComparer.Ordinal);

    public bool IsChanged { get; private set; }
    public bool GroupingToArm { get; private set; }
    public IEnumerable<Opening> Openings => _openings.Values;

    public void Changed() => IsChanged = true;

    public void ArmGrouping() => (IsChanged, GroupingToArm) = (true, true);

    public void Open(string incidentId, IReadOnlyList<AlertEvent> alerts, int repeats, int index)
    {
        var opening = new Opening(incidentId, [.. alerts, .. Enumerable.Repeat(alerts[0], repeats)], []);
        Reports(opening, index);
        _openings[incidentId] = opening;
        IsChanged = true;
    }

    /// <summary>Adds the alert to an incident this call is opening; false when the incident is not one of them.</summary>
    public bool Follow(string incidentId, AlertEvent alert, int index)
    {
        if (!_openings.TryGetValue(incidentId, out var opening))
        {
            return false;
        }
        opening.Alerts.Add(alert);
        Reports(opening, index);
        return true;
    }

    private static void Reports(Opening opening, int index)
    {
        if (index != NoOutcome)
        {
            opening.Outcomes.Add(index);
        }
    }

    /// <summary>Outcomes of alerts that opened or joined a new incident show its status and count once created.</summary>
    public void Report(Opening opening, TriggerResult result)
    {
        foreach (var index in opening.Outcomes)
        {
            outcomes![index] = outcomes[index] with { Status = result.Status, AlertCount = result.AlertCount };
        }
    }

    /// <summary>The planned incidents exist; what the plan changed is still to be stored.</summary>
    public void Created() => _openings.Clear();

    public void Clear()
    {
        _openings.Clear();
        IsChanged = GroupingToArm = false;
    }

    /// <summary>An incident to create with these alerts (the first opens it), and the outcomes that report it.</summary>
    public sealed record Opening(string IncidentId, List<AlertEvent> Alerts, List<int> Outcomes);
}
