using Cooperation.Vocabulary;
using Cooperation.Trade.Reports.Details;

namespace Cooperation.Trade.Reports.Listing;

public static class ListingReports
{
    public static RouteGroupBuilder MapListingReports(this RouteGroupBuilder group) =>
        group.MapList("reports", ListAsync, "ListTradeReports",
            "Trade reports by reporter (a region takes in its cities and districts), partner (a country takes in its regions), flow and period");

    private static readonly Sheet<TradeReportDetails> Sheet = new("trade-reports",
        new("Id", "Идентификатор", r => r.Id.ToString()),
        new("Reporter", "Отчитывающаяся сторона", r => r.Reporter),
        new("Partner", "Партнёр", r => r.Partner),
        new("Period", "Период", r => r.Period.Label),
        new("From", "С", r => r.Period.From.ToString()),
        new("To", "По", r => r.Period.To.ToString()),
        new("Flow", "Поток", r => r.Flow),
        new("Currency", "Валюта", r => r.Currency),
        new("Unit", "Единица", r => r.Unit),
        new("Exports", "Экспорт", r => r.Exports),
        new("Imports", "Импорт", r => r.Imports),
        new("Turnover", "Товарооборот", r => r.Turnover),
        new("Balance", "Сальдо", r => r.Balance),
        new("Growth, %", "Рост, %", r => r.GrowthPercent),
        new("Qualifiers", "Оговорки", r => r.Qualifiers),
        new("Source", "Источник", r => r.Source?.Title),
        new("Quote", "Цитата", r => r.Source?.Quote),
        new("Locator", "Место в источнике", r => r.Source?.Locator),
        new("Note", "Примечание", r => r.Note),
        new("Version", "Версия", r => r.Version),
        new("Updated at", "Изменено", r => r.UpdatedAt));

    private static async Task<Results<Ok<Paged<TradeReportDetails>>, PushStreamHttpResult, ProblemHttpResult>> ListAsync(
        string? reporter, string? partner, [OneOf(typeof(TradeVocabulary), nameof(TradeVocabulary.Flows))] string? flow, string? from, string? to, int? page, int? pageSize,
        Validation v, IQuerySession session, IServiceProvider services, HttpContext http, CancellationToken ct)
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

        var ordered = query.OrderByDescending(r => r.LastMonth).ThenBy(r => r.Id);
        if (Exports.Requested(http) is { } format) return Sheet.File(format, http, ordered.AllAsync(session, services, ct));
        return TypedResults.Ok(await ordered.PageAsync(pageNumber, size, session, services, ct));
    }
}
