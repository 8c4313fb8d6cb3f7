using System.Globalization;

namespace IncidentActors.AzureStorage;

/// <summary>
/// Stores times as round-trip UTC strings: Azure's DateTime type rejects values before 1601, and Orleans hands over
/// default(DateTime) for times it has not set yet.
/// </summary>
internal static class StoredTime
{
    public static string Format(DateTime value) => AsUtc(value).ToString("O", CultureInfo.InvariantCulture);

    public static DateTime Parse(string? value) =>
        string.IsNullOrEmpty(value)
            ? default
            : DateTime.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    public static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Local => value.ToUniversalTime(),
        DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        _ => value,
    };
}
