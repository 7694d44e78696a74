using Cooperation.Agreements.AddingPlanItems;
using Cooperation.Agreements.Amending;
using Cooperation.Agreements.CancellingPlanItems;
using Cooperation.Agreements.CompletingPlanItems;
using Cooperation.Agreements.Details;
using Cooperation.Agreements.Extending;
using Cooperation.Agreements.LinkingVisits;
using Cooperation.Agreements.Listing;
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
                .Index(a => a.Kind)
                .Index(a => a.SignedFrom)
                .GinIndexJsonData();
        }).WithAudit();
        builder.AddMessaging(bus =>
        {
            bus.AddConsumer<RegisterVisitDocumentConsumer>();
            bus.AddConsumer<CompletePlanItemForVisitConsumer>();
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
        app.MapAudit();
        return app;
    }
}
