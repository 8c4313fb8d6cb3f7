namespace IncidentActors.Incidents;

/// <summary>How incident timelines are anchored outside the incident. Section <c>IncidentActors:Audit</c>.</summary>
public sealed class TimelineSigningOptions
{
    public const string Section = "IncidentActors:Audit";

    public const int MinimumKeyBytes = 32;

    public static readonly string KeyRequirement =
        $"{Section}:{nameof(TimelineKey)} must be the base64 of at least {MinimumKeyBytes} random bytes " +
        $"(e.g. from `openssl rand -base64 {MinimumKeyBytes}`), the same on every silo: it signs the head of each incident's timeline. " +
        "Only the Development environment generates one when it is not set.";

    /// <summary>
    /// The HMAC-SHA256 key that signs each incident's timeline head, base64. Every silo of a cluster needs the same key;
    /// a head signed with another key fails verification. Required outside the Development environment, which generates
    /// one on first start and keeps it for every later run on the machine (see <see cref="DevelopmentTimelineKey"/>).
    /// </summary>
    public string TimelineKey { get; set; } = "";
}
