namespace Cooperation.Vocabulary;

/// <summary>
/// How a source states a figure, when not exactly: "about 345" (<see cref="About"/>), "more than 190 percent"
/// (<see cref="AtLeast"/>), "up to 50" (<see cref="AtMost"/>). A record carries them beside its figures, as
/// <c>qualifiers: {figure: qualifier}</c>; a figure it does not name is exact.
/// </summary>
public static class Qualifiers
{
    public const string About = "about";
    public const string AtLeast = "at-least";
    public const string AtMost = "at-most";

    public static readonly IReadOnlySet<string> All = new HashSet<string> { About, AtLeast, AtMost };

    /// <summary>"About v" stands for anything within this fraction of v either way (10 %).</summary>
    public const decimal AboutTolerance = 0.10m;

    /// <summary>The qualifier of a figure in a record's map; null (exact) when the map does not name it.</summary>
    public static string? Of(this IReadOnlyDictionary<string, string>? qualifiers, string figure) =>
        qualifiers is not null && qualifiers.TryGetValue(figure, out var q) ? q : null;

    /// <summary>The map without empty entries, or null when every figure is exact (as records without qualifiers read).</summary>
    public static IReadOnlyDictionary<string, string>? Normalised(IEnumerable<KeyValuePair<string, string?>> entries)
    {
        var map = entries.Where(e => e.Value is not null).ToDictionary(e => e.Key, e => e.Value!);
        return map.Count == 0 ? null : map;
    }

    /// <summary>
    /// The qualifier of a figure computed by adding and subtracting others: exact when they all are, at-least when each
    /// qualified term can only make it larger, at-most when only smaller, about otherwise.
    /// </summary>
    /// <param name="terms">Each term's qualifier and its sign in the sum (+1 added, -1 subtracted).</param>
    public static string? Combine(IEnumerable<(string? Qualifier, int Sign)> terms)
    {
        var directions = terms.Where(t => t.Qualifier is not null)
            .Select(t => t.Qualifier == About ? 0 : (t.Qualifier == AtLeast ? 1 : -1) * Math.Sign(t.Sign))
            .Distinct().ToArray();
        return directions switch
        {
            [] => null,
            [1] => AtLeast,
            [-1] => AtMost,
            _ => About,
        };
    }

    /// <summary>How a figure reads with its qualifier: "about 345", "at least 90", "at most 12".</summary>
    public static string Describe(decimal value, string? qualifier) => qualifier switch
    {
        About => $"about {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
        AtLeast => $"at least {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
        AtMost => $"at most {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
        _ => value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
