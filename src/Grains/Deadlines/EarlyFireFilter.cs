namespace IncidentActors.Deadlines;

/// <summary>
/// Holds every <see cref="IDeadlineOwner.OnDeadline"/> call until this silo's clock reaches its due time, so that no
/// owner, present or future, can act on a deadline its own clock says is not due yet (see <see cref="EarlyFires"/>).
/// </summary>
internal sealed class EarlyFireFilter(TimeProvider clock) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext call)
    {
        if (call.InterfaceMethod?.DeclaringType == typeof(IDeadlineOwner) && call.InterfaceMethod.Name == nameof(IDeadlineOwner.OnDeadline))
        {
            var due = (DateTimeOffset)call.Request.GetArgument(1)!;
            await EarlyFires.WaitUntilDueAsync(clock, due, call.Request.GetCancellationToken());
        }
        await call.Invoke();
    }
}
