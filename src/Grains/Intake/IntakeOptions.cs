namespace IncidentActors.Intake;

public sealed class IntakeOptions
{
    public const string Section = "IncidentActors:Intake";

    /// <summary>Sustained alerts per second one integration may send to one service; excess is refused with a retry-after.</summary>
    public double AlertsPerSecond { get; set; } = 1000;

    /// <summary>How many alerts one integration may send to one service at once after a quiet spell.</summary>
    public int Burst { get; set; } = 10_000;

    /// <summary>How many suppressed alerts a service keeps to show; older ones are only counted.</summary>
    public int SuppressedAlertsKept { get; set; } = 100;
}
