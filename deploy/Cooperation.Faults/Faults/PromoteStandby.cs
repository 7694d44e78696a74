namespace Cooperation.Faults;

/// <summary>
/// With a synchronous standby (COOP_HA=1): everything on the primary's node killed (kill -9 of PostgreSQL and its
/// pg_auto_failover keeper), and nobody types a command: the monitor promotes the standby, and the services go on against it
/// without a restart. Its row's "writes back" is the time from the kill until a write is acknowledged again. Once writes are
/// back the node is started again (<c>pg-start</c>, as its machine would be): it must rejoin as the new primary's standby.
/// Every write acknowledged before the kill must be there.
/// </summary>
internal sealed class PromoteStandby(Suite suite) : LoadFault(suite, "PostgreSQL primary's node killed (kill -9), standby promoted by itself", suite.Seconds(20, 3))
{
    public override bool Applies => Suite.Options.Standby;

    private string? rejoined;

    protected override async Task<DateTimeOffset> InjectAsync(Answers answers)
    {
        await Suite.Infra.RunAsync("pg-stop", "immediate");
        var killed = DateTimeOffset.UtcNow;
        using (var wait = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
            while (!answers.Acked.Any(a => a.At > killed) && !wait.IsCancellationRequested) await Task.Delay(100);
        Suite.Log($"writes paused for {answers.LongestPause(killed):F1} s around the kill of the primary's node");
        await Suite.Infra.RunAsync("pg-start");
        var status = await Suite.Infra.RunAsync("status");
        if (!status.Contains("postgres: primary") || !status.Contains("postgres: standby"))
            rejoined = $"the killed node did not rejoin as a standby: {status}";
        return killed;
    }

    protected override Task<string?> ProblemAsync(string? failure) => Task.FromResult(failure ?? rejoined);
}
