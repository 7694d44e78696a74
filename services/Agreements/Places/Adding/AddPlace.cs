using System.Text;
using System.Text.RegularExpressions;
using Cooperation.Agreements.Places.Details;
using Cooperation.Agreements.Places.Input;

namespace Cooperation.Agreements.Places.Adding;

public sealed record AddPlaceRequest(
    [property: OneOf(typeof(AddingPlaces), nameof(AddingPlaces.Levels))] string? Level,
    PlaceNamesInput? Names,
    string?[]? Aliases,
    string? Parent,
    string? Code,
    string? Country,
    SourceInput? Source = null,
    string? Note = null);

/// <param name="ParentRegion">The first-level region the parent lies in (the parent itself for a region), null for a country.</param>
public sealed record AddPlace(Guid Id, string Code, string Level, string Country, string Parent, string? ParentRegion, PlaceNames Names,
    string[] Aliases, Source? Source, string? Note, Actor Actor);

public static partial class AddingPlaces
{
    /// <summary>What may be added: the countries and first-level regions are all built in.</summary>
    public static readonly IReadOnlySet<string> Levels = new HashSet<string> { PartyLevels.City, PartyLevels.District, PartyLevels.Organisation };

    /// <summary>
    /// The ministry and admins add a place, confirmed; a committee proposes one inside its own region, usable at once and marked
    /// proposed until the ministry confirms or refuses it.
    /// </summary>
    public static Decision Decide(AddPlace c)
    {
        var proposed = c.Actor.Role == Roles.Committee;
        if (proposed && !(c.Actor.Served.Serves(c.Actor.Region) && string.Equals(c.ParentRegion, c.Actor.Region, StringComparison.OrdinalIgnoreCase)))
            return DomainError.Forbidden("A committee may propose a place only inside its own region.");
        if (!proposed && AddedPlace.Guard(c.Actor) is { } denied) return denied;
        return Decision.Of(new PlaceAdded(c.Id, c.Code, c.Level, c.Country, c.Parent, c.Names, c.Aliases, proposed, c.Source, c.Note));
    }

    public static RouteGroupBuilder MapAddingPlaces(this RouteGroupBuilder group) =>
        group.MapWrite("", HandleAsync, "AddPlace",
            "Adds a city, a district or an organisation to the gazetteer (ministry, admin), or proposes one inside the committee's region");

    private static async Task<Results<Created<PlaceDetails>, Accepted<ValidatedWrite>, ProblemHttpResult>> HandleAsync(
        AddPlaceRequest request, Validation v, Write write)
    {
        var level = v.OneOf(request.Level, "level", Levels);
        var names = v.Names(request.Names);
        var aliases = v.Aliases(request.Aliases);
        var parent = await v.KnownPlaceAsync(write.Session, request.Parent, "parent", write.RequestAborted);
        v.Require(parent is null || parent.Level != PartyLevels.Organisation || level == PartyLevels.Organisation, "parent",
            "only an organisation may lie inside an organisation.");
        var country = v.Text(request.Country, "country", v.Limits.Code, required: false);
        v.Require(country is null || parent is null || string.Equals(country, parent.Country, StringComparison.OrdinalIgnoreCase), "country",
            $"the parent {parent?.Code} lies in {parent?.Country}, not {country}.");
        var code = request.Code is null ? null : v.Text(request.Code, "code", v.Limits.Code);
        var source = v.Source(request.Source);
        var note = v.Note(request.Note);
        if (v.Failed(out var invalid)) return invalid.ToProblem();

        var placeCode = code?.ToUpperInvariant() ?? CodeFrom(parent!.Code, names!.En);
        if (placeCode is null || !CodePattern().IsMatch(placeCode) || placeCode.Length > v.Limits.Code)
            v.Add(code is null ? "names.en" : "code", code is null
                ? $"names.en makes no code (letters A-Z and digits, at most {v.Limits.Code} characters with the parent's): give a code."
                : "code must be letters and digits in parts joined by hyphens, such as RU-KRS-KURCHATOV.");
        else if (!placeCode.StartsWith(parent!.Country + "-", StringComparison.Ordinal))
            v.Add("code", $"code must begin with the country's code, {parent.Country}-.");
        if (v.Failed(out invalid)) return invalid.ToProblem();
        // A place already known by that code, or of that kind in that parent by one of those names, is the place being added:
        // a conflict with it (409), as when two adds of one code race and the second finds its stream taken.
        if (Gazetteer.Default.Find(placeCode!) is { } taken)
            return DomainError.Conflict($"{placeCode} is already the code of {taken.Names.En}: give another code, or add an alias to it.").ToProblem();
        foreach (var name in new[] { names!.En, names.Ru, names.Zh }.OfType<string>().Concat(aliases))
            if (Gazetteer.Default.Lookup(name).FirstOrDefault(p => p.Level == level && p.Parent == parent!.Code) is { } same)
                return DomainError.Conflict($"{same.Names.En} ({same.Code}) in {parent!.Code} is already called '{name}': add an alias to it, or give another name.").ToProblem();

        var command = new AddPlace(PlacesInput.IdOf(placeCode!), placeCode!, level!, parent!.Country, parent.Code, Gazetteer.Default.RegionOf(parent.Code),
            names, aliases, source, note, write.Actor);
        return await write.Start<AddedPlace, PlaceDetails>(command.Id, request, v, () => Decide(command));
    }

    /// <summary>A code from the parent's code and the English name, as the built-in list makes them (RU-KRS-KURCHATOV-DISTRICT).</summary>
    private static string? CodeFrom(string parent, string english)
    {
        var slug = new StringBuilder();
        foreach (var c in english.Normalize(NormalizationForm.FormD).ToUpperInvariant())
        {
            if (c is >= 'A' and <= 'Z' or >= '0' and <= '9') slug.Append(c);
            else if (char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark && slug.Length > 0 && slug[^1] != '-') slug.Append('-');
        }
        var made = slug.ToString().Trim('-');
        return made.Length == 0 ? null : $"{parent}-{made}";
    }

    [GeneratedRegex("^[A-Z0-9]+(-[A-Z0-9]+)*$")]
    private static partial Regex CodePattern();
}
