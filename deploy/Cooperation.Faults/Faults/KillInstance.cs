namespace Cooperation.Faults;

/// <summary>kill -9 of an agreements instance that does not lead (the only one if there is one); the run's supervisor starts it again.</summary>
internal sealed class KillInstance(Suite suite) : LoadFault(suite, "kill -9 of an agreements instance", suite.Seconds(20, 2))
{
    // The gateway sends what the dead instance could not take to the other one.
    protected override double? MostRefused => Suite.Instances.Length > 1 ? 0.005 : null;

    protected override async Task<DateTimeOffset> InjectAsync(Answers answers)
    {
        var leader = await Suite.LeaderAsync();
        Infra.Kill((Suite.Instances.FirstOrDefault(i => i != leader) ?? Suite.Instances[0]).Port);
        return DateTimeOffset.UtcNow;
    }
}
