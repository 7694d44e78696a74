using Marten.Events.Daemon.Coordination;
using Medallion.Threading.Postgres;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Cooperation.EventSourcing;

/// <summary>
/// Which instance of a service leads: the one Marten's HotCold election made run the async daemon (and so the publisher).
/// Work that must happen once (sealing checkpoints, replays, rebuilds) runs there, each job also under a lock of its own,
/// so that a leader that has just lost its election and not yet noticed cannot run it beside the new one.
/// </summary>
public sealed class Leadership(IServiceProvider services, NpgsqlDataSource dataSource, string schema)
{
    public bool IsLeader =>
        services.GetService(typeof(IProjectionCoordinator)) is IProjectionCoordinator coordinator
        && coordinator.DaemonForMainDatabase() is { IsRunning: true } daemon
        && daemon.CurrentAgents().Count > 0;

    /// <summary>Waits until this instance leads.</summary>
    public async Task WaitUntilLeaderAsync(TimeSpan poll, CancellationToken ct)
    {
        while (!IsLeader) await Task.Delay(poll, ct);
    }

    /// <summary>Runs the work only if no other instance is running it, holding its lock for as long as it runs; false when another is.</summary>
    public async Task<bool> RunExclusiveAsync(string name, Func<CancellationToken, Task> work, CancellationToken ct)
    {
        var @lock = new PostgresDistributedLock(new PostgresAdvisoryLockKey($"cooperation:{schema}:{name}", allowHashing: true), dataSource);
        await using var handle = await @lock.TryAcquireAsync(cancellationToken: ct);
        if (handle is null) return false;
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(ct, handle.HandleLostToken);
        await work(lost.Token);
        return true;
    }
}

/// <summary>Reports, in the instance's readiness, whether it leads.</summary>
public sealed class LeadershipHealthCheck(Leadership leadership) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(HealthCheckResult.Healthy(leadership.IsLeader ? "Leads: runs the daemon, the publisher and the audit jobs." : "Stands by.",
            new Dictionary<string, object> { ["leader"] = leadership.IsLeader }));
}
