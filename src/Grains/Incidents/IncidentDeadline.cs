using IncidentActors.BusinessUnits;

namespace IncidentActors.Incidents;

/// <summary>
/// The kinds of deadline an incident arms, dispatched by type. <see cref="Name"/> is the name stored in the deadline
/// shards, the same as when the kinds were bare strings, so deadlines armed before still fire.
/// </summary>
public abstract record IncidentDeadline
{
    public abstract string Name { get; }

    /// <summary>The kind a stored name stands for, or null for a name no incident arms (it is then ignored).</summary>
    public static IncidentDeadline? Parse(string name)
    {
        IncidentDeadline? kind = name switch
        {
            EscalationDeadline.StoredName => EscalationDeadline.Instance,
            HandoverDeadline.StoredName => HandoverDeadline.Instance,
            EventsDeadline.StoredName => EventsDeadline.Instance,
            RetentionDeadline.StoredName => RetentionDeadline.Instance,
            UpdateCadenceDeadline.StoredName => UpdateCadenceDeadline.Instance,
            CommandHandoverDeadline.StoredName => CommandHandoverDeadline.Instance,
            ReadConfirmationDeadline.StoredName => ReadConfirmationDeadline.Instance,
            _ when name.StartsWith(DutyDeadline.Prefix, StringComparison.Ordinal)
                && Enum.TryParse<ResponseDuty>(name[DutyDeadline.Prefix.Length..], out var duty) => new DutyDeadline(duty),
            _ when name.StartsWith(TemporaryFixDeadline.Prefix, StringComparison.Ordinal)
                && int.TryParse(name[TemporaryFixDeadline.Prefix.Length..], out var number) => new TemporaryFixDeadline(number),
            _ when name.StartsWith(VendorDeadline.Prefix, StringComparison.Ordinal) => new VendorDeadline(name[VendorDeadline.Prefix.Length..]),
            _ when name.StartsWith(RegulatoryClockDeadline.Prefix, StringComparison.Ordinal)
                && int.TryParse(name[RegulatoryClockDeadline.Prefix.Length..], out var clock) => new RegulatoryClockDeadline(clock),
            _ => null,
        };
        // Only a name spelt exactly as it is formatted ("duty:1" or "temporary-fix:01" is nothing an incident armed).
        return kind?.Name == name ? kind : null;
    }

    public sealed override string ToString() => Name;
}

/// <summary>The current escalation step's acknowledgement time, or a step chosen and waiting to be paged.</summary>
public sealed record EscalationDeadline : IncidentDeadline
{
    public const string StoredName = "escalation";
    public static readonly EscalationDeadline Instance = new();

    public override string Name => StoredName;
}

/// <summary>The time the incoming responder of a shift change has to accept it.</summary>
public sealed record HandoverDeadline : IncidentDeadline
{
    public const string StoredName = "handover";
    public static readonly HandoverDeadline Instance = new();

    public override string Name => StoredName;
}

/// <summary>Delivers the events a silo that died, or a subscriber that failed, left in the outbox.</summary>
public sealed record EventsDeadline : IncidentDeadline
{
    public const string StoredName = "events";
    public static readonly EventsDeadline Instance = new();

    public override string Name => StoredName;
}

/// <summary>A time limit on a response duty (a role filled, the impact assessed).</summary>
public sealed record DutyDeadline(ResponseDuty Duty) : IncidentDeadline
{
    public const string Prefix = "duty:";

    public override string Name => Prefix + Duty;
}

/// <summary>The expiry of a temporary fix, by its number.</summary>
public sealed record TemporaryFixDeadline(int Number) : IncidentDeadline
{
    public const string Prefix = "temporary-fix:";

    public override string Name => Prefix + Number;
}

/// <summary>An invited vendor's contracted response time.</summary>
public sealed record VendorDeadline(string VendorId) : IncidentDeadline
{
    public const string Prefix = "vendor:";

    public override string Name => Prefix + VendorId;
}

/// <summary>The next retention step of a resolved incident: its archiving, then its archive's deletion.</summary>
public sealed record RetentionDeadline : IncidentDeadline
{
    public const string StoredName = "retention";
    public static readonly RetentionDeadline Instance = new();

    public override string Name => StoredName;
}

/// <summary>The time the next communications update is owed (see <see cref="Communications.UpdateCadence"/>).</summary>
public sealed record UpdateCadenceDeadline : IncidentDeadline
{
    public const string StoredName = "update-cadence";
    public static readonly UpdateCadenceDeadline Instance = new();

    public override string Name => StoredName;
}

/// <summary>The time the incoming region's commander has to accept command offered at a follow-the-sun handover.</summary>
public sealed record CommandHandoverDeadline : IncidentDeadline
{
    public const string StoredName = "command-handover";
    public static readonly CommandHandoverDeadline Instance = new();

    public override string Name => StoredName;
}

/// <summary>The next reminder or escalation of an update whose recipients must confirm reading it.</summary>
public sealed record ReadConfirmationDeadline : IncidentDeadline
{
    public const string StoredName = "read-confirmation";
    public static readonly ReadConfirmationDeadline Instance = new();

    public override string Name => StoredName;
}

/// <summary>The next point (a nag, or the deadline) of a regulatory reporting clock, by its number.</summary>
public sealed record RegulatoryClockDeadline(int Number) : IncidentDeadline
{
    public const string Prefix = "regulatory-clock:";

    public override string Name => Prefix + Number;
}
