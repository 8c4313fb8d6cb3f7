using System.Collections.Immutable;
using IncidentActors.Errors;
using IncidentActors.Services;

namespace IncidentActors.Responders;

public static class ResponderValidator
{
    public const int MaxWebhooks = 5;

    public static void Validate(string key, ResponderDefinition definition, WebhookDestinations destinations)
    {
        var violations = ImmutableArray.CreateBuilder<FieldViolation>();
        AlertValidator.Identifier(violations, "id", definition.Id, required: true);
        if (!string.IsNullOrEmpty(definition.Id) && definition.Id != key)
        {
            violations.Add(new("id", $"'{AlertValidator.Truncate(definition.Id)}' does not match the responder addressed, '{AlertValidator.Truncate(key)}'."));
        }
        AlertValidator.Text(violations, "name", definition.Name, AlertValidator.MaxIdLength, required: true);
        AlertValidator.TimeZone(violations, "time_zone", definition.TimeZone);
        var webhooks = definition.Webhooks.IsDefault ? [] : definition.Webhooks;
        if (webhooks.Length > MaxWebhooks)
        {
            violations.Add(new("webhooks", $"at most {MaxWebhooks} webhooks."));
        }
        if (violations.Count > 0)
        {
            throw new InvalidRequestException(violations.ToImmutable());
        }
        WebhookContactValidator.Validate(webhooks, destinations);
    }
}
