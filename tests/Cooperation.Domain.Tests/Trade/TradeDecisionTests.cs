using Cooperation.EventSourcing;
using Cooperation.ServiceDefaults;
using Cooperation.Trade.CompanyCounts;
using Cooperation.Trade.CompanyCounts.CountingCompanies;
using Cooperation.Trade.CompanyCounts.RecountingCompanies;
using Cooperation.Trade.Projects;
using Cooperation.Trade.Projects.ChangingProjectStatus;
using Cooperation.Trade.Projects.RevisingProjectCost;
using Cooperation.Trade.Reports;
using Cooperation.Trade.Reports.Filing;
using Cooperation.Trade.Reports.Revising;
using Cooperation.Vocabulary;

namespace Cooperation.Domain.Tests.Trade;

public class TradeDecisionTests
{
    private static readonly Party Grodno = new("BY-HR", "Grodno Region", "region", "BY", "BY-HR");
    private static readonly Party GrodnoCity = new("BY-HR-GRODNO", "Grodno", "city", "BY", "BY-HR");
    private static readonly Party Belarus = new("BY", "Belarus", "country", "BY", null);
    private static readonly Party China = new("CN", "China", "country", "CN", null);
    private static readonly Party Gansu = new("CN-GS", "Gansu Province", "region", "CN", "CN-GS");
    private static readonly Actor GrodnoClerk = new("grodno-clerk", Roles.Committee, "BY-HR", Samples.Served);
    private static readonly Actor GomelClerk = new("gomel-clerk", Roles.Committee, "BY-HO", Samples.Served);
    private static readonly Actor Ministry = new("ministry-officer", Roles.Ministry, null, Samples.Served);
    private static readonly DateOnly Today = new(2024, 6, 1);
    private static readonly ReportPeriod JanuaryFebruary2008 = ReportPeriod.Of(PartialDate.Parse("2008-01"), PartialDate.Parse("2008-02")).Period!;
    private static readonly Figures GrodnoFigures = new(Exports: 21.1m, Imports: 6.2m, Balance: 15m, GrowthPercent: 5m);

    private static FileReport File(Actor actor, Figures figures, Party? reporter = null, Party? partner = null, bool alreadyFiled = false,
        ReportPeriod? period = null, string? currency = "USD", Commodities? commodities = null) =>
        new(Guid.NewGuid(), reporter ?? Grodno, partner ?? China, period ?? JanuaryFebruary2008, "goods", currency, currency is null ? null : "million",
            figures, commodities ?? Commodities.None, null, null, alreadyFiled, actor, Today);

    private static TradeReport Filed(Figures figures) =>
        TradeReport.Create((TradeReportFiled)Filing.Decide(File(GrodnoClerk, figures)).Events.Single());

    [Fact]
    public void A_committee_files_figures_of_its_own_region_or_a_city_in_it()
    {
        Assert.IsType<TradeReportFiled>(Assert.Single(Filing.Decide(File(GrodnoClerk, GrodnoFigures)).Events));
        Assert.Null(Filing.Decide(File(GrodnoClerk, GrodnoFigures, reporter: GrodnoCity)).Error);
    }

    [Fact]
    public void A_committee_cannot_file_for_another_region_and_the_ministry_files_national_figures()
    {
        Assert.Equal(ErrorKind.Forbidden, Filing.Decide(File(GomelClerk, GrodnoFigures)).Error?.Kind);
        Assert.Equal(ErrorKind.Forbidden, Filing.Decide(File(Ministry, GrodnoFigures)).Error?.Kind);
        Assert.Null(Filing.Decide(File(Ministry, new Figures(GrowthPercent: 90m), reporter: Belarus, partner: Gansu, currency: null)).Error);
    }

    [Fact]
    public void Contradicting_figures_are_refused_naming_the_fields_and_the_suspect()
    {
        var error = Filing.Decide(File(GrodnoClerk, GrodnoFigures with { Turnover = 23.7m })).Error;
        Assert.Equal(ErrorKind.Invalid, error?.Kind);
        Assert.Contains("turnover", error!.Errors!.Keys);
        Assert.Contains("without turnover", error.Detail);
    }

    [Fact]
    public void A_second_report_for_the_same_period_is_a_conflict() =>
        Assert.Equal(ErrorKind.Conflict, Filing.Decide(File(GrodnoClerk, GrodnoFigures, alreadyFiled: true)).Error?.Kind);

    [Fact]
    public void A_report_cannot_cover_months_to_come_nor_trade_of_a_place_with_itself()
    {
        var future = ReportPeriod.Of(PartialDate.Parse("2024-06"), PartialDate.Parse("2024-08")).Period!;
        Assert.Equal("period.to", Filing.Decide(File(GrodnoClerk, GrodnoFigures, period: future)).Error?.Errors?.Keys.Single());
        Assert.Equal("partner", Filing.Decide(File(GrodnoClerk, GrodnoFigures, partner: GrodnoCity)).Error?.Errors?.Keys.Single());
    }

    [Fact]
    public void Money_needs_a_currency_and_a_report_needs_something_to_report()
    {
        Assert.Contains("currency", Filing.Decide(File(GrodnoClerk, GrodnoFigures, currency: null)).Error!.Errors!.Keys);
        Assert.Equal("figures", Filing.Decide(File(GrodnoClerk, Figures.None)).Error?.Errors?.Keys.Single());
        Assert.Null(Filing.Decide(File(GrodnoClerk, Figures.None, commodities: new([new("Caprolactam", "2933", null, null, null)], []))).Error);
    }

    [Fact]
    public void Commodities_cannot_add_up_to_more_than_the_flow_they_are_part_of()
    {
        var tyres = new Commodity("Tyres", "4011", 1.2854m, null, null);
        var pet = new Commodity("Polyethylene terephthalate", "3907", 2.2723m, null, null);
        Assert.Null(Filing.Decide(File(GrodnoClerk, new Figures(Exports: 3.8m), commodities: new([pet, tyres], []))).Error);
        Assert.Equal("commodities.exports", Filing.Decide(File(GrodnoClerk, new Figures(Exports: 3.4m), commodities: new([pet, tyres], []))).Error?.Errors?.Keys.Single());
    }

    [Fact]
    public void A_revision_records_only_what_changes_and_why()
    {
        var report = Filed(GrodnoFigures);
        var decision = Revising.Decide(report, new ReviseReport(new Figures(Exports: 21.1m, Imports: 6.3m), Withdrawn: [], Commodities: null, Currency: null, Unit: null, "Corrected by Belstat", GrodnoClerk));
        var revised = Assert.IsType<TradeReportRevised>(Assert.Single(decision.Events));
        Assert.Equal(new Figures(Imports: 6.3m), revised.Changes);
        Assert.Equal("Corrected by Belstat", revised.Reason);
    }

    [Fact]
    public void A_revision_that_changes_nothing_or_leaves_figures_contradicting_is_refused()
    {
        var report = Filed(GrodnoFigures);
        Assert.Equal("figures", Revising.Decide(report, new ReviseReport(new Figures(Exports: 21.1m), Withdrawn: [], Commodities: null, Currency: null, Unit: null, "same", GrodnoClerk)).Error?.Errors?.Keys.Single());
        var contradicting = Revising.Decide(report, new ReviseReport(new Figures(Turnover: 23.7m), Withdrawn: [], Commodities: null, Currency: null, Unit: null, "as printed", GrodnoClerk)).Error;
        Assert.Contains("turnover", contradicting!.Errors!.Keys);
        Assert.Equal(ErrorKind.Forbidden, Revising.Decide(report, new ReviseReport(new Figures(Exports: 21m), Withdrawn: [], Commodities: null, Currency: null, Unit: null, "x", GomelClerk)).Error?.Kind);
    }

    [Fact]
    public void A_revision_withdraws_a_figure_and_keeps_the_currency()
    {
        var report = Filed(GrodnoFigures);
        var withdrawn = Assert.IsType<TradeReportRevised>(Assert.Single(Revising.Decide(report,
            new ReviseReport(Figures.None, Withdrawn: ["balance"], Commodities: null, Currency: null, Unit: null, "Not in the final release", GrodnoClerk)).Events));
        Assert.Equal(["balance"], withdrawn.Withdrawn);
        Assert.Null(report.Apply(withdrawn).Figures.Balance);
        Assert.Equal("currency", Revising.Decide(report, new ReviseReport(new Figures(Exports: 21m), [], null, "EUR", null, "x", GrodnoClerk)).Error?.Errors?.Keys.Single());
    }

    private static readonly Party Smolevichi = new("BY-MI-SMOLEVICHI-DISTRICT", "Smolevichi District", "district", "BY", "BY-MI");
    private static readonly Actor MinskOblastClerk = new("minsk-oblast-clerk", Roles.Committee, "BY-MI", Samples.Served);

    private static InvestmentProject Project(string status) =>
        InvestmentProject.Create(new InvestmentProjectRegistered(Guid.NewGuid(), "Industrial park", Smolevichi, [China], Cost: null, ProjectStatuses.ByName[status],
            AgreementId: null, Description: null, Source: null));

    private static Decision Move(InvestmentProject project, string status, string? reason = null, Actor? actor = null) =>
        ChangingProjectStatus.Decide(project, new ChangeProjectStatus(ProjectStatuses.ByName[status], null, reason, actor ?? MinskOblastClerk, Today));

    [Fact]
    public void A_project_moves_forward_skipping_stages_but_never_back()
    {
        Assert.Null(Move(Project("proposed"), "agreed").Error);
        Assert.Null(Move(Project("proposed"), "under-construction").Error);
        Assert.Equal("status", Move(Project("under-construction"), "agreed").Error?.Errors?.Keys.Single());
        Assert.Equal(ErrorKind.Conflict, Move(Project("agreed"), "agreed").Error?.Kind);
    }

    [Fact]
    public void A_cancellation_needs_a_reason_and_ends_the_road()
    {
        Assert.Equal("reason", Move(Project("agreed"), "cancelled").Error?.Errors?.Keys.Single());
        var cancelled = Project("agreed").Apply((InvestmentProjectStatusChanged)Move(Project("agreed"), "cancelled", "Investor withdrew").Events.Single());
        Assert.Equal(ErrorKind.Conflict, Move(cancelled, "under-construction").Error?.Kind);
        Assert.Equal(ErrorKind.Conflict, Move(Project("operating"), "cancelled", "x").Error?.Kind);
        Assert.Equal(ErrorKind.Conflict, RevisingProjectCost.Decide(cancelled, new ReviseProjectCost(new ProjectCost(10m, "USD", "million"), "x", MinskOblastClerk)).Error?.Kind);
    }

    [Fact]
    public void Only_the_committee_of_the_projects_region_moves_it() =>
        Assert.Equal(ErrorKind.Forbidden, Move(Project("proposed"), "agreed", actor: GrodnoClerk).Error?.Kind);

    [Fact]
    public void A_cost_estimate_is_revised_only_to_a_different_cost()
    {
        var project = Project("agreed").Apply(new InvestmentProjectCostRevised(Guid.Empty, new ProjectCost(269.8m, "USD", "million"), "estimate"));
        Assert.Equal("cost", RevisingProjectCost.Decide(project, new ReviseProjectCost(new ProjectCost(269.80m, "USD", "million"), "same", MinskOblastClerk)).Error?.Errors?.Keys.Single());
        Assert.IsType<InvestmentProjectCostRevised>(Assert.Single(RevisingProjectCost.Decide(project,
            new ReviseProjectCost(new ProjectCost(300m, "USD", "million"), "new estimate", MinskOblastClerk)).Events));
    }

    [Fact]
    public void Joint_ventures_and_foreign_owned_companies_make_the_total()
    {
        CountCompanies Count(int total, int? joint, int? foreign, Actor? actor = null) =>
            new(Guid.NewGuid(), Smolevichi, China, PartialDate.Parse("2012-07-01"), new CompanyNumbers(total, joint, foreign), null, null, false, actor ?? MinskOblastClerk, Today);

        Assert.IsType<ForeignInvestedCompaniesCounted>(Assert.Single(CountingCompanies.Decide(Count(9, 3, 6)).Events));
        Assert.Equal(["foreignOwned", "jointVentures", "total"], CountingCompanies.Decide(Count(9, 3, 5)).Error!.Errors!.Keys.Order().ToArray());
        Assert.Equal(["jointVentures"], CountingCompanies.Decide(Count(2, 3, null)).Error!.Errors!.Keys.ToArray());
        Assert.Equal(ErrorKind.Forbidden, CountingCompanies.Decide(Count(9, 3, 6, GrodnoClerk)).Error?.Kind);

        var counted = CompanyCount.Create((ForeignInvestedCompaniesCounted)CountingCompanies.Decide(Count(9, 3, 6)).Events.Single());
        Assert.Equal(ErrorKind.Invalid, RecountingCompanies.Decide(counted, new RecountCompanies(new CompanyNumbers(9, 3, 6), "same", MinskOblastClerk)).Error?.Kind);
        Assert.IsType<ForeignInvestedCompaniesRecounted>(Assert.Single(RecountingCompanies.Decide(counted,
            new RecountCompanies(new CompanyNumbers(10, 4, 6), "A joint venture registered late", MinskOblastClerk)).Events));
    }
}
