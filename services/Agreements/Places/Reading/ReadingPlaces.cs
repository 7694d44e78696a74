using Cooperation.Agreements.Places.Details;

namespace Cooperation.Agreements.Places.Reading;

/// <summary>How a place stands: built in, or added since (proposed, confirmed, refused, merged).</summary>
public enum PlaceStatus { BuiltIn, Proposed, Confirmed, Refused, Merged }

/// <summary>
/// A place of the gazetteer, built in or added since. An added place's record (<see cref="Id"/>) also says who added it, when it
/// last changed, its version (the ETag of its writes), its source and note, and why it was refused.
/// </summary>
public sealed record PlaceEntry(Guid? Id, string Code, string Level, string Country, string? Parent, PlaceNames Names, string[] Aliases,
    PlaceStatus Status, string? MergedInto, string? RefusalReason = null, Source? Source = null, string? Note = null, long? Version = null,
    string? AddedBy = null, DateTimeOffset? UpdatedAt = null)
{
    public static PlaceEntry From(Place p) => new(null, p.Code, p.Level, p.Country, p.Parent, p.Names, p.Aliases, PlaceStatus.BuiltIn, null);

    public static PlaceEntry From(PlaceDetails p) =>
        new(p.Id, p.Code, p.Level, p.Country, p.Parent, p.Names, p.Aliases, Enum.Parse<PlaceStatus>(p.Status.ToString()), p.MergedInto,
            p.RefusalReason, p.Source, p.Note, p.Version, p.AddedBy, p.UpdatedAt);
}

public static class ReadingPlaces
{
    public static RouteGroupBuilder MapReadingPlaces(this RouteGroupBuilder group) =>
        group.MapList("", ListAsync, "ListPlaces",
                "The gazetteer's places, built in and added since, found by any of their names in Russian, English or Chinese, their level or their parent",
                "`q` finds places whose code, name or alias holds the words given, in any of the three languages, case and accents aside; "
                + "an exact name comes first, then names that begin with the words, then the others. Refused and merged places are listed "
                + "only with `status`.")
            .MapRead("{place}", ReadAsync, "GetPlace",
                "A place by its code, built in or added since, or an added place's record by its id, now, at a version (?version=N) or "
                + "as it stood at a moment (?asOf=UTC timestamp)",
                "The code of a merged place answers the place it was merged into; its id answers its own record, merged.");

    private static readonly Sheet<PlaceEntry> Sheet = new("places",
        new("Code", "Код", p => p.Code),
        new("Level", "Уровень", p => p.Level),
        new("Country", "Страна", p => p.Country),
        new("Parent", "Входит в", p => p.Parent),
        new("English", "По-английски", p => p.Names.En),
        new("Russian", "По-русски", p => p.Names.Ru),
        new("Chinese", "По-китайски", p => p.Names.Zh),
        new("Aliases", "Другие названия", p => p.Aliases),
        new("Status", "Состояние", p => p.Status),
        new("Merged into", "Объединено с", p => p.MergedInto),
        new("Id", "Идентификатор", p => p.Id?.ToString()));

    private static async Task<Results<Ok<Paged<PlaceEntry>>, PushStreamHttpResult, ProblemHttpResult>> ListAsync(
        string? q, [OneOf(typeof(PartyLevels), nameof(PartyLevels.All))] string? level, string? parent, [OneOf(typeof(PlaceStatus))] string? status,
        int? page, int? pageSize, Validation v, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        var words = q is null ? null : v.Text(q, "q", v.Limits.Name, required: false) is { } text ? Gazetteer.Normalize(text) : null;
        v.OneOf(level, "level", PartyLevels.All, required: false);
        var parentCode = v.PlaceCode(parent, "parent");
        var wanted = v.OneOf<PlaceStatus>(status, "status");
        var (pageNumber, size) = Reads.Paging(page, pageSize, v);
        if (v.Failed(out var invalid)) return invalid.ToProblem();

        // The gazetteer is small (hundreds of places): the built-in list and the records added since are matched in memory. The
        // added places are read from their records, so a place is listed as soon as its write is answered.
        var added = await session.Query<PlaceDetails>().ToListAsync(ct);
        // Without words, the places added since the built-in list come first, the latest first, then the built-in ones by code.
        var entries = added.OrderByDescending(p => p.UpdatedAt).Select(PlaceEntry.From)
            .Concat(Gazetteer.BuiltIn.Places.OrderBy(p => p.Code, StringComparer.Ordinal).Select(PlaceEntry.From))
            .Where(p => wanted is { } one ? p.Status == one : p.Status is not (PlaceStatus.Refused or PlaceStatus.Merged))
            .Where(p => level is null || p.Level == level)
            .Where(p => parentCode is null || string.Equals(p.Parent, parentCode, StringComparison.OrdinalIgnoreCase));
        var found = (words is null ? entries
            : entries.Select(p => (Place: p, Rank: Rank(p, words))).Where(x => x.Rank < 3).OrderBy(x => x.Rank)
                .ThenBy(x => Array.IndexOf(Broadest, x.Place.Level)).ThenBy(x => x.Place.Names.En, StringComparer.Ordinal)
                .Select(x => x.Place)).ToList();

        if (Exports.Requested(http) is { } format) return Sheet.File(format, http, found);
        return TypedResults.Ok(new Paged<PlaceEntry>(found.Skip((pageNumber - 1) * size).Take(size).ToList(), found.Count, pageNumber, size));
    }

    /// <summary>Of places matched alike, the broader comes first.</summary>
    private static readonly string[] Broadest = [PartyLevels.Country, PartyLevels.Region, PartyLevels.City, PartyLevels.District, PartyLevels.Organisation];

    /// <summary>0: a name is the words; 1: a name begins with them; 2: a name holds them; 3: none does.</summary>
    private static int Rank(PlaceEntry p, string words) =>
        new[] { p.Code, p.Names.En, p.Names.Ru, p.Names.Zh }.OfType<string>().Concat(p.Aliases).Select(Gazetteer.Normalize)
            .Select(n => n == words ? 0 : n.StartsWith(words, StringComparison.Ordinal) ? 1 : n.Contains(words, StringComparison.Ordinal) ? 2 : 3)
            .DefaultIfEmpty(3).Min();

    private static async Task<Results<Ok<PlaceEntry>, ProblemHttpResult>> ReadAsync(string place, long? version, DateTimeOffset? asOf,
        IQuerySession session, HttpContext http, CancellationToken ct)
    {
        if (Guid.TryParse(place, out var id))
        {
            var read = (await session.ReadView<PlaceDetails>(id, version, asOf, http, ct)).Result;
            return read is Ok<PlaceDetails> { Value: { } record } ? TypedResults.Ok(PlaceEntry.From(record)) : (ProblemHttpResult)read;
        }
        if (version is not null || asOf is not null)
            return DomainError.Invalid(version is not null ? "version" : "asOf", "A place's earlier versions are read by its id, not its code.").ToProblem();
        var added = (await session.Query<PlaceDetails>().ToListAsync(ct)).ToDictionary(p => p.Code, StringComparer.OrdinalIgnoreCase);
        return Find(place, added) is { } found ? TypedResults.Ok(found) : DomainError.NotFound($"There is no place {place}.").ToProblem();
    }

    /// <summary>A place by its code; a merged place answers the place it was merged into, following a merge of that one in turn (a few at most).</summary>
    private static PlaceEntry? Find(string code, IReadOnlyDictionary<string, PlaceDetails> added)
    {
        for (var step = 0; step < 10 && added.TryGetValue(code, out var place); step++)
        {
            if (place is not { Status: AddedPlaceStatus.Merged, MergedInto: { } into }) return PlaceEntry.From(place);
            code = into;
        }
        return Gazetteer.BuiltIn.Find(code) is { } builtIn ? PlaceEntry.From(builtIn) : null;
    }
}
