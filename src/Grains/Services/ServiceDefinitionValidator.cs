using System.Collections.Immutable;
using IncidentActors.Errors;

namespace IncidentActors.Services;

public static class ServiceDefinitionValidator
{
    public static void Validate(string key, ServiceDefinition definition)
    {
        var violations = ImmutableArray.CreateBuilder<FieldViolation>();
        AlertValidator.Identifier(violations, "id", definition.Id, required: true);
        if (!string.IsNullOrEmpty(definition.Id) && definition.Id != key)
        {
            violations.Add(new("id", $"'{definition.Id}' does not match the service addressed, '{key}'."));
        }
        AlertValidator.Text(violations, "name", definition.Name, AlertValidator.MaxIdLength, required: true);
        AlertValidator.Identifier(violations, "owner_team", definition.OwnerTeam, required: true);
        AlertValidator.Identifier(violations, "business_unit_id", definition.BusinessUnitId, required: true);
        if (violations.Count > 0)
        {
            throw new InvalidRequestException(violations.ToImmutable());
        }
    }
}
