using Cooperation.Trade.Reports;
using Cooperation.Trade.Reports.Details;
using Cooperation.Trade.Reports.Turnover;
using Cooperation.Vocabulary;
using JasperFx.Events;

namespace Cooperation.Domain.Tests.Trade;

public class TurnoverSeriesTests
{
    private static readonly Party Vitebsk = new("BY-VI", "Vitebsk Region", "region", "BY", "BY-VI");
    private static readonly Party China = new("CN", "China", "country", "CN", null);

    private static TradeReportDetails Report(string from, string to, Figures figures, string flow = "goods", string? currency = "USD", string? unit = "million")
    {
        var period = ReportPeriod.Of(PartialDate.Parse(from), PartialDate.Parse(to)).Period!;
        var filed = new TradeReportFiled(Guid.NewGuid(), Vitebsk, China, period, flow, currency, unit, figures, Commodities.None, null, null);
        return TradeReportDetailsProjection.Create(new Event<TradeReportFiled>(filed) { Version = 1, Timestamp = DateTimeOffset.UnixEpoch });
    }

    [Fact]
    public void Growth_is_computed_from_the_same_period_a_year_earlier_when_both_are_known()
    {
        var series = Assert.Single(TurnoverSeriesBuilder.Build(
        [
            Report("2011", "2011", new Figures(Exports: 36.6m, Imports: 139.4m, Turnover: 176m, GrowthPercent: 18m)),
            Report("2010", "2010", new Figures(Turnover: 149.2m)),
        ], "million"));

        Assert.Equal(["2010", "2011"], series.Points.Select(p => p.Period.Label).ToArray());
        var y2011 = series.Points[1];
        Assert.Equal(18.0m, y2011.GrowthPercent);
        Assert.Equal("computed", y2011.GrowthBasis);
        Assert.Equal(18m, y2011.ReportedGrowthPercent);
        Assert.Equal(-102.8m, y2011.Balance);
        Assert.Equal(["balance"], y2011.Derived);
        Assert.Null(series.Points[0].GrowthBasis);
    }

    [Fact]
    public void The_reported_growth_stands_when_the_earlier_period_is_unknown()
    {
        var point = Assert.Single(Assert.Single(TurnoverSeriesBuilder.Build([Report("2009", "2009", new Figures(Turnover: 633.9m, GrowthPercent: -28.5m))], "million")).Points);
        Assert.Equal((-28.5m, "reported"), (point.GrowthPercent, point.GrowthBasis));
    }

    [Fact]
    public void Periods_of_different_lengths_flows_or_currencies_never_share_a_series()
    {
        var all = TurnoverSeriesBuilder.Build(
        [
            Report("2011", "2011", new Figures(Turnover: 176m)),
            Report("2012-01", "2012-05", new Figures(Exports: 116.2m)),
            Report("2012-01", "2012-09", new Figures(Exports: 180m)),
            Report("2012-01", "2012-05", new Figures(Exports: 11.6m), flow: "services"),
            Report("2010", "2010", new Figures(Turnover: 5000m), currency: "RUB"),
        ], "million");

        Assert.Equal(5, all.Length);
        Assert.All(all, s => Assert.Single(s.Points));
        Assert.Equal(["goods:year-to-date:USD:5", "goods:year-to-date:USD:9", "goods:year:RUB:12", "goods:year:USD:12", "services:year-to-date:USD:5"],
            all.Select(s => $"{s.Flow}:{s.PeriodKind}:{s.Currency}:{s.Months}").Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(["January-September", "January-May"], all.Where(s => s.PeriodKind == "year-to-date" && s.Flow == "goods").Select(s => s.Periods).ToArray());
    }

    [Fact]
    public void Money_is_shown_in_one_unit_and_a_growth_only_report_joins_its_series()
    {
        var series = Assert.Single(TurnoverSeriesBuilder.Build(
        [
            Report("2021", "2021", new Figures(Turnover: 52300m), unit: "thousand"),
            Report("2022", "2022", new Figures(GrowthPercent: 90m), currency: null, unit: null),
        ], "million"));
        Assert.Equal("USD", series.Currency);
        Assert.Equal(52.3m, series.Points[0].Turnover);
        Assert.Equal((90m, "reported"), (series.Points[1].GrowthPercent, series.Points[1].GrowthBasis));
    }

    [Fact]
    public void A_window_keeps_the_growth_computed_from_periods_outside_it()
    {
        var series = Assert.Single(TurnoverSeriesBuilder.Build(
        [
            Report("2010", "2010", new Figures(Turnover: 100m)),
            Report("2011", "2011", new Figures(Turnover: 125m)),
        ], "million", from: new DateOnly(2011, 1, 1)));
        var point = Assert.Single(series.Points);
        Assert.Equal(25.0m, point.GrowthPercent);
    }

    [Theory]
    [InlineData(176, 149.2, 18.0)]
    [InlineData(633.9, 886, -28.5)]
    [InlineData(1, 3, -66.7)]
    public void Growth_is_the_percent_change_rounded_to_one_decimal(decimal now, decimal earlier, decimal growth) =>
        Assert.Equal(growth, TurnoverSeriesBuilder.Growth(now, earlier));

    [Fact]
    public void Growth_needs_both_figures_and_an_earlier_figure_above_zero()
    {
        Assert.Null(TurnoverSeriesBuilder.Growth(10m, null));
        Assert.Null(TurnoverSeriesBuilder.Growth(null, 10m));
        Assert.Null(TurnoverSeriesBuilder.Growth(10m, 0m));
    }
}
