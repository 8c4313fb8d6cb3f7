namespace IncidentActors.Reviews;

/// <summary>
/// When a review and its action items nag, and whom. A required review reminds its owner <see cref="ReviewLead"/>
/// before it is due and when it falls due; then daily, its owner and the unit's admins and commanders. An open action
/// item reminds its owner when due, then daily with the unit. Both stop after <see cref="MaxNags"/> reminders, overdue still.
/// </summary>
internal static class ReviewReminders
{
    public static readonly TimeSpan ReviewLead = TimeSpan.FromHours(12);
    public static readonly TimeSpan Repeat = TimeSpan.FromDays(1);
    public const int MaxNags = 30;

    /// <summary>The time of review reminder number <paramref name="nag"/> (0: ahead of the due time, 1: at it); null once they are over.</summary>
    public static DateTimeOffset? ReviewNagAt(DateTimeOffset dueAt, int nag) => nag switch
    {
        >= MaxNags => null,
        0 => dueAt - ReviewLead,
        _ => dueAt + Repeat * (nag - 1),
    };

    /// <summary>The reminder from which the review's reminders also go to the unit.</summary>
    public const int ReviewEscalatesAt = 2;

    public static DateTimeOffset? ItemNagAt(DateTimeOffset dueAt, int nag) => nag >= MaxNags ? null : dueAt + Repeat * nag;

    public const int ItemEscalatesAt = 1;

    /// <summary>Keys that make a retried reminder page nobody twice.</summary>
    public static string Key(string incidentId, string what, int nag, string person) => $"review:{incidentId}/{what}/N{nag}/{person}";
}
