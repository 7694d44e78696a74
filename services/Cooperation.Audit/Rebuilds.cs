using Cooperation.EventSourcing;
using System.Reflection;
using Cooperation.ServiceDefaults;
using Cooperation.Vocabulary;
using JasperFx.Events.Aggregation;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Cooperation.Audit;

public sealed record RebuildRequest(string? Projection);

/// <summary>A rebuild of read models from the events, and how far it has got.</summary>
public sealed record Rebuild(Guid Id, string[] Projections, JobStatus Status, string? Current, long Streams, long Rebuilt,
    string RequestedBy, DateTimeOffset RequestedAt, DateTimeOffset? FinishedAt, string? Error) : IAuditJob<Rebuild>
{
    Rebuild IAuditJob<Rebuild>.Failed(string error, DateTimeOffset at) => this with { Status = JobStatus.Failed, Error = error, FinishedAt = at };
}

/// <summary>
/// Rebuilds read models while the service keeps answering. A single-stream view is recomputed stream by stream from
/// its events and replaced in one short transaction that holds the stream's row lock, so readers see either the old or
/// the rebuilt document, never an empty table, and a write to the same stream waits for that one stream only; streams
/// written during the pass are recomputed once more at the end. Other projections (multi-stream views) go through the
/// Marten daemon's rebuild, during which they fill up again from empty. Rebuilds run one at a time, oldest first, and a request
/// for projections that an unfinished rebuild covers is answered with that rebuild.
/// </summary>
public sealed class RebuildRunner(IDocumentStore store, AuditDatabase database, Leadership leadership, IServiceProvider services,
    IConfiguration configuration, TimeProvider clock, ILogger<RebuildRunner> logger)
    : AuditJobRunner<Rebuild>(store, leadership, configuration, clock, logger)
{
    private const int Page = 200;
    private static readonly MethodInfo RebuildStreamMethod = typeof(RebuildRunner).GetMethod(nameof(RebuildStreamAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>The read models this service keeps: every projection that is stored rather than computed on read.</summary>
    public IReadOnlyList<string> Projections => Sources().Select(s => s.Name).ToList();

    private IEnumerable<IProjectionSource<IDocumentOperations, IQuerySession>> Sources() =>
        ((DocumentStore)Store).Options.Projections.All.Where(p => p.Lifecycle != ProjectionLifecycle.Live);

    /// <summary>
    /// The rebuild of the projections: one not yet finished that covers them all, if there is one (Started false), else a new one.
    /// Requests made at once are decided one after the other, so however many there are, the projections are rebuilt once.
    /// </summary>
    public Task<(Rebuild Rebuild, bool Started)> StartAsync(string[] projections, string requestedBy, CancellationToken ct) =>
        AdmitAsync("requests", async session =>
        {
            var unfinished = await session.Query<Rebuild>().Where(r => r.Status == JobStatus.Running).OrderBy(r => r.RequestedAt).ToListAsync(ct);
            if (unfinished.FirstOrDefault(r => projections.All(r.Projections.Contains)) is { } covering) return (covering, false);
            var rebuild = new Rebuild(Guid.CreateVersion7(), projections, JobStatus.Running, null, 0, 0, requestedBy, Clock.GetUtcNow(), null, null);
            session.Insert(rebuild);
            return (rebuild, true);
        }, ct);

    protected override async Task<IReadOnlyList<Guid>> PendingAsync(IQuerySession session, CancellationToken ct) =>
        await session.Query<Rebuild>().Where(r => r.Status == JobStatus.Running).OrderBy(r => r.RequestedAt).Select(r => r.Id).ToListAsync(ct);

    protected override async Task RunAsync(Guid id, CancellationToken ct)
    {
        var rebuild = await LoadAsync(id, ct);
        if (rebuild is null || rebuild.Status != JobStatus.Running) return;
        var streams = await CountStreamsAsync(ct);
        var done = 0L;
        foreach (var source in Sources().Where(s => rebuild.Projections.Contains(s.Name)))
        {
            await SaveAsync(id, r => r with { Current = source.Name, Streams = streams, Rebuilt = done }, ct);
            if (source is IAggregateProjection { Scope: AggregationScope.SingleStream } aggregate && aggregate.IdentityType == typeof(Guid))
            {
                var start = await database.MaxSequenceAsync(ct);
                var rebuildStream = (Func<IDocumentStore, AuditDatabase, Guid, CancellationToken, Task>)RebuildStreamMethod
                    .MakeGenericMethod(aggregate.AggregateType).CreateDelegate(typeof(Func<IDocumentStore, AuditDatabase, Guid, CancellationToken, Task>));
                await foreach (var streamId in StreamIdsAsync(null, ct))
                {
                    await rebuildStream(Store, database, streamId, ct);
                    if (++done % Page == 0) await SaveAsync(id, r => r with { Rebuilt = done }, ct);
                }
                // Streams written while the pass ran: their inline update may have raced the rebuilt document.
                await foreach (var streamId in StreamIdsAsync(start, ct)) await rebuildStream(Store, database, streamId, ct);
            }
            else
            {
                var coordinator = services.GetService<Marten.Events.Daemon.Coordination.IProjectionCoordinator>()
                    ?? throw new InvalidOperationException($"{source.Name} is rebuilt by the async daemon, which does not run in this instance.");
                var daemon = coordinator.DaemonForMainDatabase();
                await daemon.RebuildProjectionAsync(source.Name, TimeSpan.FromMinutes(5), ct);
                done += streams;
            }
        }
        await SaveAsync(id, r => r with { Status = JobStatus.Completed, Current = null, Rebuilt = done, FinishedAt = Clock.GetUtcNow() }, ct);
        Logger.LogInformation("Rebuild {Id} of {Projections} completed", id, string.Join(", ", rebuild.Projections));
    }

    private static async Task RebuildStreamAsync<TView>(IDocumentStore store, AuditDatabase database, Guid streamId, CancellationToken ct) where TView : class
    {
        await using var session = store.LightweightSession();
        await session.BeginTransactionAsync(ct);
        // The stream's row lock: an append to this stream commits before or after this replacement, not during it.
        await using (var command = new NpgsqlCommand($"select version from {database.Schema}.mt_streams where id = $1 for update", session.Connection))
        {
            command.Parameters.AddWithValue(streamId);
            await command.ExecuteScalarAsync(ct);
        }
        var view = await session.Events.AggregateStreamAsync<TView>(streamId, token: ct);
        if (view is not null) session.Store(view);
        await session.SaveChangesAsync(ct);
    }

    private async IAsyncEnumerable<Guid> StreamIdsAsync(long? changedAfter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var after = Guid.Empty;
        while (true)
        {
            var sql = changedAfter is null
                ? $"select id from {database.Schema}.mt_streams where id > $1 and {AuditDatabase.RecordStream} order by id limit {Page}"
                : $"select distinct stream_id from {database.Schema}.mt_events where stream_id > $1 and seq_id > $2 and {AuditDatabase.NotTombstone()} order by stream_id limit {Page}";
            var page = await database.RowsAsync(sql, changedAfter is null ? [after] : [after, changedAfter.Value], r => r.GetGuid(0), ct);
            foreach (var streamId in page) yield return streamId;
            if (page.Count < Page) yield break;
            after = page[^1];
        }
    }

    private async Task<long> CountStreamsAsync(CancellationToken ct)
    {
        return (long)(await database.ScalarAsync($"select count(*) from {database.Schema}.mt_streams where {AuditDatabase.RecordStream}", [], ct))!;
    }

    private async Task<Rebuild?> LoadAsync(Guid id, CancellationToken ct)
    {
        await using var session = Store.QuerySession();
        return await session.LoadAsync<Rebuild>(id, ct);
    }

    private async Task SaveAsync(Guid id, Func<Rebuild, Rebuild> change, CancellationToken ct)
    {
        await using var session = Store.LightweightSession();
        if (await session.LoadAsync<Rebuild>(id, ct) is not { } rebuild) return;
        session.Store(change(rebuild));
        await session.SaveChangesAsync(ct);
    }
}
