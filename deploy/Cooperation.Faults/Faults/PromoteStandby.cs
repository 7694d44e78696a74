using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Cooperation.Faults;

/// <summary>
/// With a synchronous standby (COOP_HA=1): everything on the primary's node killed (kill -9 of PostgreSQL and its
/// pg_auto_failover keeper), and nobody types a command: the monitor promotes the standby, and the services go on against it
/// without a restart. Its row's "writes back" is the time from the kill until a write is acknowledged again. Once writes are
/// back the node is started again (<c>pg-start</c>, as its machine would be): it must rejoin as the new primary's standby,
/// which the monitor's view says once one node is primary and the other secondary, each as assigned (bounded: 3 minutes).
/// Every write acknowledged before the kill must be there.
/// </summary>
internal sealed partial class PromoteStandby(Suite suite) : LoadFault(suite, "PostgreSQL primary's node killed (kill -9), standby promoted by itself", suite.Seconds(20, 3))
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
        var started = Stopwatch.StartNew();
        await Suite.Infra.RunAsync("pg-start");
        var status = "";
        while (started.Elapsed < TimeSpan.FromMinutes(3))
        {
            // Down while the keeper rewinds the node (status exits 1): asked again.
            try { status = await Suite.Infra.RunAsync("status"); }
            catch (InvalidOperationException e) { status = e.Message; }
            if (Settled(status, "primary") && Settled(status, "secondary")) break;
            await Task.Delay(1000);
        }
        if (Settled(status, "primary") && Settled(status, "secondary")) Suite.Log($"the killed node rejoined as the standby {started.Elapsed.TotalSeconds:F0} s after pg-start");
        else rejoined = $"the killed node did not rejoin as a standby within 3 minutes: {status}";
        return killed;
    }

    /// <summary>The monitor's view (pg_autoctl show state) has a node whose reported and assigned states are both this one.</summary>
    private static bool Settled(string status, string state) => status.Split('\n').Any(line => Reported().Match(line) is { Success: true } m && m.Groups[1].Value == state && m.Groups[2].Value == state);

    [GeneratedRegex(@"\|\s*(\w+)\s*\|\s*(\w+)\s*$")]
    private static partial Regex Reported();

    protected override Task<string?> ProblemAsync(string? failure) => Task.FromResult(failure ?? rejoined);
}
