using Cooperation.Vocabulary;
using Cooperation.Delegations.Details;

namespace Cooperation.Delegations.Starting;

public sealed record StartVisitRequest([property: PartialDateText] string? On);

public sealed record StartVisit(PartialDate On, Actor Actor, DateOnly Today);

public static class Starting
{
    /// <summary>
    /// The committee reports the delegation under way ("the delegation is now in Belarus"): from then until its completion the
    /// visit reads under way, never overdue, whatever its planned dates say. Only a visit still planned can start.
    /// </summary>
    public static Decision Decide(Visit visit, StartVisit command)
    {
        if (visit.Guard(command.Actor) is { } denied) return denied;
        if (visit.MustBePlanned() is { } notPlanned) return notPlanned;
        if (command.On.Start > command.Today) return DomainError.Invalid("on", "A visit cannot be under way before the day it begins.");
        return Decision.Of(new VisitStarted(visit.Id, command.On));
    }

    public static RouteGroupBuilder MapStarting(this RouteGroupBuilder group) =>
        group.MapWrite("{id:guid}/start", HandleAsync, "StartVisit",
            "Records that a planned visit is under way, from the day (month or year) it began, until its completion");

    private static Task<Results<Ok<VisitDetails>, Accepted<ValidatedWrite>, ProblemHttpResult>> HandleAsync(
        Guid id, StartVisitRequest request, Validation v, Write write)
    {
        var on = v.Date(request.On, "on");
        return write.Append<Visit, VisitDetails>(id, request, v, visit => Decide(visit, new StartVisit(on!.Value, write.Actor, write.Today)));
    }
}
