using System.Collections.Immutable;
using IncidentActors.Errors;
using IncidentActors.Incidents;
using IncidentActors.Responders;
using IncidentActors.Services;

namespace IncidentActors.Reviews;

/// <summary>Checks what callers send a review, naming every field at fault at once; nothing is changed when any is.</summary>
internal static class ReviewValidator
{
    public const int MaxEntries = 50;
    public const int MaxCategories = 50;
    public const int MaxRecurrenceWindowDays = 365;
    public static readonly ImmutableArray<int> DueHoursAllowed = [48, 72];

    public static void Content(ReviewContent content, IReadOnlyCollection<string> categories, IEnumerable<string> people) => IncidentInput.Check(v =>
    {
        AlertValidator.Text(v, "content.summary", content.Summary, IncidentInput.MaxDetailLength, required: false);
        AlertValidator.Text(v, "content.customer_impact", content.CustomerImpact, IncidentInput.MaxDetailLength, required: false);
        if (content.CustomersAffected < 0)
        {
            v.Add(new("content.customers_affected", "must not be negative."));
        }
        Texts(v, "content.detection_gaps", content.DetectionGaps);
        Texts(v, "content.communication_breakdowns", content.CommunicationBreakdowns);
        Count(v, "content.decision_points", content.DecisionPoints.Length);
        for (var i = 0; i < content.DecisionPoints.Length; i++)
        {
            AlertValidator.Text(v, $"content.decision_points[{i}].decision", content.DecisionPoints[i].Decision, IncidentInput.MaxDetailLength, required: true);
            AlertValidator.Text(v, $"content.decision_points[{i}].rationale", content.DecisionPoints[i].Rationale, IncidentInput.MaxDetailLength, required: true);
        }
        Count(v, "content.factors", content.Factors.Length);
        for (var i = 0; i < content.Factors.Length; i++)
        {
            if (!categories.Contains(content.Factors[i].Category))
            {
                v.Add(new($"content.factors[{i}].category",
                    $"'{content.Factors[i].Category}' is not in the unit's taxonomy; its categories are {string.Join(", ", categories.Select(c => $"'{c}'"))}."));
            }
            AlertValidator.Text(v, $"content.factors[{i}].description", content.Factors[i].Description, IncidentInput.MaxDetailLength, required: true);
        }
        BlamelessLanguage.Check(v, content.Factors, people);
    });

    public static void ActionItem(ActionItemDraft draft, DateTimeOffset now) => IncidentInput.Check(v =>
    {
        if (!Enum.IsDefined(draft.Kind))
        {
            v.Add(new("kind", "must be an immediate fix, an architectural change or a process improvement."));
        }
        AlertValidator.Text(v, "title", draft.Title, AlertValidator.MaxSummaryLength, required: true);
        AlertValidator.Identifier(v, "owner", draft.Owner, required: true);
        if (draft.DueAt <= now)
        {
            v.Add(new("due_at", "must be in the future."));
        }
        AlertValidator.Text(v, "verification_criteria", draft.VerificationCriteria, IncidentInput.MaxDetailLength, required: true);
    });

    public static void Policy(ReviewPolicy policy, WebhookDestinations destinations) => IncidentInput.Check(v =>
    {
        if (!DueHoursAllowed.Contains(policy.DueHours))
        {
            v.Add(new("policy.due_hours", $"must be {string.Join(" or ", DueHoursAllowed)}."));
        }
        if (policy.RecurrenceWindowDays is < 0 or > MaxRecurrenceWindowDays)
        {
            v.Add(new("policy.recurrence_window_days", $"must be 0 to {MaxRecurrenceWindowDays}."));
        }
        if (policy.RequiredForRecurrence && policy.RecurrenceWindowDays == 0)
        {
            v.Add(new("policy.recurrence_window_days", "must be above 0 when recurrence requires a review."));
        }
        for (var i = 0; i < policy.RequiredTeams.Length; i++)
        {
            AlertValidator.Identifier(v, $"policy.required_teams[{i}]", policy.RequiredTeams[i], required: true);
        }
        if (policy.FactorCategories.Length is 0 or > MaxCategories)
        {
            v.Add(new("policy.factor_categories", $"must hold 1 to {MaxCategories} categories."));
        }
        for (var i = 0; i < policy.FactorCategories.Length; i++)
        {
            AlertValidator.Identifier(v, $"policy.factor_categories[{i}]", policy.FactorCategories[i], required: true);
        }
        if (policy.Tracker is { } tracker)
        {
            TrackerUrl(v, tracker.Url, destinations);
        }
    });

    public static void Evidence(string evidence) => IncidentInput.Check(v => AlertValidator.Text(v, "evidence", evidence, IncidentInput.MaxDetailLength, required: true));

    /// <summary>As page webhooks: HTTPS to a public host, unless the host is allow-listed for development and tests.</summary>
    private static void TrackerUrl(ImmutableArray<FieldViolation>.Builder v, string url, WebhookDestinations destinations)
    {
        if (url.Length > WebhookContactValidator.MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            v.Add(new("policy.tracker.url", $"must be an absolute http(s) URL of at most {WebhookContactValidator.MaxUrlLength} characters."));
        }
        else if (!destinations.IsAllowListed(uri.Host) && (uri.Scheme == "http" || WebhookDestinations.IsInternalOnItsFace(uri)))
        {
            v.Add(new("policy.tracker.url", $"must be https to a public host (others only when listed in {WebhookDeliveryOptions.Section}:AllowedInternalHosts)."));
        }
    }

    private static void Texts(ImmutableArray<FieldViolation>.Builder v, string field, ImmutableArray<string> texts)
    {
        Count(v, field, texts.Length);
        for (var i = 0; i < texts.Length; i++)
        {
            AlertValidator.Text(v, $"{field}[{i}]", texts[i], IncidentInput.MaxDetailLength, required: true);
        }
    }

    private static void Count(ImmutableArray<FieldViolation>.Builder v, string field, int count)
    {
        if (count > MaxEntries)
        {
            v.Add(new(field, $"holds {count}; at most {MaxEntries}."));
        }
    }
}
