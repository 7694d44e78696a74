namespace Cooperation.Faults;

/// <summary>The broker (with a cluster: its first node) stopped for a minute in the full form, then started again.</summary>
internal sealed class StopBroker(Suite suite)
    : LoadFault(suite, $"{(suite.Options.BrokerNodes > 1 ? "broker node 1" : "broker")} stopped for {Down(suite).TotalSeconds} s", suite.Seconds(15, 2))
{
    private static TimeSpan Down(Suite suite) => suite.Seconds(60, 3);

    protected override Task<DateTimeOffset> InjectAsync(Answers answers) => Suite.Infra.OutageAsync("broker-stop", Down(Suite), "broker-start");
}
