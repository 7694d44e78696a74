using Cooperation.Vocabulary;
using Cooperation.Trade.Reports.Details;

namespace Cooperation.Trade.Reports.Turnover;

public static class ReadingTurnover
{
    public static RouteGroupBuilder MapReadingTurnover(this RouteGroupBuilder group) =>
        group.MapRead("turnover", ReadAsync, "GetTurnoverSeries",
            "Exports, imports, turnover, balance and growth per period for a reporter and a partner, one series per flow, currency and kind of period");

    private static async Task<Results<Ok<TurnoverAnswer>, ProblemHttpResult>> ReadAsync(
        string? reporter, string? partner, string? from, string? to, [OneOf(typeof(TradeVocabulary), nameof(TradeVocabulary.Flows))] string? flow,
        [OneOf(typeof(TradeVocabulary), nameof(TradeVocabulary.Units))] string? unit, Validation v, IQuerySession session, CancellationToken ct)
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
        return TypedResults.Ok(new TurnoverAnswer(PartyOf(reporterCode!), PartyOf(partnerCode!), inUnit,
            TurnoverSeriesBuilder.Build(reports, inUnit, start, end)));
    }

    private static Party PartyOf(string code) => new PartyInput(code, Name: null, Level: null, Country: null, Region: null).Resolve(Gazetteer.Default).Party!;
}
