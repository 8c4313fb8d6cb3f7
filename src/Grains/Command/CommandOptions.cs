namespace IncidentActors.Command;

public sealed class CommandOptions
{
    public const string Section = "IncidentActors:Command";

    /// <summary>Major incidents of two or more business units declared within this window are proposed as one enterprise-wide event.</summary>
    public TimeSpan CorrelationWindow { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>People who approve enterprise-wide events' updates, each once for every incident it reaches.</summary>
    public List<string> Approvers { get; set; } = [];

    /// <summary>How long an update that could not reach an incident waits before it is sent again.</summary>
    public TimeSpan FanOutRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the person coming on call in the event's follow-the-sun rotation has to accept central command.</summary>
    public TimeSpan CentralHandoverAcceptWithin { get; set; } = TimeSpan.FromMinutes(15);
}
