namespace IncidentActors.Command;

[GenerateSerializer, Alias("IncidentActors.Command.EventProposalsState")]
public sealed class EventProposalsState
{
    /// <summary>Major incidents declared within the correlation window, oldest first.</summary>
    [Id(0)] public List<MajorIncidentNotice> Recent { get; set; } = [];
    [Id(1)] public List<EventProposal> Open { get; set; } = [];

    /// <summary>Incidents already part of a proposal, so that each is proposed once.</summary>
    [Id(2)] public HashSet<string> Proposed { get; set; } = new(StringComparer.Ordinal);
    [Id(3)] public int LastProposalNumber { get; set; }
}
