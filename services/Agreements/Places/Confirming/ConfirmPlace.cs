using Cooperation.Agreements.Places.Details;

namespace Cooperation.Agreements.Places.Confirming;

public sealed record ConfirmPlaceRequest(string? Note = null);

public static class ConfirmingPlaces
{
    public static Decision Decide(AddedPlace place, Actor actor, string? note)
    {
        if (AddedPlace.Guard(actor) is { } denied) return denied;
        if (place.Status != AddedPlaceStatus.Proposed) return DomainError.Conflict($"{place.Code} is {place.Status.Name()}, not proposed.");
        return Decision.Of(new PlaceConfirmed(place.Id, note));
    }

    public static RouteGroupBuilder MapConfirmingPlaces(this RouteGroupBuilder group) =>
        group.MapWrite("{id:guid}/confirmation", HandleAsync, "ConfirmPlace",
            "Confirms a place a committee proposed (ministry, admin)");

    private static Task<Results<Ok<PlaceDetails>, Accepted<ValidatedWrite>, ProblemHttpResult>> HandleAsync(
        Guid id, ConfirmPlaceRequest request, Validation v, Write write)
    {
        var note = v.Note(request.Note);
        return write.Append<AddedPlace, PlaceDetails>(id, request, v, place => Decide(place, write.Actor, note));
    }
}
