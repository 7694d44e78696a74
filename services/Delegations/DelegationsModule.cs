using Cooperation.Audit;
using Cooperation.Delegations.Cancelling;
using Cooperation.Delegations.Completing;
using Cooperation.Delegations.Details;
using Cooperation.Delegations.Exchanges;
using Cooperation.Delegations.Exchanges.Details;
using Cooperation.Delegations.Exchanges.Listing;
using Cooperation.Delegations.Exchanges.Recording;
using Cooperation.Delegations.Exchanges.Revising;
using Cooperation.Delegations.Occasions;
using Cooperation.Delegations.Occasions.Cancelling;
using Cooperation.Delegations.Occasions.Details;
using Cooperation.Delegations.Occasions.Holding;
using Cooperation.Delegations.Occasions.Listing;
using Cooperation.Delegations.Occasions.Registering;
using Cooperation.Delegations.Occasions.Revising;
using Cooperation.Delegations.FollowingAgreements;
using Cooperation.Delegations.Listing;
using Cooperation.Delegations.NamingPlanItems;
using Cooperation.Delegations.Planning;
using Cooperation.Delegations.RecordingDocuments;
using Cooperation.Delegations.RecordingProgramme;
using Cooperation.Delegations.Rescheduling;
using Cooperation.Delegations.Starting;
using Cooperation.Delegations.VisitCounts;
using Cooperation.Delegations.VisitCounts.Counting;
using Cooperation.Delegations.VisitCounts.Details;
using Cooperation.Delegations.VisitCounts.Listing;
using Cooperation.Delegations.VisitCounts.Recounting;
using Cooperation.KnownAgreements;

namespace Cooperation.Delegations;

public static class DelegationsModule
{
    public static IHostApplicationBuilder AddDelegations(this IHostApplicationBuilder builder)
    {
        builder.AddEventStore<DelegationsIntegrationEvents>("delegations", options =>
        {
            options.AddRecord<Visit, VisitDetailsProjection, VisitDetails>()
                .Index(x => x.FirstDay)
                .Index(x => x.LastDay)
                .Index(x => x.OccasionId)
                .GinIndexJsonData();
            options.AddRecord<Occasion, OccasionDetailsProjection, OccasionDetails>()
                .Index(x => x.FirstDay)
                .GinIndexJsonData();
            options.AddRecord<Exchange, ExchangeDetailsProjection, ExchangeDetails>()
                .Index(x => x.FirstDay)
                .GinIndexJsonData();
            options.AddRecord<VisitCount, VisitCountDetailsProjection, VisitCountDetails>()
                .Index(x => x.FirstDay)
                .GinIndexJsonData();
        }).WithAudit();
        builder.Services.AddSingleton<IViewCompletion<VisitDetails>, VisitAgreements>();
        builder.Services.AddSingleton<IViewCompletion<OccasionDetails>, OccasionVisits>();
        builder.AddMessaging(bus =>
        {
            bus.AddAgreementFollower("delegations");
            bus.AddPlaceFollower("delegations");
        });
        return builder;
    }

    public static WebApplication MapDelegations(this WebApplication app)
    {
        var visits = app.MapGroup("/api/delegations/visits")
            .WithTags("Delegations")
            .RequireAuthorization(Policies.Read);
        visits.MapGroup("")
            .ProducesWriteProblems()
            .MapPlanning()
            .MapRescheduling()
            .MapRecordingProgramme()
            .MapRecordingDocuments()
            .MapNamingPlanItems()
            .MapStarting()
            .MapCompleting()
            .MapCancelling();
        visits
            .MapRecordReads<VisitDetails>("", "Visit", "a visit")
            .MapListingVisits();
        var counts = app.MapGroup("/api/delegations/visit-counts")
            .WithTags("Delegations")
            .RequireAuthorization(Policies.Read);
        counts.MapGroup("")
            .ProducesWriteProblems()
            .MapCountingVisits()
            .MapRecountingVisits();
        counts
            .MapRecordReads<VisitCountDetails>("", "VisitCount", "a count of visits for a period")
            .MapListingVisitCounts();
        var occasions = app.MapGroup("/api/delegations/occasions")
            .WithTags("Delegations")
            .RequireAuthorization(Policies.Read);
        occasions.MapGroup("")
            .ProducesWriteProblems()
            .MapRegisteringOccasions()
            .MapRevisingOccasions()
            .MapHoldingOccasions()
            .MapCancellingOccasions();
        occasions
            .MapRecordReads<OccasionDetails>("", "Occasion", "an occasion (a fair, a forum, an exhibition)")
            .MapListingOccasions();
        var exchanges = app.MapGroup("/api/delegations/exchanges")
            .WithTags("Delegations")
            .RequireAuthorization(Policies.Read);
        exchanges.MapGroup("")
            .ProducesWriteProblems()
            .MapRecordingExchanges()
            .MapRevisingExchanges();
        exchanges
            .MapRecordReads<ExchangeDetails>("", "Exchange", "an exchange of people")
            .MapListingExchanges();
        app.MapAudit();
        return app;
    }
}
