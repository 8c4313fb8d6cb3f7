namespace IncidentActors.Cli.Drill;

// The YAML's shape, as written: ScenarioReader checks it into a Scenario. Unknown keys are refused by the deserializer.
internal sealed class ScenarioFile
{
    public string? Name { get; set; }
    public string? Duration { get; set; }
    public string? AlertJitter { get; set; }
    public List<string> Regions { get; set; } = [];
    public List<UnitFile> Units { get; set; } = [];
    public List<ResponderFile> Responders { get; set; } = [];
    public List<RotationFile> Rotations { get; set; } = [];
    public List<PolicyFile> Policies { get; set; } = [];
    public List<AlertFile> Alerts { get; set; } = [];
    public EventFile? Event { get; set; }
    public List<ChaosFile> Chaos { get; set; } = [];
    public StopFile? StopWhen { get; set; }
    public ExpectFile? Expect { get; set; }
}

internal sealed class UnitFile
{
    public string? Id { get; set; }
    public string? Region { get; set; }
    public List<ServiceFile> Services { get; set; } = [];
}

internal sealed class ServiceFile
{
    public string? Id { get; set; }
    public string? Policy { get; set; }
    public List<string> DependsOn { get; set; } = [];
}

internal sealed class ResponderFile
{
    public string? Id { get; set; }
    public string? AcknowledgesAfter { get; set; }
    public bool NeverAnswers { get; set; }
}

internal sealed class RotationFile
{
    public string? Id { get; set; }
    public List<SunShiftFile> FollowTheSun { get; set; } = [];
}

internal sealed class SunShiftFile
{
    public string? Region { get; set; }
    public string? Responder { get; set; }
    public string? From { get; set; }
}

internal sealed class PolicyFile
{
    public string? Id { get; set; }
    public int Repeats { get; set; }
    public string? HandoverAcknowledgeWithin { get; set; }
    public List<LevelFile> Levels { get; set; } = [];
}

internal sealed class LevelFile
{
    public List<string> Targets { get; set; } = [];
    public string? AcknowledgeWithin { get; set; }
}

internal sealed class AlertFile
{
    public string? Name { get; set; }
    public string? At { get; set; }
    public string? Service { get; set; }
    public string? Severity { get; set; }
    public string? Summary { get; set; }
}

internal sealed class EventFile
{
    public string? At { get; set; }
    public string? Title { get; set; }
    public List<string> Alerts { get; set; } = [];
}

internal sealed class ChaosFile
{
    public string? KillSilo { get; set; }
    public string? LoseRegion { get; set; }
    public bool StopStorage { get; set; }
    public string? At { get; set; }
    public string? For { get; set; }
}

internal sealed class StopFile
{
    public string? PagesMissingAfter { get; set; }
    public bool? RealIncident { get; set; }
}

internal sealed class ExpectFile
{
    public bool? NothingLost { get; set; }
    public bool? NobodyPagedTwice { get; set; }
    public string? MttaUnder { get; set; }
}
