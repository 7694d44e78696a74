using Cooperation.Vocabulary;
using Cooperation.Delegations.Details;

namespace Cooperation.Delegations.Rescheduling;

public sealed record RescheduleVisitRequest([property: PartialDateText] string? PlannedFrom, [property: PartialDateText] string? PlannedTo, string? Reason);

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

    public static RouteGroupBuilder MapRescheduling(this RouteGroupBuilder group) =>
        group.MapWrite("{id:guid}/reschedule", HandleAsync, "RescheduleVisit",
            "Moves a planned visit to new dates");

    private static Task<Results<Ok<VisitDetails>, Accepted<ValidatedWrite>, ProblemHttpResult>> HandleAsync(
        Guid id, RescheduleVisitRequest request, Validation v, Write write)
    {
        var plannedFrom = v.Date(request.PlannedFrom, "plannedFrom");
        var plannedTo = v.Date(request.PlannedTo, "plannedTo", required: false);
        var reason = v.Text(request.Reason, "reason", 1000, required: false);
        return write.Append<Visit, VisitDetails>(id, request, v,
            visit => Decide(visit, new RescheduleVisit(plannedFrom!.Value, plannedTo, reason, write.Actor)));
    }
}
