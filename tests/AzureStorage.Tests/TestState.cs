namespace IncidentActors.AzureStorage.Tests;

[GenerateSerializer, Alias("IncidentActors.AzureStorage.Tests.TestState")]
public sealed record TestState(
    [property: Id(0)] string Name,
    [property: Id(1)] byte[] Payload)
{
    public static TestState Sized(string name, int payloadBytes)
    {
        // Random bytes do not compress, so the serialized size is the payload size.
        var payload = new byte[payloadBytes];
        Random.Shared.NextBytes(payload);
        return new TestState(name, payload);
    }
}
