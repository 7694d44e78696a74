using Cooperation.Vocabulary;
using Cooperation.Trade.Reports.Details;

namespace Cooperation.Trade.Reports.Listing;

public static class ListingReports
{
    public static RouteGroupBuilder MapListingReports(this RouteGroupBuilder group) =>
        group.MapRead("reports", ListAsync, "ListTradeReports",
            "Trade reports by reporter (a region takes in its cities and districts), partner (a country takes in its regions), flow and period");

    private static async Task<Results<Ok<Paged<TradeReportDetails>>, ProblemHttpResult>> ListAsync(
        string? reporter, string? partner, [OneOf(typeof(TradeVocabulary), nameof(TradeVocabulary.Flows))] string? flow, string? from, string? to, int? page, int? pageSize,
        Validation v, IQuerySession session, IServiceProvider services, CancellationToken ct)
    {
        var reporterCode = v.PlaceCode(reporter, "reporter");
        var partnerCode = v.PlaceCode(partner, "partner");
        v.OneOf(flow, "flow", TradeVocabulary.Flows, required: false);
        var fromMonth = v.Date(from, "from", required: false) is { } f ? ReportPeriod.FirstMonthOf(f) : (int?)null;
        var toMonth = v.Date(to, "to", required: false) is { } t ? ReportPeriod.LastMonthOf(t) : (int?)null;
        var (pageNumber, size) = Reads.Paging(page, pageSize, v);
        if (v.Failed(out var invalid)) return invalid.ToProblem();

        IQueryable<TradeReportDetails> query = session.Query<TradeReportDetails>();
        if (reporterCode is not null) query = query.Where(r => r.ReporterCode == reporterCode || r.ReporterRegion == reporterCode);
        if (partnerCode is not null) query = query.Where(r => r.PartnerCode == partnerCode || r.PartnerCountry == partnerCode);
        if (flow is not null) query = query.Where(r => r.Flow == flow);
        if (fromMonth is { } first) query = query.Where(r => r.LastMonth >= first);
        if (toMonth is { } last) query = query.Where(r => r.FirstMonth <= last);

        return TypedResults.Ok(await query.OrderByDescending(r => r.LastMonth).ThenBy(r => r.Id).PageAsync(pageNumber, size, session, services, ct));
    }
}
