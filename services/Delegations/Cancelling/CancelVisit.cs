using Cooperation.Delegations.Details;

namespace Cooperation.Delegations.Cancelling;

public sealed record CancelVisitRequest(string? Reason);

public sealed record CancelVisit(string Reason, Actor Actor);

public static class Cancelling
{
    public static Decision Decide(Visit visit, CancelVisit command)
    {
        if (visit.Guard(command.Actor) is { } denied) return denied;
        if (visit.MustBePlanned() is { } notPlanned) return notPlanned;
        return Decision.Of(new VisitCancelled(visit.Id, command.Reason));
    }

    public static RouteGroupBuilder MapCancelling(this RouteGroupBuilder group) =>
        group.MapWrite("{id:guid}/cancellation", HandleAsync, "CancelVisit",
            "Cancels a planned visit, with the reason");

    private static Task<Results<Ok<VisitDetails>, Accepted<ValidatedWrite>, ProblemHttpResult>> HandleAsync(
        Guid id, CancelVisitRequest request, Validation v, Write write)
    {
        var reason = v.Text(request.Reason, "reason", 1000);
        return write.Append<Visit, VisitDetails>(id, request, v,
            visit => Decide(visit, new CancelVisit(reason!, write.Actor)));
    }
}
