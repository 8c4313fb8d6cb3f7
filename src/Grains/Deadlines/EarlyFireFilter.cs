using System.Reflection;
using Microsoft.Extensions.Options;

namespace IncidentActors.Deadlines;

/// <summary>
/// Holds every <see cref="IDeadlineOwner.OnDeadline"/> call until this silo's clock reaches its due time, so that no
/// owner, present or future, can act on a deadline its own clock says is not due yet (see <see cref="EarlyFires"/>).
/// </summary>
internal sealed class EarlyFireFilter(TimeProvider clock, IOptions<DeadlineOptions> options) : IIncomingGrainCallFilter
{
    private static readonly MethodInfo OnDeadline = typeof(IDeadlineOwner).GetMethod(nameof(IDeadlineOwner.OnDeadline))!;

    // Found by name, so that reordering the method's parameters cannot make the filter read another argument.
    private static readonly int DueArgument = Array.FindIndex(OnDeadline.GetParameters(), p => p.Name == "due");

    public async Task Invoke(IIncomingGrainCallContext call)
    {
        if (call.InterfaceMethod == OnDeadline)
        {
            var due = (DateTimeOffset)call.Request.GetArgument(DueArgument)!;
            await EarlyFires.WaitUntilDueAsync(clock, due, options.Value.MaxClockSkew, call.Request.GetCancellationToken());
        }
        await call.Invoke();
    }
}
