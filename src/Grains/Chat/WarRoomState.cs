namespace IncidentActors.Chat;

/// <summary>One major incident's war-room provisioning; <see cref="BusinessUnitId"/> is null until it started.</summary>
[GenerateSerializer, Alias("IncidentActors.Chat.WarRoomState")]
public sealed class WarRoomState
{
    [Id(0)] public string? BusinessUnitId { get; set; }

    [Id(1)] public DateTimeOffset DeclaredAt { get; set; }

    /// <summary>The unit's target when the incident was declared major.</summary>
    [Id(2)] public TimeSpan Target { get; set; }

    [Id(3)] public int Attempts { get; set; }

    /// <summary>When the webhook is to be called next; null once the room opened or there is nothing more to try.</summary>
    [Id(4)] public DateTimeOffset? NextAttemptAt { get; set; }

    [Id(5)] public string? LastError { get; set; }

    [Id(6)] public bool Opened { get; set; }

    /// <summary>The incident was told the target passed without a room.</summary>
    [Id(7)] public bool OverdueReported { get; set; }
}
