using Cooperation.Vocabulary;
using Cooperation.Delegations.VisitCounts.Details;

namespace Cooperation.Delegations.VisitCounts.Recounting;

public sealed record RecountVisitsRequest(int? Count, string? Reason, IReadOnlyDictionary<string, string?>? Qualifiers = null, SourceInput? Source = null);

public sealed record RecountVisits(VisitNumber Number, string Reason, Actor Actor, Source? Source = null);

public static class RecountingVisits
{
    /// <summary>Corrects a count; the number it replaces stays in the history.</summary>
    public static Decision Decide(VisitCount count, RecountVisits command)
    {
        if (count.Guard(command.Actor) is { } denied) return denied;
        if (command.Number == count.Number) return DomainError.Invalid("count", "The revision changes nothing.");
        return Decision.Of(new VisitsRecounted(count.Id, command.Number, command.Reason, command.Source));
    }

    public static RouteGroupBuilder MapRecountingVisits(this RouteGroupBuilder group) =>
        group.MapWrite("{id:guid}/revisions", HandleAsync, "ReviseVisitCount", "Corrects a count of visits for a period, with the reason");

    private static Task<Results<Ok<VisitCountDetails>, Accepted<ValidatedWrite>, ProblemHttpResult>> HandleAsync(
        Guid id, RecountVisitsRequest request, Validation v, Write write)
    {
        var number = v.Number(request.Count, request.Qualifiers);
        var reason = v.Text(request.Reason, "reason", 2000);
        var source = v.Source(request.Source);
        return write.Append<VisitCount, VisitCountDetails>(id, request, v, count => Decide(count, new RecountVisits(number!, reason!, write.Actor, source)));
    }
}
