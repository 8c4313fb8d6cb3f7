namespace IncidentActors.AzureStorage.Tests;

internal sealed class CounterGrain(
    [PersistentState("counter")] IPersistentState<CounterState> state,
    ILocalSiloDetails silo) : Grain, ICounterGrain, IRemindable
{
    public async Task<int> Add(int amount)
    {
        state.State = state.State with { Value = state.State.Value + amount };
        await state.WriteStateAsync();
        return state.State.Value;
    }

    public Task<int> Get() => Task.FromResult(state.State.Value);

    public Task<SiloAddress> GetSilo() => Task.FromResult(silo.SiloAddress);

    public async Task ArmBackstop() =>
        await this.RegisterOrUpdateReminder("backstop", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
}
