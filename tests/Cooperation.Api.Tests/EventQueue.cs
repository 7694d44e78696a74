using System.Text.Json;
using RabbitMQ.Client;

namespace Cooperation.Api.Tests;

/// <summary>
/// A durable queue of the tests' own, read with the plain AMQP client as any outside reader would: bound to the
/// cooperation.events exchange, or bound to nothing, as an auditor's queue for replays. Durable so that it keeps what
/// arrives while the broker is restarted.
/// </summary>
public sealed class EventQueue : IAsyncDisposable
{
    private const string Exchange = "cooperation.events";
    private readonly ConnectionFactory factory;
    private readonly List<JsonElement> received = [];

    public string Name { get; }

    private EventQueue(string uri, string name) => (factory, Name) = (new ConnectionFactory { Uri = new Uri(uri) }, name);

    /// <summary>A queue bound to cooperation.events: it receives every event published from now on.</summary>
    public static async Task<EventQueue> BindAsync(string uri)
    {
        var queue = await DeclareAsync(uri, $"reader.tests-{Guid.NewGuid():N}");
        await queue.WithChannel(async channel =>
        {
            await channel.ExchangeDeclareAsync(Exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
            await channel.QueueBindAsync(queue.Name, Exchange, "");
        });
        return queue;
    }

    /// <summary>A queue bound to nothing, named as replays need (replay.*): it receives only what is sent to it by name.</summary>
    public static Task<EventQueue> DeclareAsync(string uri) => DeclareAsync(uri, $"replay.tests-{Guid.NewGuid():N}");

    private static async Task<EventQueue> DeclareAsync(string uri, string name)
    {
        var queue = new EventQueue(uri, name);
        await queue.WithChannel(channel => channel.QueueDeclareAsync(queue.Name, durable: true, exclusive: false, autoDelete: false));
        return queue;
    }

    /// <summary>Waits until <paramref name="count"/> messages about the stream have arrived, then a little longer to catch duplicates.</summary>
    public Task<IReadOnlyList<JsonElement>> ForStreamAsync(Guid streamId, int count, TimeSpan? timeout = null) =>
        ReceiveAsync(count, m => StreamOf(m) == streamId, timeout);

    /// <summary>Waits until <paramref name="count"/> messages (that match, if given) have arrived, then a little longer to catch any extra.</summary>
    public async Task<IReadOnlyList<JsonElement>> ReceiveAsync(int count, Func<JsonElement, bool>? match = null, TimeSpan? timeout = null)
    {
        match ??= _ => true;
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (received.Count(match) < count && DateTime.UtcNow < deadline)
        {
            await DrainAsync();
            if (received.Count(match) < count) await Task.Delay(200);
        }
        await Task.Delay(TimeSpan.FromSeconds(2));
        await DrainAsync();
        return received.Where(match).ToList();
    }

    /// <summary>All messages received so far, oldest first.</summary>
    public async Task<IReadOnlyList<JsonElement>> ReceivedAsync()
    {
        await DrainAsync();
        return received.ToList();
    }

    /// <summary>Puts a copy of a message straight into a consumer's queue, as a broker redelivering it would.</summary>
    public Task RedeliverAsync(JsonElement envelope, string queue) => WithChannel(async channel =>
    {
        var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", Persistent = true, MessageId = envelope.GetProperty("messageId").GetString() };
        await channel.BasicPublishAsync("", queue, mandatory: true, properties, JsonSerializer.SerializeToUtf8Bytes(envelope));
    });

    /// <summary>Waits until a consumer's queue holds no message waiting for delivery.</summary>
    public async Task DrainedAsync(string queue, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            uint waiting = 0;
            await WithChannel(async channel => waiting = (await channel.QueueDeclarePassiveAsync(queue)).MessageCount);
            if (waiting == 0) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{queue} still holds {waiting} messages.");
            await Task.Delay(200);
        }
    }

    public static Guid StreamOf(JsonElement envelope) =>
        envelope.GetProperty("message").GetProperty("metadata").GetProperty("streamId").GetGuid();

    private Task DrainAsync() => WithChannel(async channel =>
    {
        while (await channel.BasicGetAsync(Name, autoAck: true) is { } message)
            received.Add(JsonDocument.Parse(message.Body).RootElement.Clone());
    });

    private async Task WithChannel(Func<IChannel, Task> action)
    {
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await action(channel);
    }

    public async ValueTask DisposeAsync()
    {
        try { await WithChannel(channel => channel.QueueDeleteAsync(Name)); }
        catch (Exception) { /* the broker may be down in a failed test; the queue dies with the throwaway node */ }
        try { await WithChannel(channel => channel.ExchangeDeleteAsync(Name)); }
        catch (Exception) { /* MassTransit puts an exchange of the queue's name in front of it when a replay sends to it */ }
    }
}
