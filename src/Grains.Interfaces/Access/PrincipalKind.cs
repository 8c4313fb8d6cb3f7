namespace IncidentActors.Access;

public enum PrincipalKind
{
    Person = 1,
    Integration = 2,
}
