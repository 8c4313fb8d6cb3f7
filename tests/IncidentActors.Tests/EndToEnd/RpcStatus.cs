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

    /// <summary>The fields an INVALID_ARGUMENT names in its google.rpc.BadRequest details.</summary>
    public static string[] Fields(RpcException e) =>
        [.. Google.Rpc.Status.Parser.ParseFrom(e.Trailers.GetValueBytes("grpc-status-details-bin")).Details.Single()
            .Unpack<Google.Rpc.BadRequest>().FieldViolations.Select(v => v.Field)];
}
