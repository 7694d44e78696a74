using Cooperation.Load;
using RabbitMQ.Client;

namespace Cooperation.Faults;

/// <summary>
/// Every message the tap gets goes onto the fanout exchange once more, marked, so that every consumer bound to it gets it
/// twice: the dashboard must record each event once.
/// </summary>
internal sealed class DeliverTwice(Suite suite) : LoadFault(suite, "every message delivered twice", suite.Seconds(5, 1))
{
    private const string DuplicateHeader = "cooperation-faults-duplicate";
    private IChannel? channel;
    private int copies;

    public override async Task RunAsync()
    {
        // Connected before the load starts, so that the fault itself begins at once.
        await using var connection = await new ConnectionFactory { Uri = new Uri(Suite.Options.RabbitMq), ClientProvidedName = "cooperation-faults-duplicates" }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        this.channel = channel;
        await base.RunAsync();
        Suite.Log($"{copies} messages sent twice");
    }

    protected override async Task<DateTimeOffset> InjectAsync(Answers answers)
    {
        Suite.Tap.OnArrival = async arrival =>
        {
            if (arrival.Properties.Headers?.ContainsKey(DuplicateHeader) == true) return;
            var properties = new BasicProperties(arrival.Properties) { Headers = new Dictionary<string, object?>(arrival.Properties.Headers ?? new Dictionary<string, object?>()) };
            properties.Headers[DuplicateHeader] = "1";
            await channel!.BasicPublishAsync(EventTap.Exchange, "", mandatory: false, properties, arrival.Body);
            Interlocked.Increment(ref copies);
        };
        await Task.Delay(Suite.Seconds(20, 3));
        // Publication may still be catching up on the fault before: go on until some messages have gone twice, bounded.
        for (var waited = 0; Volatile.Read(ref copies) < 10 && waited < 300; waited++) await Task.Delay(100);
        Suite.Tap.OnArrival = null;
        if (Volatile.Read(ref copies) == 0) throw new InvalidOperationException("no message arrived to deliver twice");
        return DateTimeOffset.UtcNow;
    }
}
