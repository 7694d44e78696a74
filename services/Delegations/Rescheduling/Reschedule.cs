using Cooperation.Delegations.Details;

namespace Cooperation.Delegations.Rescheduling;

public sealed record RescheduleVisitRequest(string? PlannedFrom, string? PlannedTo, string? Reason);

public sealed record RescheduleVisit(PartialDate PlannedFrom, PartialDate? PlannedTo, string? Reason, Actor Actor);

public static class Rescheduling
{
    public static Decision Decide(Visit visit, RescheduleVisit command)
    {
        if (visit.Guard(command.Actor) is { } denied) return denied;
        if (visit.MustBePlanned() is { } notPlanned) return notPlanned;
        if (Visit.CheckDates(command.PlannedFrom, command.PlannedTo) is { } invalid) return invalid;
        return Decision.Of(new VisitRescheduled(visit.Id, command.PlannedFrom, command.PlannedTo, command.Reason));
    }

    public static RouteGroupBuilder MapRescheduling(this RouteGroupBuilder group)
    {
        group.MapPost("{id:guid}/reschedule", HandleAsync)
            .RequireAuthorization(Policies.Write)
            .WithName("RescheduleVisit")
            .WithSummary("Moves a planned visit to new dates");
        return group;
    }

    private static async Task<Results<Ok<ValidatedWrite>, Ok<VisitDetails>, ProblemHttpResult>> HandleAsync(
        Guid id, RescheduleVisitRequest request, WriteContext context, IDocumentSession session, HttpContext http, CancellationToken ct)
    {
        var v = new Validation();
        var plannedFrom = v.Date(request.PlannedFrom, "plannedFrom");
        var plannedTo = v.Date(request.PlannedTo, "plannedTo", required: false);
        var reason = v.Text(request.Reason, "reason", 1000, required: false);
        if (v.Failed(out var invalid)) return invalid.ToProblem();

        var command = new RescheduleVisit(plannedFrom!.Value, plannedTo, reason, context.Actor);
        var outcome = await session.Append<Visit>(id, context, request, visit => Decide(visit, command), ct);
        return await outcome.RespondOk<VisitDetails>(session, http, ct);
    }
}
