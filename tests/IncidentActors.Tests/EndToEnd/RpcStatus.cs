using Grpc.Core;

namespace IncidentActors.Tests.EndToEnd;

internal static class RpcStatus
{
    /// <summary>How a call ended: OK, or the status it failed with.</summary>
    public static async Task<StatusCode> Of(Func<Task> call)
    {
        try
        {
            await call();
            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }
}
