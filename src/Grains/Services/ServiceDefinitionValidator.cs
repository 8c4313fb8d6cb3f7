using System.Collections.Immutable;
using IncidentActors.Errors;
using IncidentActors.Intake;

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
        AlertValidator.Label(violations, "environment", definition.Environment, required: false);
        if (!Enum.IsDefined(definition.Impact))
        {
            violations.Add(new("impact", $"'{definition.Impact}' is not a business impact."));
        }
        var dependsOn = definition.DependsOn.IsDefault ? [] : definition.DependsOn;
        if (dependsOn.Length > MaxDependencies)
        {
            violations.Add(new("depends_on", $"names {dependsOn.Length} services; at most {MaxDependencies}."));
        }
        for (var i = 0; i < dependsOn.Length; i++)
        {
            AlertValidator.Identifier(violations, $"depends_on[{i}]", dependsOn[i], required: true);
            if (dependsOn[i] == key)
            {
                violations.Add(new($"depends_on[{i}]", "a service cannot depend on itself."));
            }
        }
        if (dependsOn.Distinct(StringComparer.Ordinal).Count() != dependsOn.Length)
        {
            violations.Add(new("depends_on", "names a service more than once."));
        }
        if (definition.Grouping is { } grouping)
        {
            ValidateGrouping(violations, grouping);
        }
        if (violations.Count > 0)
        {
            throw new InvalidRequestException(violations.ToImmutable());
        }
    }

    private static void ValidateGrouping(ImmutableArray<FieldViolation>.Builder violations, AlertGrouping grouping)
    {
        if (grouping.Window < TimeSpan.Zero || grouping.Window > MaxGroupingTime)
        {
            violations.Add(new("grouping.window", $"must be between 0 and {MaxGroupingTime}."));
        }
        if (grouping.Wait < TimeSpan.Zero || grouping.Wait > MaxGroupingTime)
        {
            violations.Add(new("grouping.wait", $"must be between 0 and {MaxGroupingTime}."));
        }
        var by = grouping.By.IsDefault ? [] : grouping.By;
        for (var i = 0; i < by.Length; i++)
        {
            if (!AlertFields.IsField(by[i], AlertGroupKey.Fields))
            {
                violations.Add(new($"grouping.by[{i}]", $"'{by[i]}' is not a field; {AlertFields.Expected(AlertGroupKey.Fields)}."));
            }
        }
    }

    public const int MaxDependencies = 64;
    private static readonly TimeSpan MaxGroupingTime = TimeSpan.FromHours(24);
}
