namespace IncidentActors.Command;

public sealed class CommandOptions
{
    public const string Section = "IncidentActors:Command";

    /// <summary>Major incidents of two or more business units declared within this window are proposed as one enterprise-wide event.</summary>
    public TimeSpan CorrelationWindow { get; set; } = TimeSpan.FromMinutes(30);
}
