using System.Collections.Immutable;
using IncidentActors.Errors;

namespace IncidentActors.Responders;

public static class ResponderValidator
{
    public const int MaxWebhooks = 5;

    public static void Validate(string key, ResponderDefinition definition)
    {
        var violations = ImmutableArray.CreateBuilder<FieldViolation>();
        if (definition.Id != key)
        {
            violations.Add(new("id", $"'{definition.Id}' does not match the responder addressed, '{key}'."));
        }
        if (string.IsNullOrWhiteSpace(definition.Name))
        {
            violations.Add(new("name", "is required."));
        }
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(definition.TimeZone ?? "", out _))
        {
            violations.Add(new("time_zone", $"'{definition.TimeZone}' is not an IANA time zone (e.g. Europe/London)."));
        }
        var webhooks = definition.Webhooks.IsDefault ? [] : definition.Webhooks;
        if (webhooks.Length > MaxWebhooks)
        {
            violations.Add(new("webhooks", $"at most {MaxWebhooks} webhooks."));
        }
        if (violations.Count > 0)
        {
            throw new InvalidRequestException(violations.ToImmutable());
        }
        WebhookContactValidator.Validate(webhooks);
    }
}
