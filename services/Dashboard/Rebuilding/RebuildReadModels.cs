using Cooperation.Dashboard.ReadModels;
using Cooperation.Dashboard.Recording;
using Marten;

namespace Cooperation.Dashboard.Rebuilding;

/// <summary>Which version of the projection built the read models, and how far into the log.</summary>
public sealed record ReadModelState(string Id, int Version, long Position, DateTimeOffset BuiltAt)
{
    public const string Key = "read-models";
}

/// <summary>
/// On start, before the consumer runs: read models built by another version of the projection are dropped and
/// rebuilt from the dashboard's own log, in the order it was recorded. The new version is stored only once the whole
/// log has been applied, so a rebuild that is cut short starts again on the next start.
/// </summary>
public sealed class RebuildReadModels(IDocumentStore store, TimeProvider clock, ILogger<RebuildReadModels> logger) : IHostedService
{
    private const int PageSize = 500;

    public async Task StartAsync(CancellationToken ct)
    {
        await using (var query = store.QuerySession())
        {
            var state = await query.LoadAsync<ReadModelState>(ReadModelState.Key, ct);
            if (state?.Version == DashboardProjection.Version) return;
            logger.LogInformation("Rebuilding the read models from the log: version {Old} -> {New}", state?.Version, DashboardProjection.Version);
        }

        foreach (var type in DashboardProjection.ReadModels) await store.Advanced.Clean.DeleteDocumentsByTypeAsync(type, ct);
        long position = 0, applied = 0;
        while (true)
        {
            await using var session = store.LightweightSession();
            var page = await session.Events.QueryAllRawEvents()
                .Where(e => e.Sequence > position).OrderBy(e => e.Sequence).Take(PageSize).ToListAsync(ct);
            if (page.Count == 0) break;
            var rows = new ReadModelBatch(session);
            foreach (var stored in page)
                if (stored.Data is IntegrationEventReceived received) await DashboardProjection.Apply(received, rows, ct);
            rows.Flush();
            await session.SaveChangesAsync(ct);
            position = page[^1].Sequence;
            applied += page.Count;
        }

        await using var done = store.LightweightSession();
        done.Store(new ReadModelState(ReadModelState.Key, DashboardProjection.Version, position, clock.GetUtcNow()));
        await done.SaveChangesAsync(ct);
        logger.LogInformation("Read models version {Version} rebuilt from {Count} logged events", DashboardProjection.Version, applied);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
