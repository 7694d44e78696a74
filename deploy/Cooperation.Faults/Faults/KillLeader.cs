namespace Cooperation.Faults;

/// <summary>kill -9 of the agreements instance whose health says it leads: the daemon, the publisher and the audit jobs move.</summary>
internal sealed class KillLeader(Suite suite) : LoadFault(suite, "kill -9 of the agreements leader", suite.Seconds(20, 2))
{
    // With one instance there is none to take the lead over.
    public override bool Applies => Suite.Instances.Length > 1;

    // The gateway sends what the dead instance could not take to the other one.
    protected override double? MostRefused => Suite.Instances.Length > 1 ? 0.005 : null;

    protected override async Task<DateTimeOffset> InjectAsync(Answers answers)
    {
        var leader = await Suite.LeaderAsync() ?? throw new InvalidOperationException("No agreements instance says it leads.");
        Infra.Kill(leader.Port);
        return DateTimeOffset.UtcNow;
    }
}
