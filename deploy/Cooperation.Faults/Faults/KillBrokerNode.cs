namespace Cooperation.Faults;

/// <summary>kill -9 of broker node 1, then up again; in a cluster the other nodes carry the quorum queues meanwhile.</summary>
internal sealed class KillBrokerNode(Suite suite) : LoadFault(suite, "broker node 1 killed (kill -9), then up", suite.Seconds(15, 2))
{
    protected override Task<DateTimeOffset> InjectAsync(Answers answers) => Suite.Infra.OutageAsync("kill-node 1", Suite.Seconds(5, 1), "up");
}
