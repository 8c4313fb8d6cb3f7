using IncidentActors.Deadlines;

namespace IncidentActors.Benchmarks;

[Alias("IncidentActors.Benchmarks.IBenchDeadlineOwner")]
public interface IBenchDeadlineOwner : IDeadlineOwner
{
    [Alias("Arm")]
    Task Arm(DateTimeOffset due);
}
