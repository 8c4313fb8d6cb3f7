using System.Collections.Immutable;
using IncidentActors.Errors;
using IncidentActors.Services;

namespace IncidentActors.Vendors;

public static class VendorValidator
{
    public const int MaxIdLength = 64;
    public static readonly TimeSpan MaxResponseTime = TimeSpan.FromDays(30);

    public static void Validate(string key, VendorDefinition definition)
    {
        var violations = ImmutableArray.CreateBuilder<FieldViolation>();
        if (definition.Id != key)
        {
            violations.Add(new("id", $"'{definition.Id}' does not match the vendor addressed, '{key}'."));
        }
        else if (!IsVendorId(definition.Id))
        {
            violations.Add(new("id", $"must be 1 to {MaxIdLength} ASCII letters, digits, '.', '_' or '-'."));
        }
        AlertValidator.Text(violations, "name", definition.Name, AlertValidator.MaxIdLength, required: true);
        if (definition.ContractualResponseTime <= TimeSpan.Zero || definition.ContractualResponseTime > MaxResponseTime)
        {
            violations.Add(new("contractual_response_time", $"must be more than zero and at most {MaxResponseTime.TotalDays:0} days."));
        }
        AlertValidator.Text(violations, "contact", definition.Contact, AlertValidator.MaxSummaryLength, required: true);
        if (violations.Count > 0)
        {
            throw new InvalidRequestException(violations.ToImmutable());
        }
    }

    /// <summary>Vendor ids travel in access keys and gRPC metadata, so they keep to ASCII that needs no escaping.</summary>
    public static bool IsVendorId(string? id) =>
        id is { Length: > 0 and <= MaxIdLength } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
}
