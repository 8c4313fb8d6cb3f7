namespace IncidentActors.AzureStorage.Tests;

[Alias("IncidentActors.AzureStorage.Tests.ICounterGrain")]
public interface ICounterGrain : IGrainWithStringKey
{
    [Alias("Add")]
    Task<int> Add(int amount);

    [Alias("Get")]
    Task<int> Get();

    [Alias("GetSilo")]
    Task<SiloAddress> GetSilo();

    [Alias("ArmBackstop")]
    Task ArmBackstop();
}
