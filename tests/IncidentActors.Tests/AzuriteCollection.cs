using IncidentActors.Testing;
using Xunit;

namespace IncidentActors.Tests;

/// <summary>Every test that needs storage shares one private Azurite; each uses its own ServiceId or tables.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
