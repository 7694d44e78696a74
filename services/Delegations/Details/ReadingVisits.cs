using Cooperation.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cooperation.Delegations.Details;

public static class ReadingVisits
{
    public static RouteGroupBuilder MapReadingVisits(this RouteGroupBuilder group)
    {
        group.MapGet("{id:guid}", GetAsync)
            .WithName("GetVisit")
            .WithSummary("A visit now, at a version (?version=N) or as it stood at a moment (?asOf=UTC timestamp)");
        group.MapGet("{id:guid}/history", HistoryAsync)
            .WithName("GetVisitHistory")
            .WithSummary("Every change to a visit, oldest first, with who made it, when and under which correlation");
        return group;
    }

    private static Task<Results<Ok<VisitDetails>, ProblemHttpResult>> GetAsync(Guid id, long? version, DateTimeOffset? asOf,
        IQuerySession session, HttpContext http, CancellationToken ct) =>
        session.ReadView<VisitDetails>(id, version, asOf, http, ct);

    private static Task<Results<Ok<HistoryEntry[]>, ProblemHttpResult>> HistoryAsync(Guid id, IQuerySession session, CancellationToken ct) =>
        session.ReadHistory(id, ct);
}
