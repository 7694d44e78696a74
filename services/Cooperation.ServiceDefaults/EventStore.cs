using JasperFx;
using JasperFx.OpenTelemetry;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using Cooperation.ServiceDefaults.Audit;
using Marten;
using Npgsql;
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
        var audit = new AuditDatabase(schema, NpgsqlDataSource.Create(ConnectionString(builder)));
        builder.AddMartenStore(schema, options =>
            {
                // Quick append keeps the sequence gap window small, so the daemon does not skip slow transactions; with
                // the timestamp taken from the application, each event's recorded time is known before commit and hashed.
                options.Events.AppendMode = EventAppendMode.QuickWithServerTimestamps;
                // Times as PostgreSQL keeps them (microseconds), so what inline projections see is what is stored and hashed.
                options.Events.TimeProvider = new MicrosecondClock(TimeProvider.System);
                options.Listeners.Add(new EventHashListener(audit));
                options.Schema.For<AuditCheckpoint>().Identity(c => c.Id);
                options.Schema.For<Replay>().Identity(r => r.Id);
                options.Schema.For<Rebuild>().Identity(r => r.Id);
                // A standby asks for the leader's lock every second, so a dead leader's work resumes within about two.
                options.Projections.LeadershipPollingTime = 1000;
                configure(options);
            })
            // Every instance stands for election; the one that holds the lock runs the daemon, and so publishes.
            .AddAsyncDaemon(DaemonMode.HotCold)
            .AddSubscriptionWithServices<IntegrationEventPublisher>(ServiceLifetime.Singleton, o => o.Name = "integration-events");

        builder.Services.AddSingleton<IIntegrationEventMap, TMap>();
        builder.Services.AddAudit(audit);
        return builder;
    }

    /// <summary>
    /// The one way to configure Marten: the service's own schema, camelCase JSON, event metadata, idempotency and
    /// inbox documents. A store that publishes nothing and is not audited (a consumer's own log) stops here.
    /// </summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddMartenStore(this IHostApplicationBuilder builder,
        string schema, Action<StoreOptions> configure)
    {
        var connectionString = ConnectionString(builder);
        var marten = builder.Services.AddMarten(options =>
            {
                options.Connection(connectionString);
                options.DatabaseSchemaName = schema;
                // The services share one database: each needs advisory lock ids of its own, for its schema changes and for
                // its daemon's election, or one service's instances would wait on (or lead for) another's.
                options.ApplyChangesLockId = LockId(schema, "schema-changes");
                options.ApplyChangesLockTimeout = TimeSpan.FromSeconds(60);
                options.Projections.DaemonLockId = LockId(schema, "daemon");
                options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
                options.Events.MetadataConfig.HeadersEnabled = true;
                options.Events.MetadataConfig.CorrelationIdEnabled = true;
                options.Events.MetadataConfig.CausationIdEnabled = true;
                options.Events.MetadataConfig.UserNameEnabled = true;
                options.Events.AppendMode = EventAppendMode.Quick;
                options.OpenTelemetry.TrackConnections = TrackLevel.Normal;
                options.OpenTelemetry.TrackEventCounters();
                options.Schema.For<IdempotencyRecord>().Identity(r => r.Id);
                options.Schema.For<HandledMessage>().Identity(m => m.Id);
                configure(options);
            })
            .UseLightweightSessions()
            .ApplyAllDatabaseChangesOnStartup();
        builder.Services.AddHealthChecks().AddNpgSql(connectionString, name: "postgres", tags: ["ready"]);
        return marten;
    }

    private static int LockId(string schema, string purpose) =>
        BitConverter.ToInt32(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"cooperation:{schema}:{purpose}"))) & int.MaxValue;

    private static string ConnectionString(IHostApplicationBuilder builder) =>
        builder.Configuration.GetConnectionString("Postgres") ?? throw new InvalidOperationException("ConnectionStrings:Postgres is not configured.");

    /// <summary>The audit's parts: raw log reads, verification, and on the leader, the checkpoint sealer, replays and rebuilds.</summary>
    private static void AddAudit(this IServiceCollection services, AuditDatabase audit)
    {
        services.AddSingleton<Leadership>();
        services.AddHealthChecks().AddCheck<LeadershipHealthCheck>("leadership", tags: ["ready"]);
        services.AddSingleton(audit);
        services.AddSingleton<Verifier>();
        services.AddSingleton<ReplayRunner>();
        services.AddSingleton<RebuildRunner>();
        services.AddHostedService<CheckpointSealer>();
        services.AddHostedService(sp => sp.GetRequiredService<ReplayRunner>());
        services.AddHostedService(sp => sp.GetRequiredService<RebuildRunner>());
    }
}
