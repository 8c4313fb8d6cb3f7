using Azure;

namespace IncidentActors.AzureStorage;

/// <summary>HTTP statuses by which Azure Storage reports a lost optimistic-concurrency race.</summary>
internal static class AzureStatus
{
    public const int NotFound = 404;
    public const int Conflict = 409;
    public const int PreconditionFailed = 412;

    public static bool IsLostRace(RequestFailedException e) => e.Status is NotFound or Conflict or PreconditionFailed;
}
