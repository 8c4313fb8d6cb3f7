namespace IncidentActors.Errors;

/// <summary>The request is well formed but the resource's state does not allow it; nothing was changed.</summary>
[GenerateSerializer, Alias("IncidentActors.Errors.IllegalTransitionException")]
public sealed class IllegalTransitionException(string message) : Exception(message);
