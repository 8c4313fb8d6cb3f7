namespace IncidentActors.Errors;

/// <summary>The caller may not make this change; nothing was changed.</summary>
[GenerateSerializer, Alias("IncidentActors.Errors.PermissionDeniedException")]
public sealed class PermissionDeniedException(string message) : Exception(message);
