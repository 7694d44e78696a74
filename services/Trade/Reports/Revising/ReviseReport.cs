using Cooperation.Vocabulary;
using Cooperation.Trade.Input;
using Cooperation.Trade.Reports.Details;

namespace Cooperation.Trade.Reports.Revising;

public sealed record ReviseReportRequest(
    decimal? Exports,
    decimal? Imports,
    decimal? Turnover,
    decimal? Balance,
    decimal? GrowthPercent,
    decimal? ExportsGrowthPercent,
    decimal? ImportsGrowthPercent,
    decimal? SharePercent,
    [property: OneOf(typeof(Figures), nameof(Figures.Names))] string?[]? Withdraw,
    CommoditiesInput? Commodities,
    [property: OneOf(typeof(Currencies), nameof(Currencies.Iso4217))] string? Currency,
    [property: OneOf(typeof(TradeVocabulary), nameof(TradeVocabulary.Units))] string? Unit,
    string? Reason,
    SourceInput? Source = null,
    IReadOnlyDictionary<string, string?>? Qualifiers = null);

public sealed record ReviseReport(Figures Changes, string[] Withdrawn, Commodities? Commodities, string? Currency, string? Unit, string Reason, Actor Actor,
    Source? Source = null);

public static class Revising
{
    /// <summary>
    /// Revises a report by appending what changed and why; the figures it replaces stay in the history.
    /// A figure restated unchanged is not a change; the revised figures must agree with each other as a filing's must.
    /// </summary>
    public static Decision Decide(TradeReport report, ReviseReport command)
    {
        if (report.Guard(command.Actor) is { } denied) return denied;
        if (command.Currency is { } currency && report.Currency is { } current && currency != current)
            return DomainError.Invalid("currency", $"The report is in {current}; a revision gives figures in the report's currency.");
        if (command.Unit is { } unit && report.Unit is { } currentUnit && unit != currentUnit)
            return DomainError.Invalid("unit", $"The report is in {currentUnit}s; a revision gives figures in the report's unit.");

        var revised = report.Figures.Revise(command.Changes, command.Withdrawn);
        var changed = revised.DifferencesFrom(report.Figures).ToHashSet();
        var commodities = command.Commodities is { } c && !SameCommodities(c, report.Commodities) ? c : null;
        var newCurrency = report.Currency is null ? command.Currency : null;
        var newUnit = report.Unit is null ? command.Unit : null;
        if (changed.Count == 0 && commodities is null && newCurrency is null && newUnit is null)
            return DomainError.Invalid("figures", "The revision changes nothing: every figure it gives is already the report's.");
        if (TradeReportRules.Check(revised, commodities ?? report.Commodities, newCurrency ?? report.Currency, newUnit ?? report.Unit) is { } invalid)
            return invalid;

        var changes = Figures.Names.Where(n => changed.Contains(n) && revised[n] is not null).Aggregate(Figures.None, (f, n) => f.With(n, revised[n], revised.QualifierOf(n)));
        var withdrawn = Figures.Names.Where(n => changed.Contains(n) && revised[n] is null).ToArray();
        return Decision.Of(new TradeReportRevised(report.Id, changes, withdrawn, commodities, newCurrency, newUnit, command.Reason, command.Source));
    }

    private static bool SameCommodities(Commodities a, Commodities b) => a.Exports.SequenceEqual(b.Exports) && a.Imports.SequenceEqual(b.Imports);

    public static RouteGroupBuilder MapRevising(this RouteGroupBuilder group) =>
        group.MapWrite("reports/{id:guid}/revisions", HandleAsync, "ReviseTradeReport",
            "Revises a report's figures with a reason: given figures replace, withdrawn ones are removed, the rest stay");

    private static Task<Results<Ok<TradeReportDetails>, Accepted<ValidatedWrite>, ProblemHttpResult>> HandleAsync(
        Guid id, ReviseReportRequest request, Validation v, Write write)
    {
        var given = new Figures(request.Exports, request.Imports, request.Turnover, request.Balance, request.GrowthPercent,
            request.ExportsGrowthPercent, request.ImportsGrowthPercent, request.SharePercent);
        // A figure given without a qualifier is exact from this revision on, as a figure given with one is qualified.
        var changes = v.Figures(given with { Qualifiers = v.Qualifiers(request.Qualifiers, Figures.NameSet, n => given[n] is not null) });
        var withdraw = request.Withdraw ?? [];
        for (var i = 0; i < withdraw.Length; i++)
        {
            v.OneOf(withdraw[i], $"withdraw[{i}]", Figures.Names.ToHashSet());
            v.Require(withdraw[i] is null || !Figures.Names.Contains(withdraw[i]) || changes[withdraw[i]!] is null, $"withdraw[{i}]",
                $"{withdraw[i]} is both given and withdrawn.");
        }
        var commodities = request.Commodities is null ? null : v.Commodities(request.Commodities);
        var currency = v.Currency(request.Currency);
        var unit = v.OneOf(request.Unit, "unit", TradeVocabulary.Units.Keys.ToHashSet(), required: false);
        var reason = v.Text(request.Reason, "reason", 2000);
        var source = v.Source(request.Source);
        return write.Append<TradeReport, TradeReportDetails>(id, request, v,
            report => Decide(report, new ReviseReport(changes, withdraw.OfType<string>().Distinct().ToArray(), commodities, currency, unit, reason!,
                write.Actor, source)));
    }
}
