using Cooperation.Agreements.Places.Details;
using Cooperation.Agreements.Places.Input;

namespace Cooperation.Agreements.Places.Renaming;

public sealed record RenamePlaceRequest(PlaceNamesInput? Names, SourceInput? Source = null, string? Note = null);

public sealed record RenamePlace(PlaceNames Names, Source? Source, string? Note, Actor Actor);

public static class RenamingPlaces
{
    public static Decision Decide(AddedPlace place, RenamePlace c)
    {
        if (AddedPlace.Guard(c.Actor) is { } denied) return denied;
        if (place.InUse() is { } gone) return gone;
        if (place.Names == c.Names) return DomainError.Invalid("names", "These are the place's names already.");
        return Decision.Of(new PlaceRenamed(place.Id, c.Names, c.Source, c.Note));
    }

    public static RouteGroupBuilder MapRenamingPlaces(this RouteGroupBuilder group) =>
        group.MapWrite("{id:guid}/names", HandleAsync, "RenamePlace",
            "Gives a place added since the built-in list new names (ministry, admin); the old names stay aliases");

    private static Task<Results<Ok<PlaceDetails>, Accepted<ValidatedWrite>, ProblemHttpResult>> HandleAsync(
        Guid id, RenamePlaceRequest request, Validation v, Write write)
    {
        var names = v.Names(request.Names);
        var source = v.Source(request.Source);
        var note = v.Note(request.Note);
        return write.Append<AddedPlace, PlaceDetails>(id, request, v, place => Decide(place, new RenamePlace(names!, source, note, write.Actor)));
    }
}
