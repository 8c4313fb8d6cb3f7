using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Fluid;
using Fluid.Values;
using IncidentActors.Communications;

namespace IncidentActors.Incidents;

/// <summary>
/// All a template sees of an incident (see README, "Communications", for the names). Built for one audience: where
/// disclosure is not cleared for it, <c>technical</c> is a <see cref="WithheldTechnicalDetails"/> that refuses every member.
/// </summary>
internal sealed record UpdateModel(
    UpdateModel.IncidentFacts Incident,
    ImmutableArray<UpdateModel.ChangeFact> Changes,
    object Technical,
    string Audience,
    DateTimeOffset? NextUpdateAt,
    string EstimatedResolution)
{
    /// <summary>What the incident says of itself, without people, alert details or pages.</summary>
    internal sealed record IncidentFacts(string Id, string Title, string Severity, string Status, string State, string? Impact, string? Urgency,
        ImmutableArray<string> AffectedServices, ImmutableArray<string> AffectedUnits, DateTimeOffset OpenedAt, DateTimeOffset? ResolvedAt, bool Major);

    /// <summary>A change since the last published update, by its kind only: timeline texts name people and systems.</summary>
    internal sealed record ChangeFact(DateTimeOffset At, string What);

    /// <summary>Root cause and technical detail, for responders always and for others once disclosure is cleared.</summary>
    internal sealed record TechnicalFacts(string Category, string Component, string Source, string ActionsTaken, string ConfigurationChanges,
        ImmutableArray<string> Timeline);

    internal sealed record WithheldTechnicalDetails;

    /// <summary>Registers the model's types member by member under the names templates use; nothing else is reachable.</summary>
    public static void Register(MemberAccessStrategy strategy)
    {
        strategy.Register<UpdateModel, IncidentFacts>("incident", m => m.Incident);
        strategy.Register<UpdateModel, ImmutableArray<ChangeFact>>("changes", m => m.Changes);
        strategy.Register<UpdateModel, object>("technical", m => m.Technical);
        strategy.Register<UpdateModel, string>("audience", m => m.Audience);
        strategy.Register<UpdateModel, DateTimeOffset?>("next_update_at", m => m.NextUpdateAt);
        strategy.Register<UpdateModel, string>("estimated_resolution", m => m.EstimatedResolution);

        strategy.Register<IncidentFacts, string>("id", i => i.Id);
        strategy.Register<IncidentFacts, string>("title", i => i.Title);
        strategy.Register<IncidentFacts, string>("severity", i => i.Severity);
        strategy.Register<IncidentFacts, string>("status", i => i.Status);
        strategy.Register<IncidentFacts, string>("state", i => i.State);
        strategy.Register<IncidentFacts, string?>("impact", i => i.Impact);
        strategy.Register<IncidentFacts, string?>("urgency", i => i.Urgency);
        strategy.Register<IncidentFacts, ImmutableArray<string>>("affected_services", i => i.AffectedServices);
        strategy.Register<IncidentFacts, ImmutableArray<string>>("affected_units", i => i.AffectedUnits);
        strategy.Register<IncidentFacts, DateTimeOffset>("opened_at", i => i.OpenedAt);
        strategy.Register<IncidentFacts, DateTimeOffset?>("resolved_at", i => i.ResolvedAt);
        strategy.Register<IncidentFacts, bool>("major", i => i.Major);

        strategy.Register<ChangeFact, DateTimeOffset>("at", c => c.At);
        strategy.Register<ChangeFact, string>("what", c => c.What);

        strategy.Register<TechnicalFacts, string>("category", t => t.Category);
        strategy.Register<TechnicalFacts, string>("component", t => t.Component);
        strategy.Register<TechnicalFacts, string>("source", t => t.Source);
        strategy.Register<TechnicalFacts, string>("actions_taken", t => t.ActionsTaken);
        strategy.Register<TechnicalFacts, string>("configuration_changes", t => t.ConfigurationChanges);
        strategy.Register<TechnicalFacts, ImmutableArray<string>>("timeline", t => t.Timeline);

        strategy.Register<WithheldTechnicalDetails>(new WithheldAccessor());
    }

    /// <summary>The model of <paramref name="state"/> for <paramref name="audience"/>, as of <paramref name="now"/>.</summary>
    public static UpdateModel Of(string incidentId, IncidentState state, UpdateAudience audience, DateTimeOffset? nextUpdateAt, string? estimatedResolution)
    {
        var since = state.Updates.LastOrDefault(u => u.Status == UpdateStatus.Published)?.PublishedAt ?? DateTimeOffset.MinValue;
        var changes = state.Timeline.Where(e => e.At > since).ToList();
        var facts = new IncidentFacts(incidentId, state.Title, ImpactAssessments.SeverityName(IncidentContext.EffectiveSeverityOf(state)),
            state.Status.ToString().ToLowerInvariant(), IncidentContext.CurrentStateOf(state), state.Impact?.Impact.ToString().ToLowerInvariant(),
            state.Impact?.Urgency.ToString().ToLowerInvariant(), [state.ServiceId, .. state.Symptoms.Select(s => s.ServiceId).Distinct()],
            [state.BusinessUnitId], state.OpenedAt, state.ResolvedAt, state.Major is not null);
        object technical = CommunicationRules.SeesTechnicalDetail(audience, state.Disclosure)
            ? new TechnicalFacts(state.Category, state.Component ?? "", state.Source, state.ResolutionNotes?.ActionsTaken ?? "",
                state.ResolutionNotes?.ConfigurationChanges ?? "", [.. changes.Select(e => e.Message)])
            : new WithheldTechnicalDetails();
        return new UpdateModel(facts, [.. changes.Select(e => new ChangeFact(e.At, Describe(e.Kind)))], technical,
            audience.ToString().ToLowerInvariant(), nextUpdateAt, estimatedResolution ?? "");
    }

    /// <summary>"TemporaryFixRecorded" reads "temporary fix recorded".</summary>
    private static string Describe(TimelineEntryKind kind) => Regex.Replace(kind.ToString(), "(?<=[a-z])(?=[A-Z])", " ").ToLowerInvariant();

    private sealed class WithheldAccessor : MemberAccessor
    {
        public override ValueTask<FluidValue> GetAsync(object obj, string name, TemplateContext context) => throw new WithheldDetailException(name);
    }
}

/// <summary>A template asked for technical detail its audience may not see yet.</summary>
internal sealed class WithheldDetailException(string member) : Exception($"technical.{member} is withheld")
{
    public string Member { get; } = member;
}
