using Cooperation.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cooperation.Trade.Reports.Details;

public static class ReadingReports
{
    public static RouteGroupBuilder MapReadingReports(this RouteGroupBuilder group)
    {
        group.MapGet("reports/{id:guid}", GetAsync)
            .WithName("GetTradeReport")
            .WithSummary("A trade report with its current figures, at a version (?version=N) or as it stood at a moment (?asOf=UTC timestamp)");
        group.MapGet("reports/{id:guid}/history", HistoryAsync)
            .WithName("GetTradeReportHistory")
            .WithSummary("Every filing and revision of a trade report, oldest first, with who made it, when and why");
        return group;
    }

    private static Task<Results<Ok<TradeReportDetails>, ProblemHttpResult>> GetAsync(Guid id, long? version, DateTimeOffset? asOf,
        IQuerySession session, HttpContext http, CancellationToken ct) =>
        session.ReadView<TradeReportDetails>(id, version, asOf, http, ct);

    private static Task<Results<Ok<HistoryEntry[]>, ProblemHttpResult>> HistoryAsync(Guid id, IQuerySession session, CancellationToken ct) =>
        session.ReadHistory(id, ct);
}
