using Cooperation.Agreements.Places.Details;

namespace Cooperation.Agreements.Places.Refusing;

public sealed record RefusePlaceRequest(string? Reason);

public static class RefusingPlaces
{
    /// <summary>A refused place leaves the gazetteer: no new record may name it; those that named it keep it as they wrote it.</summary>
    public static Decision Decide(AddedPlace place, Actor actor, string reason)
    {
        if (AddedPlace.Guard(actor) is { } denied) return denied;
        if (place.Status != AddedPlaceStatus.Proposed) return DomainError.Conflict($"{place.Code} is {place.Status.Name()}, not proposed.");
        return Decision.Of(new PlaceRefused(place.Id, reason));
    }

    public static RouteGroupBuilder MapRefusingPlaces(this RouteGroupBuilder group) =>
        group.MapWrite("{id:guid}/refusal", HandleAsync, "RefusePlace",
            "Refuses a place a committee proposed (ministry, admin): it leaves the gazetteer");

    private static Task<Results<Ok<PlaceDetails>, Accepted<ValidatedWrite>, ProblemHttpResult>> HandleAsync(
        Guid id, RefusePlaceRequest request, Validation v, Write write)
    {
        var reason = v.Text(request.Reason, "reason", 2000);
        return write.Append<AddedPlace, PlaceDetails>(id, request, v, place => Decide(place, write.Actor, reason!));
    }
}
