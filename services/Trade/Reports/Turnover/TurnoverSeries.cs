using Cooperation.Trade.Reports.Details;

namespace Cooperation.Trade.Reports.Turnover;

/// <summary>The trade of a reporter with a partner as series, one per flow, currency and kind of period.</summary>
public sealed record TurnoverAnswer(Party Reporter, Party Partner, string Unit, TurnoverSeries[] Series);

/// <param name="Periods">What the periods are: calendar years, quarters, months, or a span such as January-May.</param>
public sealed record TurnoverSeries(string Flow, string? Currency, string Unit, string PeriodKind, string Periods, int Months, TurnoverPoint[] Points);

/// <param name="GrowthPercent">Change of turnover against the same period a year earlier: computed when both turnovers are known, otherwise as reported.</param>
/// <param name="GrowthBasis">computed, reported, or null when neither is known.</param>
/// <param name="Derived">The money figures that follow from the others rather than being reported.</param>
/// <param name="Qualifiers">The point's figures stated or following only roughly (about, at-least, at-most); null when all are exact.</param>
public sealed record TurnoverPoint(
    PeriodView Period,
    decimal? Exports,
    decimal? Imports,
    decimal? Turnover,
    decimal? Balance,
    decimal? GrowthPercent,
    string? GrowthBasis,
    decimal? ReportedGrowthPercent,
    string[] Derived,
    Guid ReportId,
    long Version,
    IReadOnlyDictionary<string, string>? Qualifiers = null);

public static class TurnoverSeriesBuilder
{
    private static readonly string[] KindOrder = ["year", "year-to-date", "quarter", "month", "months"];

    /// <summary>
    /// Groups reports into series that never mix periods of different lengths, flows or currencies, expresses money
    /// in one unit, and computes growth from the same period a year earlier where both are known.
    /// </summary>
    public static TurnoverSeries[] Build(IEnumerable<TradeReportDetails> reports, string unit, DateOnly? from = null, DateOnly? to = null)
    {
        var series = new List<TurnoverSeries>();
        foreach (var byShape in reports.GroupBy(r => (r.Flow, Key: r.ReportPeriod().SeriesKey)))
        {
            var currencies = byShape.Select(r => r.Currency).OfType<string>().Distinct().ToArray();
            // A report without money (growth only) joins its flow's series when there is just one currency to join.
            foreach (var byCurrency in byShape.GroupBy(r => r.Currency ?? (currencies.Length == 1 ? currencies[0] : null)))
            {
                var points = Points(byCurrency.ToArray(), unit)
                    .Where(p => (from is null || p.Period.From.Start >= from) && (to is null || p.Period.To.End <= to))
                    .ToArray();
                if (points.Length == 0) continue;
                var sample = byCurrency.First().ReportPeriod();
                series.Add(new TurnoverSeries(byShape.Key.Flow, byCurrency.Key, unit, sample.Kind, sample.SeriesName, sample.Months, points));
            }
        }
        return series.OrderBy(s => s.Flow).ThenBy(s => Array.IndexOf(KindOrder, s.PeriodKind)).ThenByDescending(s => s.Months).ThenBy(s => s.Currency).ToArray();
    }

    private static IEnumerable<TurnoverPoint> Points(TradeReportDetails[] reports, string unit)
    {
        var completed = reports.ToDictionary(r => r.ReportPeriod().FirstMonth, r => (Report: r, Figures: InUnit(r, unit)));
        foreach (var (first, (report, figures)) in completed.OrderBy(p => p.Key))
        {
            var earlier = completed.TryGetValue(first - 12, out var e) ? e.Figures : null;
            var computed = Growth(figures.Turnover, earlier?.Turnover);
            var reportedFigures = report.Figures();
            // Growth from a turnover known to be at least so much now is at least so much; from one a year earlier, at most.
            var growthQualifier = computed is not null
                ? Qualifiers.Combine([(figures.QualifierOf(Figures.TurnoverField), 1), (earlier!.QualifierOf(Figures.TurnoverField), -1)])
                : reportedFigures.QualifierOf(Figures.GrowthField);
            var qualifiers = Qualifiers.Normalised(Figures.MoneyNames.Select(n => KeyValuePair.Create(n, figures.QualifierOf(n)))
                .Append(KeyValuePair.Create(Figures.GrowthField, growthQualifier)));
            yield return new TurnoverPoint(report.Period, figures.Exports, figures.Imports, figures.Turnover, figures.Balance,
                computed ?? report.GrowthPercent, computed is not null ? "computed" : report.GrowthPercent is not null ? "reported" : null,
                report.GrowthPercent, reportedFigures.DerivedNames(), report.Id, report.Version, qualifiers);
        }
    }

    private static Figures InUnit(TradeReportDetails report, string unit)
    {
        var f = report.Figures().Completed();
        if (report.Unit is not { } from) return f;
        return f with
        {
            Exports = TradeVocabulary.Convert(f.Exports, from, unit),
            Imports = TradeVocabulary.Convert(f.Imports, from, unit),
            Turnover = TradeVocabulary.Convert(f.Turnover, from, unit),
            Balance = TradeVocabulary.Convert(f.Balance, from, unit),
        };
    }

    /// <summary>Percent change from <paramref name="earlier"/> to <paramref name="now"/>, to one decimal; unknown from nothing.</summary>
    public static decimal? Growth(decimal? now, decimal? earlier) =>
        now is { } n && earlier is { } e && e > 0 ? Math.Round((n / e - 1m) * 100m, 1, MidpointRounding.AwayFromZero) : null;
}
