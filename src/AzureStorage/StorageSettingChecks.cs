using System.Globalization;
using System.Text.RegularExpressions;

namespace IncidentActors.AzureStorage;

/// <summary>Checks of storage settings, each failure naming the setting so that an operator knows what to fix.</summary>
internal static partial class StorageSettingChecks
{
    // Beyond this, states would rarely share a partition, and grouping them would gain nothing.
    private const int MaxSharedPartitions = 100_000;

    // Enough to keep every table of the emulator small; Azure itself needs only one.
    private const int MaxTables = 100;
    private const int MaxTableNameLength = 63;

    public static IEnumerable<string> ConnectionString(string setting, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            yield return $"{setting} is required: set it to an Azure Storage connection string.";
        }
    }

    public static IEnumerable<string> TableName(string setting, string? value)
    {
        // Azure Tables: 3-63 letters or digits, starting with a letter; "tables" is reserved.
        if (value is null || !TableNamePattern().IsMatch(value) || value.Equals("tables", StringComparison.OrdinalIgnoreCase))
        {
            yield return $"{setting} '{value}' is not a legal Azure table name: use 3-63 letters or digits, starting with a letter.";
        }
    }

    public static IEnumerable<string> ContainerName(string setting, string? value)
    {
        // Azure Blob containers: 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.
        if (value is null || value.Length is < 3 or > 63 || !ContainerNamePattern().IsMatch(value))
        {
            yield return $"{setting} '{value}' is not a legal blob container name: use 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.";
        }
    }

    public static IEnumerable<string> SharedPartitions(string setting, int value)
    {
        if (value is < 0 or > MaxSharedPartitions)
        {
            yield return $"{setting} is {value}: use 0 for a partition per grain state, or 1-{MaxSharedPartitions} partitions shared by all states.";
        }
    }

    public static IEnumerable<string> Tables(string setting, int value, string? tableName)
    {
        if (value is < 1 or > MaxTables)
        {
            yield return $"{setting} is {value}: use 1-{MaxTables} tables.";
        }
        else if (value > 1 && tableName is not null && tableName.Length + (value - 1).ToString(CultureInfo.InvariantCulture).Length > MaxTableNameLength)
        {
            yield return $"{setting} is {value}: the numbered table names '{tableName}0' to '{tableName}{value - 1}' would exceed {MaxTableNameLength} characters.";
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableNamePattern();

    [GeneratedRegex("^[a-z0-9](?:-?[a-z0-9])*$")]
    private static partial Regex ContainerNamePattern();
}
