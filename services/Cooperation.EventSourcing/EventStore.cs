using Cooperation.ServiceDefaults;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using JasperFx.OpenTelemetry;
using Marten;
using Marten.Events.Aggregation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Weasel.Core;

namespace Cooperation.EventSourcing;

/// <summary>A service's event store as registered: what the audit, added on top of it, needs to know.</summary>
public sealed record EventStoreRegistration(IHostApplicationBuilder Builder, string Schema, NpgsqlDataSource DataSource);

public static class EventStoreExtensions
{
    /// <summary>
    /// A kind of record: its streams folded live into <typeparamref name="TState"/> for the write path, and projected inline
    /// into <typeparamref name="TView"/> documents, so that a write's answer and the next read already show it; answers the
    /// view's schema, for its indexes.
    /// </summary>
    public static MartenRegistry.DocumentMappingExpression<TView> AddRecord<TState, TProjection, TView>(this StoreOptions options)
        where TState : class where TProjection : SingleStreamProjection<TView, Guid>, new() where TView : class
    {
        options.Projections.LiveStreamAggregation<TState>();
        options.Projections.Add<TProjection>(ProjectionLifecycle.Inline);
        return options.Schema.For<TView>();
    }

    /// <summary>
    /// A Marten event store in the service's own schema, with who/why metadata on every event, current state
    /// from projections, and the async daemon publishing every committed event as an integration event.
    /// </summary>
    public static EventStoreRegistration AddEventStore<TMap>(this IHostApplicationBuilder builder, string schema, Action<StoreOptions> configure)
        where TMap : class, IIntegrationEventMap
    {
        var dataSource = NpgsqlDataSource.Create(ConnectionString(builder));
        TimeSpan busyPoll = TimeSpan.FromMilliseconds(100), idlePoll = TimeSpan.FromMilliseconds(250);
        var wakeup = new CommitWakeup(busyPoll, idlePoll);
        var marten = builder.AddMartenStore(schema, dataSource, options =>
            {
                // Quick append keeps the sequence gap window small, so the daemon does not skip slow transactions; with
                // the timestamp taken from the application, each event's recorded time is known before commit (and can be hashed).
                options.Events.AppendMode = EventAppendMode.QuickWithServerTimestamps;
                // Times as PostgreSQL keeps them (microseconds), so what inline projections see is what is stored.
                options.Events.TimeProvider = new MicrosecondClock(TimeProvider.System);
                // A standby asks for the leader's lock every second, so a dead leader's work resumes within about two.
                options.Projections.LeadershipPollingTime = 1000;
                // A gap in the sequence whose transaction is still open (a commit held up) is waited for, never skipped, so
                // an event that commits late is still published, and in its place in the order (Marten's default; relied on).
                options.Projections.UseTransactionEvidenceForGapSkipping = true;
                // The leader looks for newly committed events every 100 ms while events arrive and every 250 ms when idle
                // (Marten's defaults: 250 ms and 1 s), so publication follows a commit within a poll. A query on an index each
                // time. Events this instance commits end the idle wait early (CommitWakeup).
                options.Projections.FastPollingTime = busyPoll;
                options.Projections.SlowPollingTime = idlePoll;
                options.Projections.Wakeup = wakeup;
                options.Listeners.Add(wakeup);
                configure(options);
            });
        // Every instance stands for election; the one that holds the lock runs the daemon, and so publishes.
        marten.AddAsyncDaemon(DaemonMode.HotCold)
            .AddSubscriptionWithServices<IntegrationEventPublisher>(ServiceLifetime.Singleton, o => o.Name = "integration-events");

        builder.Services.AddSingleton<IIntegrationEventMap, TMap>();
        builder.Services.AddSingleton(wakeup);
        builder.Services.AddSingleton(sp => new Leadership(sp, sp.GetRequiredService<NpgsqlDataSource>(), schema));
        builder.Services.AddHealthChecks().AddCheck<LeadershipHealthCheck>("leadership", tags: ["ready"]);
        return new EventStoreRegistration(builder, schema, dataSource);
    }

    /// <summary>
    /// The one way to configure Marten: the service's own schema, camelCase JSON, event metadata, idempotency and
    /// inbox documents. A store that publishes nothing and is not audited (a consumer's own log) stops here.
    /// The service's one connection pool (an <see cref="NpgsqlDataSource"/> in its services) serves Marten, the audit,
    /// the daemon's election and the health check alike.
    /// </summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddMartenStore(this IHostApplicationBuilder builder,
        string schema, Action<StoreOptions> configure) =>
        builder.AddMartenStore(schema, NpgsqlDataSource.Create(ConnectionString(builder)), configure);

    private static MartenServiceCollectionExtensions.MartenConfigurationExpression AddMartenStore(this IHostApplicationBuilder builder,
        string schema, NpgsqlDataSource dataSource, Action<StoreOptions> configure)
    {
        builder.Services.AddSingleton(dataSource);
        var marten = builder.Services.AddMarten(options =>
            {
                options.Connection(dataSource);
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
        builder.Services.AddHealthChecks().AddNpgSql(sp => sp.GetRequiredService<NpgsqlDataSource>(), name: "postgres", tags: ["ready"])
            // A database that does not answer is the postgres check's to report.
            .AddCheck<ArchivingHealthCheck>("archiving", failureStatus: HealthStatus.Degraded, tags: ["ready"]);
        builder.Services.AddDependency(Database(dataSource));
        return marten;
    }

    /// <summary>
    /// PostgreSQL cannot be reached now: a failure Npgsql calls transient (connection refused or broken, a timeout), or a
    /// server state of class 08 (connection exception) or 57P (shutting down, cannot connect now), however Marten wraps it.
    /// A server that went away leaves every idle connection in the pool broken, and a restart does not mend them, so the
    /// pool is emptied: after the first such failure, requests open fresh connections instead of each finding a dead one. A
    /// timeout alone (a slow or locked query) proves no connection broken, and leaves the pool as it is.
    /// With several hosts (a primary and its standby), Npgsql says "No suitable host was found" with nothing inside when none
    /// of them is the primary now, between the primary's crash and the standby's promotion: that too is a database out of reach.
    /// </summary>
    public static Dependency Database(NpgsqlDataSource pool) => new("database", e =>
        e is NpgsqlException { IsTransient: true } || e is PostgresException { SqlState: var state } && (state.StartsWith("08", StringComparison.Ordinal)
            || state.StartsWith("57P", StringComparison.Ordinal))
        || pool is NpgsqlMultiHostDataSource && e is NpgsqlException { InnerException: null } and not PostgresException,
        failure => { if (failure.GetBaseException() is not TimeoutException) pool.Clear(); });

    private static int LockId(string schema, string purpose) =>
        BitConverter.ToInt32(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"cooperation:{schema}:{purpose}"))) & int.MaxValue;

    /// <summary>
    /// The configured connection string, with the statements a service runs over and over (Marten's append function, its
    /// document inserts, the inbox's marks) prepared on each connection after their second use, and connections going back
    /// to the pool as they are, without a reset.
    /// A reset (DISCARD ALL) would drop the prepared statements and every plan the append function has cached; Npgsql's
    /// reset that keeps them is seven statements (RESET ALL, UNLISTEN *, pg_advisory_unlock_all() ...) parsed and run before
    /// the next use of the connection, and a write or a consumed message takes a connection from the pool two or three
    /// times: most of the statements PostgreSQL ran. Nothing here leaves session state behind: a transaction still open is
    /// rolled back on close all the same, the locks (the daemon's election, the jobs') are released explicitly or are
    /// the transaction's own, settings are only ever SET LOCAL, and the one LISTEN has a connection of its own
    /// (the dashboard's feed, which ends it before letting the connection go).
    /// </summary>
    private static string ConnectionString(IHostApplicationBuilder builder) =>
        new NpgsqlConnectionStringBuilder(builder.Configuration.GetConnectionString("Postgres")
            ?? throw new InvalidOperationException("ConnectionStrings:Postgres is not configured."))
        {
            MaxAutoPrepare = 64, AutoPrepareMinUsages = 2, NoResetOnClose = true,
        }.ConnectionString;
}

/// <summary>A clock that reads in whole microseconds, the precision of a PostgreSQL timestamp.</summary>
public sealed class MicrosecondClock(TimeProvider inner) : TimeProvider
{
    /// <summary>PostgreSQL keeps microseconds; what is hashed and projected sees what it keeps.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % 10, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => Truncate(inner.GetUtcNow());
}
