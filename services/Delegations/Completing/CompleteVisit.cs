using Cooperation.Vocabulary;
using Cooperation.Delegations.Details;

namespace Cooperation.Delegations.Completing;

public sealed record CompleteVisitRequest([property: PartialDateText] string? From, [property: PartialDateText] string? To, string? Summary);

public sealed record CompleteVisit(PartialDate From, PartialDate To, string? Summary, Actor Actor, DateOnly Today);

public static class Completing
{
    /// <summary>
    /// Records that the visit took place, on its actual dates, which may differ from the planned ones; the plan item it names
    /// goes with the event, for the Agreements service to record as done. Both dates have come: a visit still under way is
    /// completed once it has ended, and
    /// not before it began.
    /// </summary>
    public static Decision Decide(Visit visit, CompleteVisit command)
    {
        if (visit.Guard(command.Actor) is { } denied) return denied;
        if (visit.MustBeOpen() is { } closed) return closed;
        if (Visit.CheckDates(command.From, command.To, "to") is { } invalid) return invalid;
        if (visit.StartedOn is { } started && command.To.End < started.Start)
            return DomainError.Invalid("to", $"The visit was under way from {started}: it cannot have ended before.");
        if (command.From.Start > command.Today) return DomainError.Invalid("from", "A visit cannot be completed before it has begun.");
        if (command.To.Start > command.Today) return DomainError.Invalid("to", "A visit cannot be completed before it has ended: its end is still to come.");
        return Decision.Of(new VisitCompleted(visit.Id, command.From, command.To, command.Summary, visit.PlanItem));
    }

    public static RouteGroupBuilder MapCompleting(this RouteGroupBuilder group) =>
        group.MapWrite("{id:guid}/completion", HandleAsync, "CompleteVisit",
            "Records that a visit, planned or under way, took place, with its actual dates and a summary");

    private static Task<Results<Ok<VisitDetails>, Accepted<ValidatedWrite>, ProblemHttpResult>> HandleAsync(
        Guid id, CompleteVisitRequest request, Validation v, Write write)
    {
        var from = v.Date(request.From, "from");
        var to = v.Date(request.To, "to");
        var summary = v.Text(request.Summary, "summary", 4000, required: false);
        return write.Append<Visit, VisitDetails>(id, request, v,
            visit => Decide(visit, new CompleteVisit(from!.Value, to!.Value, summary, write.Actor, write.Today)));
    }
}
