using Cooperation.Agreements.Places.Details;

namespace Cooperation.Agreements.Places.Input;

public sealed record PlaceNamesInput(string? Ru, string? En, string? Zh);

/// <summary>How the places' use cases read their input, each problem under its field.</summary>
public static class PlacesInput
{
    /// <summary>A place's names: English and Russian, the languages the system reports in, and Chinese where it is known.</summary>
    public static PlaceNames? Names(this Validation v, PlaceNamesInput? input, string field = "names")
    {
        if (input is null)
        {
            v.Add(field, $"{field} is required: {{en, ru, zh?}}.");
            return null;
        }
        var en = v.Text(input.En, $"{field}.en", v.Limits.Name);
        var ru = v.Text(input.Ru, $"{field}.ru", v.Limits.Name);
        var zh = v.Text(input.Zh, $"{field}.zh", v.Limits.Name, required: false);
        return en is null || ru is null ? null : new PlaceNames(en, ru, zh);
    }

    public static string[] Aliases(this Validation v, string?[]? aliases, string field = "aliases") =>
        (v.Items(aliases, field) ? aliases ?? [] : []).Select((a, i) => v.Text(a, $"{field}[{i}]", v.Limits.Name)).OfType<string>().Distinct().ToArray();

    /// <summary>A place the gazetteer knows now, given by its code or by a name that means only it.</summary>
    public static Place? KnownPlace(this Validation v, string? value, string field)
    {
        if (v.Text(value, field, v.Limits.Name) is not { } given) return null;
        if (Gazetteer.Default.Find(given) is { } place) return place;
        var found = Gazetteer.Default.Lookup(given);
        if (found.Count == 1) return found[0];
        v.Add(field, found.Count == 0 ? $"unknown place '{given}'."
            : $"'{given}' may mean {string.Join(" or ", found.Select(p => $"{p.Names.En} ({p.Code})"))}; give the code.");
        return null;
    }

    /// <summary>
    /// A place given by its code or by a name that means only it: one kept here is read from its record, so a place added a moment
    /// ago is known here before its event has come back to this service's gazetteer.
    /// </summary>
    public static async Task<Place?> KnownPlaceAsync(this Validation v, IQuerySession session, string? value, string field, CancellationToken ct)
    {
        if (value is not null && await session.Query<PlaceDetails>().FirstOrDefaultAsync(p => p.Code == value.ToUpperInvariant(), ct) is
            { Status: AddedPlaceStatus.Proposed or AddedPlaceStatus.Confirmed } kept)
            return new Place(kept.Code, kept.Level, kept.Country, kept.Parent, kept.Names, kept.Aliases);
        return v.KnownPlace(value, field);
    }

    /// <summary>The id of a place's stream follows from its code, so two places can never share one.</summary>
    public static Guid IdOf(string code) => NamedIds.From($"place:{code.ToUpperInvariant()}");
}
