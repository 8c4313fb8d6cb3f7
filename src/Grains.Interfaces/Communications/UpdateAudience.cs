namespace IncidentActors.Communications;

/// <summary>Who an update is written for. Customers, the public and regulators are external: they need approval and a spokesperson.</summary>
[GenerateSerializer, Alias("IncidentActors.Communications.UpdateAudience")]
public enum UpdateAudience
{
    /// <summary>Responders: the technical audience.</summary>
    Responders = 0,
    Executives = 1,

    /// <summary>Internal business units and support.</summary>
    Internal = 2,
    Customers = 3,
    Public = 4,
    Regulators = 5,
}
