namespace Cooperation.Faults;

/// <summary>
/// With a synchronous standby (COOP_HA=1): the primary crashes, the standby is promoted, and the services go on against it
/// without a restart. Every write acknowledged before the crash must be there. It runs last: the old primary stays down.
/// </summary>
internal sealed class PromoteStandby(Suite suite) : LoadFault(suite, "PostgreSQL primary crashed (immediate), standby promoted", suite.Seconds(20, 3))
{
    public override bool Applies => Suite.Options.Standby;

    protected override Task<DateTimeOffset> InjectAsync(Answers answers) => Suite.Infra.OutageAsync("pg-stop immediate", Suite.Seconds(5, 1), "failover");
}
