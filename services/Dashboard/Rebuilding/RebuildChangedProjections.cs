using Cooperation.Dashboard.ReadModels;
using JasperFx.Events.Projections;

namespace Cooperation.Dashboard.Rebuilding;

/// <summary>That the version of a projection named in <see cref="Id"/> (e.g. AgreementRow:V3) has been built from the whole log.</summary>
public sealed record ProjectionBuilt(string Id, DateTimeOffset BuiltAt);

/// <summary>
/// On start, before the consumer runs: Marten's daemon rebuilds from the dashboard's log every projection whose current
/// version has not been built yet, such as one whose version was raised (Marten keeps each version's rows in a table of
/// its own). The mark is stored only once the rebuild has gone through the whole log, so one cut short starts again on
/// the next start; Marten keeps no progress of its own for inline projections.
/// </summary>
public sealed class RebuildChangedProjections(IDocumentStore store, TimeProvider clock, ILogger<RebuildChangedProjections> logger) : IHostedService
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    public async Task StartAsync(CancellationToken ct)
    {
        var projections = ((DocumentStore)store).Options.Projections.All.Where(p => p.Lifecycle == ProjectionLifecycle.Inline).ToList();
        // The tally counts the rows of these versions: counted again whenever one of them, or the tally, changes.
        var tally = $"DashboardTally:V{DashboardTally.Version}:" + string.Join("+", projections.Select(Key).Order(StringComparer.Ordinal));
        HashSet<string> built;
        await using (var query = store.QuerySession())
            built = (await query.LoadManyAsync<ProjectionBuilt>(ct, projections.Select(Key).Append(tally))).Select(b => b.Id).ToHashSet();
        var changed = projections.Where(p => !built.Contains(Key(p))).ToList();
        if (changed.Count > 0)
        {
            using var daemon = await store.BuildProjectionDaemonAsync();
            foreach (var projection in changed)
            {
                logger.LogInformation("Rebuilding {Projection} from the log", Key(projection));
                await daemon.RebuildProjectionAsync(projection.Name, Timeout, ct);
                await using var session = store.LightweightSession();
                session.Store(new ProjectionBuilt(Key(projection), clock.GetUtcNow()));
                await session.SaveChangesAsync(ct);
            }
        }
        if (built.Contains(tally)) return;
        logger.LogInformation("Counting {Tally} from the read models", tally);
        await using (var session = store.LightweightSession())
        {
            await session.BeginTransactionAsync(ct);
            await DashboardTally.RecountAsync(session, ct);
            session.Store(new ProjectionBuilt(tally, clock.GetUtcNow()));
            await session.SaveChangesAsync(ct);
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    private static string Key(IProjectionSource<IDocumentOperations, IQuerySession> projection) => $"{projection.Name}:V{projection.Version}";
}
