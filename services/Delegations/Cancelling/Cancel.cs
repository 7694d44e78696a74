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

    public static RouteGroupBuilder MapCancelling(this RouteGroupBuilder group)
    {
        group.MapPost("{id:guid}/cancellation", HandleAsync)
            .RequireAuthorization(Policies.Write)
            .WithName("CancelVisit")
            .WithSummary("Cancels a planned visit, with the reason");
        return group;
    }

    private static async Task<Results<Ok<ValidatedWrite>, Ok<VisitDetails>, ProblemHttpResult>> HandleAsync(
        Guid id, CancelVisitRequest request, WriteContext context, IDocumentSession session, HttpContext http, CancellationToken ct)
    {
        var v = new Validation();
        var reason = v.Text(request.Reason, "reason", 1000);
        if (v.Failed(out var invalid)) return invalid.ToProblem();

        var command = new CancelVisit(reason!, context.Actor);
        var outcome = await session.Append<Visit>(id, context, request, visit => Decide(visit, command), ct);
        return await outcome.RespondOk<VisitDetails>(session, http, ct);
    }
}
