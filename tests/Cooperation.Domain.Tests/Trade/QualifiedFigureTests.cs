using Cooperation.Trade.CompanyCounts;
using Cooperation.Trade.Reports;
using Cooperation.Trade.Reports.Details;
using Cooperation.Trade.Reports.Turnover;
using Cooperation.Vocabulary;
using JasperFx.Events;

namespace Cooperation.Domain.Tests.Trade;

/// <summary>A figure the source states roughly ("about 345", "more than 190 percent") stands for the range it states.</summary>
public class QualifiedFigureTests
{
    private static Figures Q(Figures f, params (string Figure, string Qualifier)[] qualifiers) =>
        f with { Qualifiers = qualifiers.ToDictionary(q => q.Figure, q => q.Qualifier) };

    [Fact]
    public void About_stands_for_ten_percent_either_way()
    {
        // 20 + 7 = 27: exact, 30 is a contradiction; about 30 covers 27 to 33.
        var figures = new Figures(Exports: 20m, Imports: 7m, Turnover: 30m);
        Assert.NotEmpty(FigureRules.Contradictions(figures));
        Assert.Empty(FigureRules.Contradictions(Q(figures, ("turnover", "about"))));
        Assert.NotEmpty(FigureRules.Contradictions(Q(figures with { Turnover = 32m }, ("turnover", "about"))));
        Assert.Equal(new Bounds(-11m, -9m), Bounds.Of(-10m, Qualifiers.About));
    }

    [Fact]
    public void At_least_is_open_above_and_at_most_open_below()
    {
        var figures = new Figures(Exports: 20m, Imports: 7m, Turnover: 25m);
        // A turnover of more than 25 may be 27; one of at most 25 may not.
        Assert.Empty(FigureRules.Contradictions(Q(figures, ("turnover", "at-least"))));
        Assert.NotEmpty(FigureRules.Contradictions(Q(figures, ("turnover", "at-most"))));
        // 20 + 7 is more than 25; exports of at most 20 may be less.
        Assert.Empty(FigureRules.Contradictions(Q(figures, ("exports", "at-most"))));
        Assert.NotEmpty(FigureRules.Contradictions(Q(figures, ("exports", "at-least"))));
        Assert.Equal(new Bounds(189.5m, null), Bounds.Of(190m, Qualifiers.AtLeast));
        Assert.Equal(new Bounds(null, 12.5m), Bounds.Of(12m, Qualifiers.AtMost));
    }

    [Fact]
    public void Growth_more_than_a_figure_is_a_lower_bound_on_the_change()
    {
        // Exports grew by 100 % and imports by 10 % from 10 and 10: turnover from 20 to 31, +55 %.
        var now = new Figures(Exports: 20m, Imports: 11m, ExportsGrowthPercent: 100m, ImportsGrowthPercent: 10m);
        Assert.NotEmpty(FigureRules.Contradictions(now with { GrowthPercent = 90m }));
        Assert.Empty(FigureRules.Contradictions(Q(now with { GrowthPercent = 50m }, ("growthPercent", "at-least"))));
        Assert.NotEmpty(FigureRules.Contradictions(Q(now with { GrowthPercent = 90m }, ("growthPercent", "at-least"))));
        Assert.Empty(FigureRules.Contradictions(Q(now with { GrowthPercent = 90m }, ("growthPercent", "at-most"))));
    }

    [Fact]
    public void A_figure_completed_from_qualified_ones_is_qualified_by_how_they_add_up()
    {
        Assert.Equal("about", new Figures(Exports: 20m, Imports: 7m, Qualifiers: new Dictionary<string, string> { ["exports"] = "about" }).Completed().QualifierOf("turnover"));
        var atLeast = new Figures(Exports: 20m, Imports: 7m, Qualifiers: new Dictionary<string, string> { ["imports"] = "at-least" }).Completed();
        Assert.Equal("at-least", atLeast.QualifierOf("turnover"));
        Assert.Equal("at-most", atLeast.QualifierOf("balance"));
        Assert.Null(new Figures(Exports: 20m, Imports: 7m).Completed().Qualifiers);
    }

    [Fact]
    public void A_revision_that_only_qualifies_a_figure_changes_it_and_an_unqualified_one_makes_it_exact()
    {
        var about = Q(new Figures(Turnover: 345m), ("turnover", "about"));
        Assert.Equal(["turnover"], about.DifferencesFrom(new Figures(Turnover: 345m)));
        Assert.Null(about.Revise(new Figures(Turnover: 345m), []).QualifierOf("turnover"));
        Assert.Null(about.Revise(Figures.None, ["turnover"]).Qualifiers);
        Assert.Equal("about", new Figures(Turnover: 345m).Revise(about, []).QualifierOf("turnover"));
    }

    [Fact]
    public void A_series_says_which_points_are_qualified_and_growth_from_them_too()
    {
        var point = TurnoverSeriesBuilder.Build(
            [Report("2021", new Figures(Turnover: 100m)), Report("2022", Q(new Figures(Turnover: 290m), ("turnover", "at-least")))], "million")
            .Single().Points.Last();
        Assert.Equal("at-least", point.Qualifiers!["turnover"]);
        Assert.Equal("at-least", point.Qualifiers!["growthPercent"]);
        Assert.Equal(190m, point.GrowthPercent);
    }

    [Fact]
    public void Counts_given_as_more_than_may_hold_more_than_they_say()
    {
        Assert.NotEmpty(new CompanyNumbers(9, 3, 5).Contradictions());
        Assert.Empty(new CompanyNumbers(9, 3, 5, new Dictionary<string, string> { ["foreignOwned"] = "at-least" }).Contradictions());
        Assert.NotEmpty(new CompanyNumbers(9, 3, 7, new Dictionary<string, string> { ["foreignOwned"] = "at-least" }).Contradictions());
        Assert.Empty(new CompanyNumbers(50, 60, null, new Dictionary<string, string> { ["total"] = "at-least" }).Contradictions());
    }

    private static TradeReportDetails Report(string year, Figures figures)
    {
        var period = ReportPeriod.Of(PartialDate.Parse(year), PartialDate.Parse(year)).Period!;
        var filed = new TradeReportFiled(Guid.NewGuid(), new Party("BY-VI", "Vitebsk Region", "region", "BY", "BY-VI"),
            new Party("CN", "China", "country", "CN", null), period, "goods", "USD", "million", figures, Commodities.None, null, null);
        return TradeReportDetailsProjection.Create(new Event<TradeReportFiled>(filed) { Version = 1, Timestamp = DateTimeOffset.UnixEpoch });
    }
}
