using Cooperation.Dashboard.Feed;
using Cooperation.Dashboard.Page;
using Cooperation.Dashboard.ReadModels;
using Cooperation.Dashboard.Rebuilding;
using Cooperation.Dashboard.Recording;
using Cooperation.Dashboard.Summary;
using Cooperation.EventSourcing;
using Cooperation.Vocabulary;

namespace Cooperation.Dashboard;

public static class DashboardModule
{
    private const string ReadPolicy = "dashboard";

    public static IHostApplicationBuilder AddDashboard(this IHostApplicationBuilder builder)
    {
        // The ministry's dashboard: the ministry and auditors read it, nobody else.
        builder.Services.AddAuthorizationBuilder().AddPolicy(ReadPolicy, p => p.RequireRole(Roles.Ministry, Roles.Auditor));
        // Its own log and read models; it publishes nothing, so no daemon.
        builder.AddMartenStore("dashboard", options =>
        {
            options.Events.AddEventType<IntegrationEventReceived>();
            options.Schema.For<AgreementRow>();
            options.Schema.For<VisitRow>();
            options.Schema.For<TradeReportRow>();
            options.Schema.For<ReadModelState>().Identity(s => s.Id);
        });
        builder.Services.AddSingleton<FeedSignal>();
        // Registered before the bus, so read models of an older projection are rebuilt before any new event is applied.
        builder.Services.AddHostedService<RebuildReadModels>();
        builder.AddMessaging(bus => bus.AddConsumer<RecordIntegrationEventConsumer>(typeof(RecordIntegrationEventConsumerDefinition)));
        return builder;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.MapGroup("/api/dashboard")
            .WithTags("Dashboard")
            .RequireAuthorization(ReadPolicy)
            .MapReadingTheSummary()
            .MapReadingTheFeed();
        app.MapServingThePage();
        return app;
    }
}
