using System.Collections.Immutable;
using IncidentActors.Errors;
using IncidentActors.Services;

namespace IncidentActors.Access;

public static class AccessValidator
{
    public const int MaxServicesPerKey = 100;

    /// <summary>
    /// Roles a person may be granted. Integration comes with an integration key and vendor with a vendor key; an org
    /// admin is organisation-wide by definition.
    /// </summary>
    public static void Validate(string principalId, RoleGrant grant)
    {
        var violations = ImmutableArray.CreateBuilder<FieldViolation>();
        AlertValidator.Identifier(violations, "principal_id", principalId, required: true);
        AlertValidator.Identifier(violations, "grant.business_unit_id", grant.BusinessUnitId, required: false);
        if (grant.Role is Role.Integration or Role.Vendor || !Enum.IsDefined(grant.Role))
        {
            violations.Add(new("grant.role", "must be org admin, unit admin, commander, responder, observer or auditor; integrations and vendors hold keys."));
        }
        else if (grant.Role == Role.OrgAdmin && grant.BusinessUnitId is not null)
        {
            violations.Add(new("grant.business_unit_id", "must be empty for an org admin, who is organisation-wide."));
        }
        Throw(violations);
    }

    public static void Validate(IntegrationKeyDefinition key)
    {
        var violations = ImmutableArray.CreateBuilder<FieldViolation>();
        AlertValidator.Text(violations, "name", key.Name, AlertValidator.MaxIdLength, required: true);
        AlertValidator.Identifier(violations, "business_unit_id", key.BusinessUnitId, required: true);
        if (key.ServiceIds.Length > MaxServicesPerKey)
        {
            violations.Add(new("service_ids", $"names {key.ServiceIds.Length} services; at most {MaxServicesPerKey}."));
        }
        for (var i = 0; i < key.ServiceIds.Length; i++)
        {
            AlertValidator.Identifier(violations, $"service_ids[{i}]", key.ServiceIds[i], required: true);
        }
        Throw(violations);
    }

    private static void Throw(ImmutableArray<FieldViolation>.Builder violations)
    {
        if (violations.Count > 0)
        {
            throw new InvalidRequestException(violations.ToImmutable());
        }
    }
}
