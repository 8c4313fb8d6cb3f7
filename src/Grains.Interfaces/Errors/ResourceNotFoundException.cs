namespace IncidentActors.Errors;

[GenerateSerializer, Alias("IncidentActors.Errors.ResourceNotFoundException")]
public sealed class ResourceNotFoundException : Exception
{
    public ResourceNotFoundException(string kind, string id)
        : base($"{kind} '{id}' does not exist.")
    {
        Kind = kind;
        ResourceId = id;
    }

    [Id(0)]
    public string Kind { get; private set; }

    [Id(1)]
    public string ResourceId { get; private set; }
}
