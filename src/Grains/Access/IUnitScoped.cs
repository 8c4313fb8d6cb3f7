namespace IncidentActors.Access;

/// <summary>A grain whose data belongs to one business unit: calls from outside the silo are checked against it.</summary>
internal interface IUnitScoped
{
    /// <summary>The owning unit; null while the grain holds nothing yet (a service being registered, an unknown incident).</summary>
    ValueTask<string?> OwningBusinessUnitAsync();
}
