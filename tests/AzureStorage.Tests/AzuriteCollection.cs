using IncidentActors.Testing;
using Xunit;

namespace IncidentActors.AzureStorage.Tests;

/// <summary>All storage tests share one private Azurite; each test isolates itself with its own table and service id.</summary>
[CollectionDefinition("Azurite")]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>;
