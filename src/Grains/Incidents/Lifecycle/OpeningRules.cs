using IncidentActors.Alerts;
using IncidentActors.BusinessUnits;
using IncidentActors.Services;

namespace IncidentActors.Incidents;

/// <summary>What an incident is when its first alert opens it: the alert's facts, the unit's model and limits, and its classification.</summary>
internal static class OpeningRules
{
    public const string UncategorizedCategory = "uncategorized";

    public static void Open(IncidentContext incident, AlertEvent alert, ServiceDefinition service, BusinessUnitDefinition unit, DateTimeOffset now)
    {
        var s = incident.State;
        s.Lifecycle = unit.Lifecycle;
        s.LifecycleState = unit.Lifecycle.Initial.Name;
        s.TimeLimits = unit.TimeLimits.IsDefault ? [] : [.. unit.TimeLimits];
        s.ServiceId = service.Id;
        s.BusinessUnitId = service.BusinessUnitId;
        s.DedupKey = alert.DedupKey ?? "";
        s.Title = alert.Summary;
        s.Source = alert.Source;
        s.Component = alert.Component;
        s.Severity = alert.Severity;
        s.Status = IncidentStatus.Triggered;
        s.CustomDetails = new SortedDictionary<string, string>(alert.CustomDetails, StringComparer.Ordinal);
        s.OpenedAt = now;
        s.AlertCount = alert.GroupAlertsFiring ?? 1;
        s.AlertCountPublished = s.AlertCount;
        s.LastAlertAt = now;
        s.Environment = alert.Environment ?? service.Environment ?? ServiceDefinition.DefaultEnvironment;
        s.Owner = alert.Owner ?? service.OwnerTeam;
        s.Drill = alert.Drill;
        MilestoneRules.Open(s, alert.StartedAt, now);
        incident.Append(now, AlertActor(alert), TimelineEntryKind.Opened, alert.IsPersonReport
            ? $"Reported{(alert.Drill ? " as a drill" : "")} by {alert.Source}: {alert.Summary}"
            : $"Opened by a {alert.Severity} {(alert.Drill ? "drill " : "")}alert from {alert.Source} via {alert.Integration}: {alert.Summary}");
    }

    /// <summary>
    /// The unit's rules in force give category and severity; an alert's own category stands unless a rule gives one. A rule
    /// that could not be evaluated leaves the incident unclassified, and its timeline says so.
    /// </summary>
    public static void Classify(IncidentContext incident, AlertEvent alert, ServiceDefinition service, BusinessUnitDefinition unit, ClassificationRules rules,
        AlertClassification classifier, DateTimeOffset now)
    {
        var s = incident.State;
        var outcome = classifier.Classify(service.BusinessUnitId, rules, alert, service.Impact, unit.Severity);
        s.Classification = outcome.Classification;
        s.Category = s.Classification?.Category ?? alert.Category ?? UncategorizedCategory;
        if (s.Classification is { } c)
        {
            incident.Append(now, "classification", TimelineEntryKind.Classified,
                $"Classified by rule '{c.RuleName}' of version {c.RulesVersion}: {c.Category}, urgency {c.Urgency}, business impact {c.Impact}: {c.Severity}.");
        }
        else if (outcome.Failure is { } failure)
        {
            var why = failure.Reason == RuleFailureReason.Timeout ? "took too long to match" : "has a pattern that cannot be matched in linear time; publish the rules again";
            incident.Append(now, "classification", TimelineEntryKind.Classified,
                $"Not classified: rule '{failure.RuleName}' of version {rules.Version} {why} on {failure.Field}; category {s.Category}.");
        }
    }

    /// <summary>A downstream service's alert counted on this incident; true when the service is new here (a timeline entry then says so).</summary>
    public static (bool First, int Count) AttachSymptom(IncidentContext incident, AlertEvent alert, int count, DateTimeOffset now)
    {
        var symptoms = incident.State.Symptoms;
        var index = symptoms.FindIndex(x => x.ServiceId == alert.ServiceId);
        if (index >= 0)
        {
            var known = symptoms[index];
            symptoms[index] = known with { LastAt = now, AlertCount = known.AlertCount + count, LastSummary = alert.Summary };
            return (false, known.AlertCount + count);
        }
        symptoms.Add(new Symptom(alert.ServiceId, now, now, count, alert.Summary));
        incident.Append(now, AlertActor(alert), TimelineEntryKind.SymptomAttached, $"Alerts on downstream service {alert.ServiceId} are counted here as a symptom: {alert.Summary}");
        return (true, count);
    }

    private static string AlertActor(AlertEvent alert) => alert.IsPersonReport ? alert.Source : $"integration:{alert.Integration}";
}
