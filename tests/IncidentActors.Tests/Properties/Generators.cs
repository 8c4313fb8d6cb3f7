using System.Collections.Immutable;
using CsCheck;

namespace IncidentActors.Tests.Properties;

/// <summary>Inputs that stress what validators and parsers read: blanks, control characters, broken surrogates, overlong text.</summary>
internal static class Generators
{
    private static readonly char[] Awkward =
    [
        'a', 'b', 'z', 'A', '0', '9', '-', '_', '.', '/', ' ', 'é', 'ß', '\t', '\n', '\r', '\0', '\u0007', '\u001b', '\u007f', '\u0085',
        '\u00a0', '\u2028', '\ud800', '\udc00', '"', '\\', '{', '}', '[', ']', ':', ',',
    ];

    /// <summary>A value picked from a few, each as likely.</summary>
    public static Gen<T> Pick<T>(params T[] values) => Gen.Int[0, values.Length - 1].Select(i => values[i]);

    /// <summary>Any text, from well-formed ids to overlong or unprintable ones.</summary>
    public static readonly Gen<string> Text = Gen.Frequency(
        (1, Gen.Const("")),
        (4, Pick("checkout", "alice", "retail", "emea", "sre-lead", "Europe/London", "UTC", "summary", "detail.instance", "critical", " padded ")),
        (5, Gen.Int[0, Awkward.Length - 1].Array[1, 24].Select(chars => new string([.. chars.Select(i => Awkward[i])]))),
        (1, Gen.Int[250, 3000].Select(length => new string('x', length))));

    public static readonly Gen<string?> OptionalText = Gen.Frequency((1, Gen.Const((string?)null)), (4, Text.Select(t => (string?)t)));

    /// <summary>Any value of an enum's underlying range, named or not.</summary>
    public static Gen<T> AnyEnum<T>() where T : struct, Enum => Gen.Int[-1, Enum.GetValues<T>().Length + 1].Select(i => (T)Enum.ToObject(typeof(T), i));

    /// <summary>An array as callers may send it: missing (default), empty, or of some length, now and then past a cap.</summary>
    public static Gen<ImmutableArray<T>> Arrays<T>(Gen<T> item, int maxLength = 6) => Gen.Frequency(
        (1, Gen.Const(default(ImmutableArray<T>))),
        (6, item.Array[0, maxLength].Select(items => items.ToImmutableArray())));

    public static readonly Gen<TimeSpan> Duration = Gen.Frequency(
        (1, Pick(TimeSpan.Zero, TimeSpan.FromTicks(-1), TimeSpan.MaxValue, TimeSpan.MinValue)),
        (4, Gen.Long[-1_000_000, 40L * 24 * 3600].Select(seconds => TimeSpan.FromSeconds(seconds))));

    public static readonly Gen<DateTimeOffset> Instant =
        Gen.Long[0, 10L * 365 * 24 * 3600].Select(seconds => new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(seconds));
}
