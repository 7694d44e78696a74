using Cooperation.EventSourcing;
using Cooperation.Vocabulary;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

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
/// Runs the oldest unfinished job of a kind until none is left, then waits for the next; it runs on the leader, so a request
/// taken by any instance is carried out by one, and a job cut off by a restart or a change of leader resumes from its saved
/// progress on the next leader.
/// </summary>
public abstract class AuditJobRunner<TJob>(IDocumentStore store, Leadership leadership, IConfiguration configuration, TimeProvider clock,
    ILogger logger)
    : BackgroundService where TJob : class, IAuditJob<TJob>
{
    private readonly SemaphoreSlim wake = new(0);

    protected IDocumentStore Store => store;
    protected TimeProvider Clock => clock;
    protected ILogger Logger => logger;

    /// <summary>Stores a new job and wakes the runner for it.</summary>
    protected async Task<TJob> EnqueueAsync(TJob job, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        session.Insert(job);
        await session.SaveChangesAsync(ct);
        wake.Release();
        return job;
    }

    /// <summary>The oldest job still running, if any.</summary>
    protected abstract Task<Guid?> NextAsync(IQuerySession session, CancellationToken ct);

    protected abstract Task RunAsync(Guid id, CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("Audit:JobPollInterval", TimeSpan.FromSeconds(2));
        while (!stoppingToken.IsCancellationRequested)
        {
            Guid? next = null;
            try
            {
                await leadership.WaitUntilLeaderAsync(interval, stoppingToken);
                await using (var session = store.QuerySession()) next = await NextAsync(session, stoppingToken);
                if (next is { } id && !await leadership.RunExclusiveAsync($"{typeof(TJob).Name}:{id}", ct => RunAsync(id, ct), stoppingToken))
                    next = null;  // still running on an instance that led a moment ago: wait, then look again
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "{Job} {Id} failed", typeof(TJob).Name, next);
                if (next is { } id) await FailAsync(id, e, stoppingToken);
            }
            if (next is null) await wake.WaitAsync(interval, stoppingToken);
        }
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
