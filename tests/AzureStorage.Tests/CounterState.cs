namespace IncidentActors.AzureStorage.Tests;

[GenerateSerializer, Alias("IncidentActors.AzureStorage.Tests.CounterState")]
public sealed record CounterState
{
    [Id(0)]
    public int Value { get; init; }
}
