namespace IncidentActors.Audit;

[GenerateSerializer, Alias("IncidentActors.Audit.AuditLogState")]
public sealed class AuditLogState
{
    /// <summary>Pages begun; appends go to the last.</summary>
    [Id(0)] public int Pages { get; set; }

    /// <summary>Entries in all, as last stored; one short after a crash between a page's write and this one's.</summary>
    [Id(1)] public int Total { get; set; }
}

[GenerateSerializer, Alias("IncidentActors.Audit.AuditPageState")]
public sealed class AuditPageState
{
    [Id(0)] public List<AuditEntry> Entries { get; set; } = [];
}
