using System.Text.Json;
using Cooperation.Trade.Reports;

namespace Cooperation.Domain.Tests.Trade;

public class FigureRulesTests
{
    private static string[] Fields(Figures f) => FigureRules.Contradictions(f).SelectMany(c => c.Fields).Distinct().Order().ToArray();

    [Fact]
    public void Figures_that_add_up_are_consistent() =>
        Assert.Empty(FigureRules.Contradictions(new Figures(Exports: 18.5m, Imports: 615.4m, Turnover: 633.9m, Balance: -596.9m)));

    [Fact]
    public void A_turnover_that_is_not_exports_plus_imports_names_the_three_figures() =>
        Assert.Equal(["exports", "imports", "turnover"], Fields(new Figures(Exports: 21.1m, Imports: 6.2m, Turnover: 23.7m)));

    [Fact]
    public void A_balance_that_is_not_exports_minus_imports_names_the_three_figures() =>
        Assert.Equal(["balance", "exports", "imports"], Fields(new Figures(Exports: 11.6m, Imports: 4.5m, Balance: 5.1m)));

    [Fact]
    public void A_figure_rounded_to_whole_units_may_differ_by_half_a_unit()
    {
        // 36.6 + 139.4 = 176.0, reported as 176: fine. 176 against 177.1 is beyond 0.5 + 0.05 + 0.05.
        Assert.Empty(FigureRules.Contradictions(new Figures(Exports: 36.6m, Imports: 139.4m, Turnover: 176m)));
        Assert.Empty(FigureRules.Contradictions(new Figures(Exports: 36.6m, Imports: 140m, Turnover: 176m)));
        Assert.NotEmpty(FigureRules.Contradictions(new Figures(Exports: 36.6m, Imports: 140.5m, Turnover: 176m)));
    }

    [Fact]
    public void The_rounding_follows_the_digits_reported_so_trailing_zeros_count()
    {
        // 10 - 5 may be anything from 4 to 6; 10.0 - 5.0 only from 4.9 to 5.1.
        Assert.Empty(FigureRules.Contradictions(new Figures(Exports: 10m, Imports: 5m, Balance: 5.4m)));
        Assert.Equal(["balance", "exports", "imports"], Fields(new Figures(Exports: 10.0m, Imports: 5.0m, Balance: 5.4m)));
    }

    [Fact]
    public void Digits_survive_the_json_they_arrive_in()
    {
        var figures = JsonSerializer.Deserialize<Figures>("""{"Balance": 15.0}""")!;
        Assert.Equal(1, figures.Balance!.Value.Scale);
    }

    [Fact]
    public void Turnover_and_balance_settle_exports_and_imports_which_must_then_agree()
    {
        Assert.Empty(FigureRules.Contradictions(new Figures(Exports: 11.6m, Turnover: 16.1m, Balance: 7.1m)));
        Assert.Equal(["balance", "exports", "turnover"], Fields(new Figures(Exports: 12.6m, Turnover: 16.1m, Balance: 7.1m)));
        Assert.Equal(["balance", "imports", "turnover"], Fields(new Figures(Imports: 5.5m, Turnover: 16.1m, Balance: 7.1m)));
    }

    [Fact]
    public void Figures_left_out_cannot_make_a_flow_negative()
    {
        Assert.Equal(["exports", "turnover"], Fields(new Figures(Exports: 20m, Turnover: 15m)));
        Assert.Equal(["balance", "turnover"], Fields(new Figures(Turnover: 10m, Balance: -12m)));
        Assert.Equal(["balance", "exports"], Fields(new Figures(Exports: 3m, Balance: 5m)));
        Assert.Empty(FigureRules.Contradictions(new Figures(Exports: 3m, Balance: -5m)));
    }

    [Fact]
    public void The_one_figure_whose_omission_resolves_a_contradiction_is_the_suspect() =>
        Assert.Equal(["turnover"], FigureRules.Suspects(new Figures(Exports: 21.1m, Imports: 6.2m, Turnover: 23.7m, Balance: 15m)));

    [Fact]
    public void Growth_of_turnover_exports_and_imports_must_describe_one_earlier_period()
    {
        // Minsk 2009: 71.5, 129.5 and 70.6 "percent" read as increases put 2008 at 369.6 against 368.8; read as
        // percentages of 2008 (-28.5, +29.5, -29.4) they agree.
        var reported = new Figures(Exports: 18.5m, Imports: 615.4m, Turnover: 633.9m);
        Assert.Equal(["exportsGrowthPercent", "growthPercent", "importsGrowthPercent"],
            Fields(reported with { GrowthPercent = 71.5m, ExportsGrowthPercent = 129.5m, ImportsGrowthPercent = 70.6m }));
        Assert.Empty(FigureRules.Contradictions(reported with { GrowthPercent = -28.5m, ExportsGrowthPercent = 29.5m, ImportsGrowthPercent = -29.4m }));
    }

    [Fact]
    public void Growth_is_checked_against_figures_that_follow_from_the_reported_ones()
    {
        // Grodno, January-February 2008: turnover 27.3 follows from exports and imports; +5%, -7.1% and +100% agree.
        var grodno = new Figures(Exports: 21.1m, Imports: 6.2m, Balance: 15m, GrowthPercent: 5m, ExportsGrowthPercent: -7.1m, ImportsGrowthPercent: 100m);
        Assert.Empty(FigureRules.Contradictions(grodno));
        Assert.NotEmpty(FigureRules.Contradictions(grodno with { GrowthPercent = 25m }));
    }

    [Fact]
    public void A_single_growth_figure_contradicts_nothing() =>
        Assert.Empty(FigureRules.Contradictions(new Figures(Exports: 116.2m, ExportsGrowthPercent: 60.3m)));

    [Fact]
    public void Completing_fills_in_what_the_others_settle_and_keeps_what_was_reported()
    {
        var completed = new Figures(Exports: 21.1m, Imports: 6.2m, Balance: 15m).Completed();
        Assert.Equal(27.3m, completed.Turnover);
        Assert.Equal(15m, completed.Balance);
        Assert.Equal(["turnover"], new Figures(Exports: 21.1m, Imports: 6.2m, Balance: 15m).DerivedNames());

        var fromTurnover = new Figures(Turnover: 16.1m, Balance: 7.1m).Completed();
        Assert.Equal((11.6m, 4.5m), (fromTurnover.Exports!.Value, fromTurnover.Imports!.Value));
        Assert.Equal(Figures.None, Figures.None.Completed());
    }

    [Fact]
    public void A_revision_replaces_what_it_gives_removes_what_it_withdraws_and_keeps_the_rest()
    {
        var filed = new Figures(Exports: 21.1m, Imports: 6.2m, Turnover: 23.7m, GrowthPercent: 5m);
        var revised = filed.Revise(new Figures(Imports: 6.3m), ["turnover"]);
        Assert.Equal(new Figures(Exports: 21.1m, Imports: 6.3m, GrowthPercent: 5m), revised);
        Assert.Equal(["imports", "turnover"], revised.DifferencesFrom(filed).ToArray());
        Assert.Equal(["turnover"], new Figures(Turnover: 176.0m).DifferencesFrom(new Figures(Turnover: 176m)).ToArray());
    }

    [Fact]
    public void Bounds_of_a_reported_figure_span_half_a_unit_of_its_last_digit()
    {
        Assert.Equal(new Bounds(27.25m, 27.35m), Bounds.Of(27.3m));
        Assert.Equal(new Bounds(175.5m, 176.5m), Bounds.Of(176m));
        Assert.Equal(new Bounds(2.27225m, 2.27235m), Bounds.Of(2.2723m));
    }
}
