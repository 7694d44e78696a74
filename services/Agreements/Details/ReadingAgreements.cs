using Cooperation.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cooperation.Agreements.Details;

public static class ReadingAgreements
{
    public static RouteGroupBuilder MapReadingAgreements(this RouteGroupBuilder group)
    {
        group.MapGet("{id:guid}", GetAsync)
            .WithName("GetAgreement")
            .WithSummary("An agreement now, at a version (?version=N) or as it stood at a moment (?asOf=UTC timestamp)");
        group.MapGet("{id:guid}/history", HistoryAsync)
            .WithName("GetAgreementHistory")
            .WithSummary("Every change to an agreement, oldest first, with who made it, when and under which correlation");
        return group;
    }

    private static Task<Results<Ok<AgreementDetails>, ProblemHttpResult>> GetAsync(Guid id, long? version, DateTimeOffset? asOf,
        IQuerySession session, HttpContext http, CancellationToken ct) =>
        session.ReadView<AgreementDetails>(id, version, asOf, http, ct);

    private static Task<Results<Ok<HistoryEntry[]>, ProblemHttpResult>> HistoryAsync(Guid id, IQuerySession session, CancellationToken ct) =>
        session.ReadHistory(id, ct);
}
