using Cooperation.EventSourcing;
using Cooperation.Vocabulary;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Cooperation.Audit;

/// <summary>Where a job stands: running until it completes or fails.</summary>
public enum JobStatus { Running, Completed, Failed }

/// <summary>A job an auditor or admin asks for (a replay, a rebuild), stored so that its progress and outcome can be read.</summary>
public interface IAuditJob<out TSelf>
{
    Guid Id { get; }

    /// <summary>The job as it reads once it has failed with the error.</summary>
    TSelf Failed(string error, DateTimeOffset at);
}

/// <summary>
/// Runs the unfinished jobs of a kind, oldest first, up to <see cref="Concurrency"/> at a time, then waits for the next; it runs
/// on the leader, so a request taken by any instance is carried out by one, and a job cut off by a restart or a change of leader
/// resumes from its saved progress on the next leader.
/// </summary>
public abstract class AuditJobRunner<TJob>(IDocumentStore store, Leadership leadership, IConfiguration configuration, TimeProvider clock,
    ILogger logger)
    : BackgroundService where TJob : class, IAuditJob<TJob>
{
    private readonly SemaphoreSlim wake = new(0);

    protected IDocumentStore Store => store;
    protected TimeProvider Clock => clock;
    protected ILogger Logger => logger;

    /// <summary>How many jobs of the kind run at once: 1 runs them one after the other, oldest first.</summary>
    protected virtual int Concurrency => 1;

    /// <summary>
    /// Decides on a request for a job under a lock of its scope held, across all instances, until the decision is stored: requests
    /// made at once are decided one after the other, each seeing the jobs stored before it. Wakes the runner for a new job.
    /// </summary>
    protected async Task<T> AdmitAsync<T>(string scope, Func<IDocumentSession, Task<T>> decide, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        await session.BeginTransactionAsync(ct);
        await using (var command = new NpgsqlCommand("select pg_advisory_xact_lock(hashtextextended($1, 0))", session.Connection))
        {
            command.Parameters.AddWithValue($"cooperation:{store.Options.DatabaseSchemaName}:{typeof(TJob).Name}:{scope}");
            await command.ExecuteNonQueryAsync(ct);
        }
        var decision = await decide(session);
        await session.SaveChangesAsync(ct);
        wake.Release();
        return decision;
    }

    /// <summary>The jobs still running (or waiting to), oldest first.</summary>
    protected abstract Task<IReadOnlyList<Guid>> PendingAsync(IQuerySession session, CancellationToken ct);

    protected abstract Task RunAsync(Guid id, CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("Audit:JobPollInterval", TimeSpan.FromSeconds(2));
        var running = new Dictionary<Guid, Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                foreach (var done in running.Where(r => r.Value.IsCompleted).Select(r => r.Key).ToList()) running.Remove(done);
                try
                {
                    await leadership.WaitUntilLeaderAsync(interval, stoppingToken);
                    IReadOnlyList<Guid> pending;
                    await using (var session = store.QuerySession()) pending = await PendingAsync(session, stoppingToken);
                    // Only the oldest may run: with a concurrency of one, a later job waits for the one before it.
                    foreach (var id in pending.Take(Concurrency).Where(id => !running.ContainsKey(id)))
                        running[id] = Task.Run(() => RunOneAsync(id, stoppingToken), stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(e, "Looking for {Job}s to run failed", typeof(TJob).Name);
                }
                await wake.WaitAsync(interval, stoppingToken);
            }
        }
        finally
        {
            try { await Task.WhenAll(running.Values); }
            catch (OperationCanceledException) { /* stopping: each job resumes from its saved progress on the next leader */ }
        }
    }

    private async Task RunOneAsync(Guid id, CancellationToken ct)
    {
        try
        {
            // False while it still runs on an instance that led a moment ago: it is looked at again later.
            if (!await leadership.RunExclusiveAsync($"{typeof(TJob).Name}:{id}", token => RunAsync(id, token), ct)) return;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogError(e, "{Job} {Id} failed", typeof(TJob).Name, id);
            await FailAsync(id, e, ct);
        }
        wake.Release();
    }

    private async Task FailAsync(Guid id, Exception error, CancellationToken ct)
    {
        try
        {
            await using var session = store.LightweightSession();
            if (await session.LoadAsync<TJob>(id, ct) is { } job)
            {
                session.Store(job.Failed(error.Message, clock.GetUtcNow()));
                await session.SaveChangesAsync(ct);
            }
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogError(e, "Recording the failure of {Job} {Id} failed", typeof(TJob).Name, id);
            await Task.Delay(TimeSpan.FromSeconds(5), ct);
        }
    }
}
