using Cooperation.Vocabulary;
using Cooperation.Trade.Input;
using Cooperation.Trade.Reports.Details;

namespace Cooperation.Trade.Reports.Filing;

public sealed record PeriodInput([property: PartialDateText] string? From, [property: PartialDateText] string? To);

public sealed record FileReportRequest(
    PartyInput? Reporter,
    PartyInput? Partner,
    PeriodInput? Period,
    [property: OneOf(typeof(TradeVocabulary), nameof(TradeVocabulary.Flows))] string? Flow,
    [property: OneOf(typeof(Currencies), nameof(Currencies.Iso4217))] string? Currency,
    [property: OneOf(typeof(TradeVocabulary), nameof(TradeVocabulary.Units))] string? Unit,
    decimal? Exports,
    decimal? Imports,
    decimal? Turnover,
    decimal? Balance,
    decimal? GrowthPercent,
    decimal? ExportsGrowthPercent,
    decimal? ImportsGrowthPercent,
    decimal? SharePercent,
    CommoditiesInput? Commodities,
    SourceInput? Source,
    string? Note,
    IReadOnlyDictionary<string, string?>? Qualifiers = null);

public sealed record FileReport(
    Guid Id,
    Party Reporter,
    Party Partner,
    ReportPeriod Period,
    string Flow,
    string? Currency,
    string? Unit,
    Figures Figures,
    Commodities Commodities,
    Source? Source,
    string? Note,
    bool AlreadyFiled,
    Actor Actor,
    DateOnly Today);

public static class Filing
{
    /// <summary>Files a report: one per reporter, partner, flow and period; later figures for it are revisions.</summary>
    public static Decision Decide(FileReport command)
    {
        if (!command.Actor.MayWrite([command.Reporter])) return DomainError.Forbidden("You may file only reports whose reporter lies in your territory.");
        if (command.AlreadyFiled) return DomainError.Conflict($"A {command.Flow} report of {command.Reporter.Name} with {command.Partner.Name} " +
            $"for {command.Period} is already filed as {command.Id}; revise it instead.");
        if (command.Period.To.Start > command.Today) return DomainError.Invalid("period.to", "A report cannot cover months that have not begun.");
        if (SamePlace(command.Reporter, command.Partner)) return DomainError.Invalid("partner", "The partner must lie outside the reporter.");
        if (TradeReportRules.Check(command.Figures, command.Commodities, command.Currency, command.Unit) is { } invalid) return invalid;
        return Decision.Of(new TradeReportFiled(command.Id, command.Reporter, command.Partner, command.Period, command.Flow, command.Currency,
            command.Unit, command.Figures, command.Commodities, command.Source, command.Note));
    }

    private static bool SamePlace(Party a, Party b) =>
        a.Code is { } x && b.Code is { } y && (Gazetteer.Default.IsWithin(x, y) || Gazetteer.Default.IsWithin(y, x));

    /// <summary>
    /// The report's id follows from what it reports on, so a second filing for the same period meets the first
    /// even when both arrive at once.
    /// </summary>
    public static Guid IdOf(Party reporter, Party partner, string flow, ReportPeriod period) =>
        NamedIds.From($"trade-report|{reporter.Code}|{partner.Code}|{flow}|{period.From}|{period.To}");

    public static RouteGroupBuilder MapFiling(this RouteGroupBuilder group) =>
        group.MapWrite("reports", HandleAsync, "FileTradeReport",
            "Files a region's trade figures with a partner over a period; contradictory figures are refused naming the fields");

    private static async Task<Results<Created<TradeReportDetails>, Accepted<ValidatedWrite>, ProblemHttpResult>> HandleAsync(
        FileReportRequest request, Validation v, Write write)
    {
        var reporter = Place(v.Party(request.Reporter, "reporter"), "reporter", v);
        var partner = Place(v.Party(request.Partner, "partner"), "partner", v);
        var period = Period(request.Period, v);
        var flow = v.OneOf(request.Flow, "flow", TradeVocabulary.Flows);
        var currency = v.Currency(request.Currency);
        var unit = v.OneOf(request.Unit, "unit", TradeVocabulary.Units.Keys.ToHashSet(), required: false);
        var given = new Figures(request.Exports, request.Imports, request.Turnover, request.Balance, request.GrowthPercent,
            request.ExportsGrowthPercent, request.ImportsGrowthPercent, request.SharePercent);
        var figures = v.Figures(given with { Qualifiers = v.Qualifiers(request.Qualifiers, Figures.NameSet, n => given[n] is not null) });
        var commodities = v.Commodities(request.Commodities);
        var source = v.Source(request.Source);
        var note = v.Note(request.Note);
        // The id follows from what the request names, so it is looked up only once the request is known to be valid.
        if (v.Failed(out var invalid)) return invalid.ToProblem();

        var id = IdOf(reporter!, partner!, flow!, period!);
        var filed = await write.Session.LoadAsync<TradeReportDetails>(id, write.RequestAborted) is not null;
        var command = new FileReport(id, reporter!, partner!, period!, flow!, currency, unit, figures, commodities, source, note, filed,
            write.Actor, write.Today);
        return await write.Start<TradeReport, TradeReportDetails>(id, request, v, () => Decide(command));
    }

    private static Party? Place(Party? party, string field, Validation v)
    {
        v.Require(party is null || party.Level != PartyLevels.Organisation, field, $"{field} must be a country, region, city or district.");
        return party;
    }

    private static ReportPeriod? Period(PeriodInput? input, Validation v)
    {
        if (input is null)
        {
            v.Add("period", "period is required: {from, to}, years (2009) or months (2012-01).");
            return null;
        }
        var from = v.Date(input.From, "period.from");
        var to = input.To is null ? from : v.Date(input.To, "period.to");
        if (from is null || to is null) return null;
        var (period, error) = ReportPeriod.Of(from.Value, to.Value);
        if (error is not null) v.Add("period", error);
        return period;
    }
}
