using Cooperation.Agreements.AddingPlanItems;
using Cooperation.Agreements.Amending;
using Cooperation.Agreements.CancellingPlanItems;
using Cooperation.Agreements.CompletingPlanItems;
using Cooperation.Agreements.Commissions;
using Cooperation.Agreements.Commissions.Appointing;
using Cooperation.Agreements.Commissions.Details;
using Cooperation.Agreements.Commissions.Forming;
using Cooperation.Agreements.Commissions.Listing;
using Cooperation.Agreements.Commissions.Sessions;
using Cooperation.Agreements.Details;
using Cooperation.Agreements.Extending;
using Cooperation.Agreements.LinkingVisits;
using Cooperation.Agreements.Listing;
using Cooperation.Agreements.Places;
using Cooperation.Agreements.Places.Adding;
using Cooperation.Agreements.Places.Aliasing;
using Cooperation.Agreements.Places.Confirming;
using Cooperation.Agreements.Places.Details;
using Cooperation.Agreements.Places.Merging;
using Cooperation.Agreements.Places.Reading;
using Cooperation.Agreements.Places.Refusing;
using Cooperation.Agreements.Places.Renaming;
using Cooperation.Agreements.Registering;
using Cooperation.Agreements.Signing;
using Cooperation.Agreements.Terminating;
using Cooperation.Audit;

namespace Cooperation.Agreements;

public static class AgreementsModule
{
    public static IHostApplicationBuilder AddAgreements(this IHostApplicationBuilder builder)
    {
        builder.AddEventStore<AgreementsIntegrationEvents>("agreements", options =>
        {
            options.AddRecord<Agreement, AgreementDetailsProjection, AgreementDetails>()
                // The list's order (the last changed first), so a page is read from an index rather than after sorting every row.
                .Duplicate(a => a.UpdatedAt)
                .Index(a => a.Kind)
                .Index(a => a.SignedFrom)
                .GinIndexJsonData();
            // The places added to the gazetteer since its built-in list live here: see the guide for why.
            options.AddRecord<AddedPlace, PlaceDetailsProjection, PlaceDetails>().Index(p => p.Code);
            options.AddRecord<Commission, CommissionDetailsProjection, CommissionDetails>().GinIndexJsonData();
        }).WithAudit();
        builder.AddMessaging(bus =>
        {
            bus.AddConsumer<RegisterVisitDocumentConsumer>();
            bus.AddConsumer<CompletePlanItemForVisitConsumer>();
            // This service resolves the places it keeps as every other service does: from their events.
            bus.AddPlaceFollower("agreements");
        });
        return builder;
    }

    public static WebApplication MapAgreements(this WebApplication app)
    {
        var agreements = app.MapGroup("/api/agreements")
            .WithTags("Agreements")
            .RequireAuthorization(Policies.Read);
        agreements.MapGroup("")
            .ProducesWriteProblems()
            .MapRegistering()
            .MapSigning()
            .MapAmending()
            .MapExtending()
            .MapTerminating()
            .MapAddingPlanItems()
            .MapCompletingPlanItems()
            .MapCancellingPlanItems();
        agreements
            .MapRecordReads<AgreementDetails>("", "Agreement", "an agreement")
            .MapReadingPlanItems()
            .MapListingAgreements();
        // Bodies set up by agreements, whose sessions' decisions add items to plans of events.
        var commissions = app.MapGroup("/api/agreements/commissions")
            .WithTags("Commissions")
            .RequireAuthorization(Policies.Read);
        commissions.MapGroup("")
            .ProducesWriteProblems()
            .MapForming()
            .MapAppointing()
            .MapRecordingSessions();
        commissions
            .MapRecordReads<CommissionDetails>("", "Commission", "a commission")
            .MapReadingCommissionParts()
            .MapListingCommissions();
        var places = app.MapGroup("/api/places")
            .WithTags("Places")
            .RequireAuthorization(Policies.Read);
        places.MapGroup("")
            .ProducesWriteProblems()
            .MapAddingPlaces()
            .MapRenamingPlaces()
            .MapAliasingPlaces()
            .MapMergingPlaces()
            .MapConfirmingPlaces()
            .MapRefusingPlaces();
        places
            .MapRecordHistory("", "Place", "a place added since the built-in list")
            .MapReadingPlaces();
        app.MapAudit();
        return app;
    }
}
