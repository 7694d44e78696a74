using Cooperation.Vocabulary;
using Cooperation.Trade.Reports.Details;

namespace Cooperation.Trade.Reports.Turnover;

public static class ReadingTurnover
{
    public static RouteGroupBuilder MapReadingTurnover(this RouteGroupBuilder group) =>
        group.MapList("turnover", ReadAsync, "GetTurnoverSeries",
            "Exports, imports, turnover, balance and growth per period for a reporter and a partner, one series per flow, currency and kind of period");

    /// <summary>One row a point, each saying which series it is of.</summary>
    private static readonly Sheet<(TurnoverSeries Series, TurnoverPoint Point)> Sheet = new("turnover",
        new("Flow", "Поток", x => x.Series.Flow),
        new("Currency", "Валюта", x => x.Series.Currency),
        new("Unit", "Единица", x => x.Series.Unit),
        new("Periods", "Периоды", x => x.Series.Periods),
        new("Period", "Период", x => x.Point.Period.Label),
        new("From", "С", x => x.Point.Period.From.ToString()),
        new("To", "По", x => x.Point.Period.To.ToString()),
        new("Exports", "Экспорт", x => x.Point.Exports),
        new("Imports", "Импорт", x => x.Point.Imports),
        new("Turnover", "Товарооборот", x => x.Point.Turnover),
        new("Balance", "Сальдо", x => x.Point.Balance),
        new("Growth, %", "Рост, %", x => x.Point.GrowthPercent),
        new("Growth basis", "Основание роста", x => x.Point.GrowthBasis),
        new("Qualifiers", "Оговорки", x => x.Point.Qualifiers),
        new("Report", "Отчёт", x => x.Point.ReportId.ToString()));

    private static async Task<Results<Ok<TurnoverAnswer>, PushStreamHttpResult, ProblemHttpResult>> ReadAsync(
        string? reporter, string? partner, string? from, string? to, [OneOf(typeof(TradeVocabulary), nameof(TradeVocabulary.Flows))] string? flow,
        [OneOf(typeof(TradeVocabulary), nameof(TradeVocabulary.Units))] string? unit, Validation v, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        v.Require(reporter is not null, "reporter", "reporter is required: a code or a name, e.g. BY-VI.");
        v.Require(partner is not null, "partner", "partner is required: a code or a name, e.g. CN.");
        var reporterCode = v.PlaceCode(reporter, "reporter");
        var partnerCode = v.PlaceCode(partner, "partner");
        var start = v.Date(from, "from", required: false)?.Start;
        var end = v.Date(to, "to", required: false)?.End;
        v.Require(start is null || end is null || start <= end, "to", "to comes before from.");
        v.OneOf(flow, "flow", TradeVocabulary.Flows, required: false);
        v.OneOf(unit, "unit", TradeVocabulary.Units.Keys.ToHashSet(), required: false);
        if (v.Failed(out var invalid)) return invalid.ToProblem();

        IQueryable<TradeReportDetails> query = session.Query<TradeReportDetails>().Where(r => r.ReporterCode == reporterCode && r.PartnerCode == partnerCode);
        if (flow is not null) query = query.Where(r => r.Flow == flow);
        var reports = await query.ToListAsync(ct);
        var inUnit = unit ?? "million";
        var series = TurnoverSeriesBuilder.Build(reports, inUnit, start, end);
        // The reports of one reporter and partner: a series is computed from all of them, so they are read at once.
        if (Exports.Requested(http) is { } format) return Sheet.File(format, http, series.SelectMany(s => s.Points.Select(p => (s, p))));
        return TypedResults.Ok(new TurnoverAnswer(PartyOf(reporterCode!), PartyOf(partnerCode!), inUnit, series));
    }

    private static Party PartyOf(string code) => new PartyInput(code, Name: null, Level: null, Country: null, Region: null).Resolve(Gazetteer.Default).Party!;
}
