using Cooperation.Agreements.Places.Details;

namespace Cooperation.Agreements.Places.Aliasing;

public sealed record AddPlaceAliasRequest(string? Alias, SourceInput? Source = null);

public sealed record AddPlaceAlias(string Alias, Source? Source, Actor Actor);

public static class AliasingPlaces
{
    /// <summary>An alias another place is also known by makes that name ambiguous: naming either by it then needs the code.</summary>
    public static Decision Decide(AddedPlace place, AddPlaceAlias c)
    {
        if (AddedPlace.Guard(c.Actor) is { } denied) return denied;
        if (place.InUse() is { } gone) return gone;
        var key = Gazetteer.Normalize(c.Alias);
        if (new[] { place.Names.En, place.Names.Ru, place.Names.Zh }.OfType<string>().Concat(place.Aliases).Any(n => Gazetteer.Normalize(n) == key))
            return DomainError.Invalid("alias", $"{place.Code} is already called '{c.Alias}'.");
        return Decision.Of(new PlaceAliasAdded(place.Id, c.Alias, c.Source));
    }

    public static RouteGroupBuilder MapAliasingPlaces(this RouteGroupBuilder group) =>
        group.MapWrite("{id:guid}/aliases", HandleAsync, "AddPlaceAlias",
            "Adds a spelling a place added since the built-in list is also known by (ministry, admin)");

    private static Task<Results<Ok<PlaceDetails>, Accepted<ValidatedWrite>, ProblemHttpResult>> HandleAsync(
        Guid id, AddPlaceAliasRequest request, Validation v, Write write)
    {
        var alias = v.Text(request.Alias, "alias", v.Limits.Name);
        var source = v.Source(request.Source);
        return write.Append<AddedPlace, PlaceDetails>(id, request, v, place => Decide(place, new AddPlaceAlias(alias!, source, write.Actor)));
    }
}
