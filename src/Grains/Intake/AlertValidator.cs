using System.Collections.Immutable;
using IncidentActors.Alerts;
using IncidentActors.Errors;

// Still in the namespace of its first home: its field rules (Identifier, Text) check fields of every domain,
// and the incident grain, being reworked elsewhere meanwhile, names them as Services.AlertValidator.
namespace IncidentActors.Services;

/// <summary>The intake limits of an alert event. Every violation is reported at once, so a tool can fix them in one go.</summary>
public static class AlertValidator
{
    public const int MaxIdLength = 255;
    public const int MaxSummaryLength = 1024;
    public const int MaxCustomDetails = 64;
    public const int MaxDetailKeyLength = 128;
    public const int MaxDetailValueLength = 4096;
    public const int MaxLabelLength = 64;
    public const int MaxBatchSize = 1000;
    public const int MaxTimeZoneLength = 64;

    public static void Validate(AlertEvent alert)
    {
        var violations = ImmutableArray.CreateBuilder<FieldViolation>();
        Identifier(violations, "service_id", alert.ServiceId, required: true);
        if (!Enum.IsDefined(alert.Action))
        {
            violations.Add(new("action", $"'{alert.Action}' is not an action; use trigger, acknowledge or resolve."));
        }
        if (!Enum.IsDefined(alert.Severity))
        {
            violations.Add(new("severity", $"'{alert.Severity}' is not a severity; use critical, error, warning or info."));
        }
        Identifier(violations, "dedup_key", alert.DedupKey, required: alert.Action != AlertAction.Trigger);
        if (alert.Action == AlertAction.Trigger)
        {
            Text(violations, "summary", alert.Summary, MaxSummaryLength, required: true);
            Text(violations, "source", alert.Source, MaxIdLength, required: true);
        }
        else
        {
            Text(violations, "summary", alert.Summary, MaxSummaryLength, required: false);
            Text(violations, "source", alert.Source, MaxIdLength, required: false);
        }
        Text(violations, "component", alert.Component, MaxIdLength, required: false);
        Label(violations, "environment", alert.Environment, required: false);
        Identifier(violations, "owner", alert.Owner, required: false);
        Label(violations, "category", alert.Category, required: false);
        Text(violations, "integration", alert.Integration, MaxIdLength, required: true);
        if (alert.GroupAlertsFiring < 0)
        {
            violations.Add(new("group_alerts_firing", $"is {alert.GroupAlertsFiring}; a group has no fewer than 0 firing alerts."));
        }
        if (alert.CustomDetails.Count > MaxCustomDetails)
        {
            violations.Add(new("custom_details", $"has {alert.CustomDetails.Count} entries; at most {MaxCustomDetails} are kept."));
        }
        foreach (var (key, value) in alert.CustomDetails)
        {
            if (key.Length is 0 or > MaxDetailKeyLength)
            {
                violations.Add(new("custom_details", $"key '{Truncate(key)}' must be 1 to {MaxDetailKeyLength} characters."));
            }
            if (value.Length > MaxDetailValueLength)
            {
                violations.Add(new($"custom_details.{Truncate(key)}", $"is {value.Length} characters; at most {MaxDetailValueLength}."));
            }
        }
        if (violations.Count > 0)
        {
            throw new InvalidRequestException(violations.ToImmutable());
        }
    }

    /// <summary>An identifier: printable, no surrounding blanks, bounded length.</summary>
    internal static void Identifier(ImmutableArray<FieldViolation>.Builder violations, string field, string? value, bool required)
    {
        if (string.IsNullOrEmpty(value))
        {
            if (required)
            {
                violations.Add(new(field, "is required."));
            }
            return;
        }
        if (value.Length > MaxIdLength)
        {
            violations.Add(new(field, $"is {value.Length} characters; at most {MaxIdLength}."));
        }
        else if (value.Any(char.IsControl) || value.Trim().Length != value.Length)
        {
            violations.Add(new(field, "must not contain control characters or leading/trailing blanks."));
        }
    }

    /// <summary>
    /// Checks a batch alert by alert against the intake limits and its service's catalog entry, so
    /// that a bad alert anywhere changes nothing; returns the alerts completed from the catalog.
    /// Violations name the alert's index when the batch holds several. An alert whose service has no
    /// entry (<paramref name="catalogEntryOf"/> gives null) is returned as sent, for the caller to refuse.
    /// </summary>
    public static ImmutableArray<AlertEvent> CompleteBatch(IReadOnlyList<AlertEvent> alerts, Func<AlertEvent, ServiceDefinition?> catalogEntryOf)
    {
        if (alerts.Count is 0 or > MaxBatchSize)
        {
            throw new InvalidRequestException("alerts", $"send 1 to {MaxBatchSize} alerts per batch.");
        }
        var violations = ImmutableArray.CreateBuilder<FieldViolation>();
        var completed = ImmutableArray.CreateBuilder<AlertEvent>(alerts.Count);
        for (var i = 0; i < alerts.Count; i++)
        {
            try
            {
                Validate(alerts[i]);
                completed.Add(catalogEntryOf(alerts[i]) is { } entry ? CompleteFromCatalog(alerts[i], entry) : alerts[i]);
            }
            catch (InvalidRequestException e)
            {
                var at = alerts.Count == 1 ? "" : $"alerts[{i}].";
                violations.AddRange(e.Violations.Select(v => v with { Field = at + v.Field }));
            }
        }
        if (violations.Count > 0)
        {
            throw new InvalidRequestException(violations.ToImmutable());
        }
        return completed.MoveToImmutable();
    }

    /// <summary>
    /// Fills what the alert left out from the catalog entry of its service, and refuses metadata
    /// that contradicts it: an alert may not claim another environment than its service runs in.
    /// </summary>
    public static AlertEvent CompleteFromCatalog(AlertEvent alert, ServiceDefinition service)
    {
        var environment = service.Environment ?? ServiceDefinition.DefaultEnvironment;
        if (alert.Environment is not null && alert.Environment != environment)
        {
            throw new InvalidRequestException("environment", $"'{alert.Environment}' is not where service '{service.Id}' runs ('{environment}'); send it to that environment's service.");
        }
        return alert with { Environment = environment, Owner = alert.Owner ?? service.OwnerTeam };
    }

    /// <summary>A label: lowercase letters, digits, '-', '_' or '.', at most 64 characters.</summary>
    internal static void Label(ImmutableArray<FieldViolation>.Builder violations, string field, string? value, bool required)
    {
        if (string.IsNullOrEmpty(value))
        {
            if (required)
            {
                violations.Add(new(field, "is required."));
            }
            return;
        }
        if (value.Length > MaxLabelLength || !value.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.'))
        {
            violations.Add(new(field, $"'{Truncate(value)}' must be 1 to {MaxLabelLength} lowercase letters, digits, '-', '_' or '.'."));
        }
    }

    internal static void Text(ImmutableArray<FieldViolation>.Builder violations, string field, string? value, int maxLength, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                violations.Add(new(field, "is required."));
            }
            return;
        }
        if (value.Length > maxLength)
        {
            violations.Add(new(field, $"is {value.Length} characters; at most {maxLength}."));
        }
    }

    /// <summary>An IANA time zone id; the longest in use is about 30 characters.</summary>
    internal static void TimeZone(ImmutableArray<FieldViolation>.Builder violations, string field, string? zone)
    {
        if (zone is not { Length: > 0 and <= MaxTimeZoneLength } || zone.Any(char.IsControl) || !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            violations.Add(new(field, $"'{Truncate(zone ?? "")}' is not an IANA time zone (e.g. Europe/London)."));
        }
    }

    /// <summary>A value short enough to quote back in an error message.</summary>
    internal static string Truncate(string value) => value.Length <= 32 ? value : value[..32] + "…";
}
