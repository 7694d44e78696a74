using Cooperation.ServiceDefaults;
using Cooperation.Vocabulary;

namespace Cooperation.Trade;

public static class Places
{
    /// <summary>The gazetteer code a query parameter names, by code or by any known spelling.</summary>
    public static string? Code(string? text, string field, Validation v)
    {
        if (text is null) return null;
        if (Gazetteer.Default.Find(text) is { } place) return place.Code;
        var found = Gazetteer.Default.Lookup(text);
        if (found.Count == 1) return found[0].Code;
        v.Add(field, found.Count == 0 ? $"unknown place '{text}'." : $"'{text}' is ambiguous; give the code.");
        return null;
    }

    public static Party? Party(string? code) =>
        code is not null && Gazetteer.Default.Find(code) is { } p ? new Party(p.Code, p.Names.En, p.Level, p.Country, Gazetteer.Default.RegionOf(p.Code)) : null;
}
