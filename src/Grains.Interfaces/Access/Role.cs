namespace IncidentActors.Access;

/// <summary>What a principal may do, held per business unit or organisation-wide. Numbers are stored: never renumber.</summary>
public enum Role
{
    OrgAdmin = 1,
    UnitAdmin = 2,
    Commander = 3,
    Responder = 4,
    Observer = 5,
    Auditor = 6,
    Integration = 7,
    Vendor = 8,
}
