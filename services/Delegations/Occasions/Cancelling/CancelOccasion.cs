using Cooperation.Delegations.Occasions.Details;

namespace Cooperation.Delegations.Occasions.Cancelling;

public sealed record CancelOccasionRequest(string? Reason);

public sealed record CancelOccasion(string Reason, Actor Actor);

public static class CancellingOccasions
{
    /// <summary>Cancels an occasion not yet held.</summary>
    public static Decision Decide(Occasion occasion, CancelOccasion command)
    {
        if (occasion.Guard(command.Actor) is { } denied) return denied;
        if (occasion.MustBePlanned() is { } notPlanned) return notPlanned;
        return Decision.Of(new OccasionCancelled(occasion.Id, command.Reason));
    }

    public static RouteGroupBuilder MapCancellingOccasions(this RouteGroupBuilder group) =>
        group.MapWrite("{id:guid}/cancellation", HandleAsync, "CancelOccasion", "Cancels an occasion not yet held, with the reason");

    private static Task<Results<Ok<OccasionDetails>, Accepted<ValidatedWrite>, ProblemHttpResult>> HandleAsync(
        Guid id, CancelOccasionRequest request, Validation v, Write write)
    {
        var reason = v.Text(request.Reason, "reason", 2000);
        return write.Append<Occasion, OccasionDetails>(id, request, v, occasion => Decide(occasion, new CancelOccasion(reason!, write.Actor)));
    }
}
