using System.Text.Json.Serialization;
using Cooperation.Dashboard.Dormant;
using Cooperation.Dashboard.Feed;
using Cooperation.Dashboard.Page;
using Cooperation.Dashboard.Plans;
using Cooperation.Dashboard.ReadModels;
using Cooperation.Dashboard.Rebuilding;
using Cooperation.Dashboard.Recording;
using Cooperation.Dashboard.Reports;
using Cooperation.Dashboard.Sheets;
using Cooperation.Dashboard.Summary;
using Cooperation.Dashboard.Upcoming;
using JasperFx.Events.Projections;
using Microsoft.AspNetCore.Http.Json;

namespace Cooperation.Dashboard;

public static class DashboardModule
{
    private const string ReadPolicy = "dashboard";

    public static IHostApplicationBuilder AddDashboard(this IHostApplicationBuilder builder)
    {
        // The ministry's dashboard: the ministry and auditors read it, nobody else.
        builder.Services.AddAuthorizationBuilder().AddPolicy(ReadPolicy, p => p.RequireRole(Roles.Ministry, Roles.Auditor));
        // Its own log, and read models projected from it in the transaction that records each event; it publishes nothing,
        // so no daemon runs but to rebuild.
        builder.AddMartenStore("dashboard", options =>
        {
            options.Events.AddEventType<IntegrationEventReceived>();
            options.Projections.Add<AgreementRowProjection>(ProjectionLifecycle.Inline);
            options.Projections.Add<VisitRowProjection>(ProjectionLifecycle.Inline);
            options.Projections.Add<TradeReportRowProjection>(ProjectionLifecycle.Inline);
            options.Projections.Add<ProjectRowProjection>(ProjectionLifecycle.Inline);
            options.Projections.Add<OccasionRowProjection>(ProjectionLifecycle.Inline);
            options.Projections.Add<ExchangeRowProjection>(ProjectionLifecycle.Inline);
            options.Projections.Add<VisitCountRowProjection>(ProjectionLifecycle.Inline);
            options.Projections.Add<CompanyCountRowProjection>(ProjectionLifecycle.Inline);
            options.Schema.For<ProjectionBuilt>().Identity(b => b.Id);
            // The latest rows are read by the time they last changed; the summary's counts from the tally.
            options.Schema.For<AgreementRow>().Duplicate(a => a.UpdatedAt);
            // The dormant-ties list: agreements in force on a day with nothing since, the longest dormant first.
            options.Schema.For<AgreementRow>().Duplicate(a => a.LastActiveOn).Duplicate(a => a.SignedBy).Duplicate(a => a.RegionKey);
            options.Schema.For<ProjectRow>().Duplicate(p => p.UpdatedAt);
            options.Storage.ExtendedSchemaObjects.Add(DashboardTally.Schema(options.DatabaseSchemaName));
        });
        // The dashboard reads no JSON bodies; strict numbers make its OpenAPI document, and so the page's types, say number, not number or string.
        builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict);
        builder.Services.AddSingleton<FeedSignal>();
        builder.Services.AddHostedService<FeedNotifications>();
        // Registered before the bus, so read models of an older projection are rebuilt before any new event is applied.
        builder.Services.AddHostedService<RebuildChangedProjections>();
        builder.AddMessaging(bus =>
        {
            bus.AddConsumer<RecordIntegrationEventConsumer>(typeof(RecordIntegrationEventConsumerDefinition));
            // Places added since the gazetteer's built-in list, named in the dashboard's tables and reports.
            bus.AddPlaceFollower("dashboard");
        });
        // The committees' spreadsheets on the workspace page, written through the gateway as the clerk who uploads them.
        GatewayWrites.Add(builder);
        return builder;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.MapGroup("/api/dashboard")
            .WithTags("Dashboard")
            .RequireAuthorization(ReadPolicy)
            .MapReadingTheSummary()
            .MapReadingTheFeed()
            .MapReadingPlans()
            .MapReadingDormantAgreements()
            .MapReadingUpcoming()
            .MapCompilingReports();
        app.MapGroup("/api/sheets")
            .WithTags("Sheets")
            .MapImportingSheets();
        app.MapServingThePage();
        return app;
    }
}
