using Microsoft.Extensions.Options;

namespace IncidentActors.AzureStorage;

/// <summary>Validates one (optionally named) options instance with the given checks, failing with every message at once.</summary>
internal sealed class SettingsValidator<TOptions>(string? name, Func<TOptions, IEnumerable<string>> check) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? optionsName, TOptions options)
    {
        if (name is not null && name != optionsName)
        {
            return ValidateOptionsResult.Skip;
        }
        var failures = check(options).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
