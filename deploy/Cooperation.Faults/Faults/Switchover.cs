namespace Cooperation.Faults;

/// <summary>
/// With a synchronous standby (COOP_HA=1): a switchover for maintenance under the write load (<c>deploy/infra.sh switchover</c>):
/// the standby becomes the primary and the old primary its standby; writes pause meanwhile and none acknowledged is lost.
/// </summary>
internal sealed class Switchover(Suite suite) : LoadFault(suite, "PostgreSQL switched over (deploy/infra.sh switchover)", suite.Seconds(15, 3))
{
    // The full form only: the short one (deploy/test.sh) fails over by the primary's kill, the same promotion without the command.
    public override bool Applies => Suite.Options.Standby && Suite.Full;

    protected override async Task<DateTimeOffset> InjectAsync(Answers answers)
    {
        var started = DateTimeOffset.UtcNow;
        await Suite.Infra.RunAsync("switchover");
        Suite.Log($"writes paused for {answers.LongestPause(started):F1} s during the switchover");
        return started;
    }
}
