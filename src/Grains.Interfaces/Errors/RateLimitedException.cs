namespace IncidentActors.Errors;

/// <summary>Too many alerts from one integration for one service: nothing of this request was applied.</summary>
[GenerateSerializer, Alias("IncidentActors.Errors.RateLimitedException")]
public sealed class RateLimitedException : Exception
{
    public RateLimitedException(string message, TimeSpan retryAfter)
        : base(message)
    {
        RetryAfter = retryAfter;
    }

    [Id(0)]
    public TimeSpan RetryAfter { get; private set; }
}
