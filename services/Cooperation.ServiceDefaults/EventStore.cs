using JasperFx;
using JasperFx.OpenTelemetry;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Weasel.Core;

namespace Cooperation.ServiceDefaults;

public static class EventStoreExtensions
{
    /// <summary>
    /// A Marten event store in the service's own schema, with who/why metadata on every event, current state
    /// from projections, and the async daemon publishing every committed event as an integration event.
    /// </summary>
    public static IHostApplicationBuilder AddEventStore<TMap>(this IHostApplicationBuilder builder, string schema, Action<StoreOptions> configure)
        where TMap : class, IIntegrationEventMap
    {
        var connectionString = builder.Configuration.GetConnectionString("Postgres")
            ?? throw new InvalidOperationException("ConnectionStrings:Postgres is not configured.");

        builder.Services.AddMarten(options =>
            {
                options.Connection(connectionString);
                options.DatabaseSchemaName = schema;
                options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
                options.Events.MetadataConfig.HeadersEnabled = true;
                options.Events.MetadataConfig.CorrelationIdEnabled = true;
                options.Events.MetadataConfig.CausationIdEnabled = true;
                options.Events.MetadataConfig.UserNameEnabled = true;
                // Quick append keeps the sequence gap window small, so the daemon does not skip slow transactions.
                options.Events.AppendMode = EventAppendMode.Quick;
                options.OpenTelemetry.TrackConnections = TrackLevel.Normal;
                options.OpenTelemetry.TrackEventCounters();
                options.Schema.For<IdempotencyRecord>().Identity(r => r.Id);
                options.Schema.For<HandledMessage>().Identity(m => m.Id);
                configure(options);
            })
            .UseLightweightSessions()
            .ApplyAllDatabaseChangesOnStartup()
            .AddAsyncDaemon(builder.Configuration.GetValue("EventStore:Daemon", DaemonMode.Solo))
            .AddSubscriptionWithServices<IntegrationEventPublisher>(ServiceLifetime.Singleton, o => o.Name = "integration-events");

        builder.Services.AddSingleton<IIntegrationEventMap, TMap>();
        builder.Services.AddHealthChecks().AddNpgSql(connectionString, name: "postgres", tags: ["ready"]);
        return builder;
    }
}
