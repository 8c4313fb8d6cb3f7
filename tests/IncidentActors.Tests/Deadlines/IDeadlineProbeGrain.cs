using IncidentActors.Deadlines;

namespace IncidentActors.Tests.Deadlines;

/// <summary>A deadline owner that only records what reaches it, where and when.</summary>
[Alias("IncidentActors.Tests.Deadlines.IDeadlineProbeGrain")]
public interface IDeadlineProbeGrain : IDeadlineOwner
{
    [Alias("Arm")]
    Task Arm(string name, DateTimeOffset due);

    [Alias("Disarm")]
    Task Disarm(string name);
}
