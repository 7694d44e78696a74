using Cooperation.Audit;
using Cooperation.KnownAgreements;
using Cooperation.Trade.CompanyCounts;
using Cooperation.Trade.CompanyCounts.CountingCompanies;
using Cooperation.Trade.CompanyCounts.Details;
using Cooperation.Trade.CompanyCounts.Listing;
using Cooperation.Trade.CompanyCounts.RecountingCompanies;
using Cooperation.Trade.Projects;
using Cooperation.Trade.Projects.ChangingProjectStatus;
using Cooperation.Trade.Projects.Details;
using Cooperation.Trade.Projects.Listing;
using Cooperation.Trade.Projects.RegisteringProjects;
using Cooperation.Trade.Projects.RevisingProjectCost;
using Cooperation.Trade.Reports;
using Cooperation.Trade.Reports.Details;
using Cooperation.Trade.Reports.Filing;
using Cooperation.Trade.Reports.Listing;
using Cooperation.Trade.Reports.Revising;
using Cooperation.Trade.Reports.Turnover;

namespace Cooperation.Trade;

public static class TradeModule
{
    public static IHostApplicationBuilder AddTrade(this IHostApplicationBuilder builder)
    {
        builder.AddEventStore<TradeIntegrationEvents>("trade", options =>
        {
            options.AddRecord<TradeReport, TradeReportDetailsProjection, TradeReportDetails>()
                .Index(r => r.ReporterCode)
                .Index(r => r.PartnerCode)
                .Index(r => r.ReporterRegion);
            options.AddRecord<InvestmentProject, InvestmentProjectDetailsProjection, InvestmentProjectDetails>()
                .Index(p => p.Region)
                .Index(p => p.Status)
                .GinIndexJsonData();
            options.AddRecord<CompanyCount, CompanyCountDetailsProjection, CompanyCountDetails>().Index(c => c.Region);
        }).WithAudit();
        // A project names the agreement it stems from: one this service has heard of.
        builder.AddMessaging(bus =>
        {
            bus.AddAgreementFollower("trade");
            bus.AddPlaceFollower("trade");
        });
        return builder;
    }

    public static WebApplication MapTrade(this WebApplication app)
    {
        var trade = app.MapGroup("/api/trade")
            .WithTags("Trade")
            .RequireAuthorization(Policies.Read);
        trade.MapGroup("")
            .ProducesWriteProblems()
            .MapFiling()
            .MapRevising()
            .MapRegisteringProjects()
            .MapChangingProjectStatus()
            .MapRevisingProjectCost()
            .MapCountingCompanies()
            .MapRecountingCompanies();
        trade
            .MapRecordReads<TradeReportDetails>("reports", "TradeReport", "a trade report")
            .MapListingReports()
            .MapReadingTurnover()
            .MapRecordReads<InvestmentProjectDetails>("projects", "InvestmentProject", "an investment project")
            .MapListingProjects()
            .MapRecordReads<CompanyCountDetails>("foreign-invested-companies", "ForeignInvestedCompanies", "a count of companies with foreign investment")
            .MapListingCompanyCounts();
        app.MapAudit();
        return app;
    }
}
