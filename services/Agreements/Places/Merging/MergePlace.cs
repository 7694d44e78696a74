using Cooperation.Agreements.Places.Details;
using Cooperation.Agreements.Places.Input;

namespace Cooperation.Agreements.Places.Merging;

public sealed record MergePlaceRequest(string? Into, string? Note = null);

/// <param name="Into">The place the duplicate is merged into, as the gazetteer knows it now.</param>
public sealed record MergePlace(Place Into, string? Note, Actor Actor);

public static class MergingPlaces
{
    public static Decision Decide(AddedPlace place, MergePlace c)
    {
        if (AddedPlace.Guard(c.Actor) is { } denied) return denied;
        if (place.InUse() is { } gone) return gone;
        if (string.Equals(c.Into.Code, place.Code, StringComparison.OrdinalIgnoreCase))
            return DomainError.Invalid("into", "A place cannot be merged into itself.");
        if (c.Into.Level != place.Level)
            return DomainError.Invalid("into", $"{c.Into.Code} is a {c.Into.Level}, {place.Code} a {place.Level}: only a duplicate of the same kind is merged.");
        return Decision.Of(new PlaceMerged(place.Id, c.Into.Code, c.Note));
    }

    public static RouteGroupBuilder MapMergingPlaces(this RouteGroupBuilder group) =>
        group.MapWrite("{id:guid}/merge", HandleAsync, "MergePlace",
            "Merges a place added since the built-in list, a duplicate, into another place (ministry, admin): its code and names then find that place");

    private static async Task<Results<Ok<PlaceDetails>, Accepted<ValidatedWrite>, ProblemHttpResult>> HandleAsync(
        Guid id, MergePlaceRequest request, Validation v, Write write)
    {
        var into = await v.KnownPlaceAsync(write.Session, request.Into, "into", write.RequestAborted);
        var note = v.Note(request.Note);
        return await write.Append<AddedPlace, PlaceDetails>(id, request, v, place => Decide(place, new MergePlace(into!, note, write.Actor)));
    }
}
