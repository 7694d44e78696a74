using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Cooperation.Vocabulary;

public sealed record Place(string Code, string Level, string Country, string? Parent, PlaceNames Names, string[] Aliases);

/// <summary>A place's names; every built-in place has all three, a place added since may have no Chinese name.</summary>
public sealed record PlaceNames(string En, string Ru, string? Zh);

/// <summary>A place merged into another: its code and names find the place it was merged into.</summary>
public sealed record MergedPlace(Place Duplicate, string Into);

/// <summary>
/// Countries, regions, cities and districts with every name and spelling the sources use: the built-in list
/// (<see cref="BuiltIn"/>), and over it the places added, renamed, aliased and merged since, which each service learns from
/// the places' events (<see cref="Use"/>). <see cref="Default"/> is the gazetteer as this process knows it now.
/// </summary>
public sealed class Gazetteer
{
    private readonly FrozenDictionary<string, Place> byCode;
    private readonly FrozenDictionary<string, Place[]> byName;
    private readonly Place[] places;

    public static Gazetteer BuiltIn { get; } = Load();

    private static Gazetteer current = BuiltIn;

    /// <summary>The built-in list with the places added since as this process last heard of them.</summary>
    public static Gazetteer Default => Volatile.Read(ref current);

    /// <summary>
    /// Makes the built-in list with <paramref name="added"/> (replacing nothing built in) and <paramref name="merged"/> the
    /// gazetteer of this process, at once for every reader.
    /// </summary>
    public static void Use(IReadOnlyCollection<Place> added, IReadOnlyCollection<MergedPlace> merged) =>
        Volatile.Write(ref current, new Gazetteer([.. BuiltIn.places, .. added.Where(p => BuiltIn.Find(p.Code) is null).DistinctBy(p => p.Code, StringComparer.OrdinalIgnoreCase)], merged));

    private Gazetteer(IReadOnlyCollection<Place> places, IReadOnlyCollection<MergedPlace>? merged = null)
    {
        this.places = [.. places];
        var known = places.ToDictionary(p => p.Code, StringComparer.OrdinalIgnoreCase);
        // A duplicate's code and names lead to the place it was merged into, when that place is known.
        var redirects = (merged ?? []).Where(m => known.ContainsKey(m.Into) && !known.ContainsKey(m.Duplicate.Code))
            .DistinctBy(m => m.Duplicate.Code, StringComparer.OrdinalIgnoreCase).Select(m => (m.Duplicate, Target: known[m.Into])).ToArray();
        byCode = places.Select(p => KeyValuePair.Create(p.Code, p))
            .Concat(redirects.Select(r => KeyValuePair.Create(r.Duplicate.Code, r.Target)))
            .ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        byName = places.Select(p => (Names: p, Place: p)).Concat(redirects.Select(r => (Names: r.Duplicate, Place: r.Target)))
            .SelectMany(x => NamesOf(x.Names).Select(n => (Key: Normalize(n), x.Place)))
            .Where(x => x.Key.Length > 0)
            .GroupBy(x => x.Key)
            .ToFrozenDictionary(g => g.Key, g => g.Select(x => x.Place).Distinct().ToArray());
    }

    /// <summary>Every place, each once.</summary>
    public IEnumerable<Place> Places => places;

    /// <summary>The code, the names and the aliases of a place: every spelling it is found by.</summary>
    public static IEnumerable<string> NamesOf(Place p) =>
        new[] { p.Code, p.Names.En, p.Names.Ru, p.Names.Zh }.OfType<string>().Concat(p.Aliases);

    public Place? Find(string code) => byCode.GetValueOrDefault(code);

    /// <summary>The places a name may mean; a level, when given, settles ambiguity.</summary>
    public IReadOnlyList<Place> Lookup(string name, string? level = null)
    {
        var found = byName.GetValueOrDefault(Normalize(name)) ?? byName.GetValueOrDefault(Normalize(StripDesignators(name))) ?? [];
        if (found.Length < 2 || level is null) return found;
        var atLevel = found.Where(p => p.Level == level).ToArray();
        return atLevel.Length > 0 ? atLevel : found;
    }

    /// <summary>The first-level region a place lies in (the place itself for a region), or null for a country.</summary>
    public string? RegionOf(string code)
    {
        for (var place = Find(code); place is not null; place = place.Parent is null ? null : Find(place.Parent))
            if (place.Level == PartyLevels.Region) return place.Code;
        return null;
    }

    /// <summary>Whether <paramref name="code"/> is <paramref name="container"/> or lies inside it.</summary>
    public bool IsWithin(string code, string container)
    {
        for (var place = Find(code); place is not null; place = place.Parent is null ? null : Find(place.Parent))
            if (string.Equals(place.Code, container, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    public static string Normalize(string name)
    {
        var text = name.Normalize(NormalizationForm.FormKC).ToLower(CultureInfo.InvariantCulture).Replace('ё', 'е');
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c)) builder.Append(c);
            else if (builder.Length > 0 && builder[^1] != ' ') builder.Append(' ');
        }
        return builder.ToString().Trim();
    }

    private static readonly string[] Designators =
    [
        "province", "provinces", "oblast", "region", "city", "district", "county", "municipality", "autonomous region",
        "провинция", "провинции", "область", "обл", "город", "г", "район", "р н", "край", "округ", "уезд",
        "省", "市", "自治区", "州", "区", "县",
    ];

    private static string StripDesignators(string name)
    {
        var words = Normalize(name).Split(' ').Where(w => !Designators.Contains(w));
        var stripped = string.Join(' ', words);
        foreach (var suffix in new[] { "省", "市", "自治区" })
            if (stripped.Length > suffix.Length && stripped.EndsWith(suffix, StringComparison.Ordinal)) return stripped[..^suffix.Length];
        return stripped;
    }

    private static Gazetteer Load()
    {
        using var stream = typeof(Gazetteer).Assembly.GetManifestResourceStream("places.json")
            ?? throw new InvalidOperationException("The gazetteer data is missing from the assembly.");
        var file = JsonSerializer.Deserialize<GazetteerFile>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException("The gazetteer data is empty.");
        return new Gazetteer(file.Places);
    }

    private sealed record GazetteerFile(Place[] Places);
}
