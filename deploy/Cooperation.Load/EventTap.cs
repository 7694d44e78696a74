using System.Collections.Concurrent;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Cooperation.Load;

/// <summary>One message of <c>cooperation.events</c> as the tap received it, with the envelope's metadata read out.</summary>
public sealed record Arrival(Guid EventId, Guid StreamId, string EventType, string? Title, DateTimeOffset RecordedAt, DateTimeOffset Arrived,
    ReadOnlyMemory<byte> Body, IReadOnlyBasicProperties Properties);

/// <summary>
/// An independent consumer of <c>cooperation.events</c>, outside the system: on a server-named queue that goes with its
/// connection, or on a quorum queue of the given name that it declares and deletes, so that what is published while the
/// broker, one of its nodes or the tap's connection is down waits for it. The connection recovers by itself after a broker
/// outage, to any node of the cluster that <c>RabbitMq__Nodes</c> names (deploy/infra.sh env), else to the URL's.
/// </summary>
public sealed class EventTap : IAsyncDisposable
{
    private readonly ConcurrentQueue<Arrival> arrivals = new();
    private IConnection connection = null!;
    private IChannel channel = null!;
    private string queue = "";
    private bool durable;

    /// <summary>Called for every message as it arrives (before it is counted), e.g. to send it on again.</summary>
    public Func<Arrival, Task>? OnArrival { get; set; }

    public static async Task<EventTap> StartAsync(string amqp, string name, string? durableQueue = null)
    {
        var tap = new EventTap { durable = durableQueue is not null };
        var factory = new ConnectionFactory
        {
            Uri = new Uri(amqp), ClientProvidedName = name, AutomaticRecoveryEnabled = true, TopologyRecoveryEnabled = true,
            NetworkRecoveryInterval = TimeSpan.FromSeconds(1),
        };
        var nodes = (Environment.GetEnvironmentVariable("RabbitMq__Nodes") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(node => AmqpTcpEndpoint.Parse(node)).ToList();
        tap.connection = nodes.Count > 0 ? await factory.CreateConnectionAsync(nodes) : await factory.CreateConnectionAsync();
        tap.channel = await tap.connection.CreateChannelAsync();
        await tap.channel.ExchangeDeclareAsync(Exchange, ExchangeType.Fanout, durable: true);
        tap.queue = durableQueue is null
            ? (await tap.channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true)).QueueName
            : (await tap.channel.QueueDeclareAsync(durableQueue, durable: true, exclusive: false, autoDelete: false,
                arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" })).QueueName;
        await tap.channel.QueueBindAsync(tap.queue, Exchange, "");
        var consumer = new AsyncEventingBasicConsumer(tap.channel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            if (Read(delivery.Body, delivery.BasicProperties, DateTimeOffset.UtcNow) is not { } arrival) return;
            if (tap.OnArrival is { } on) await on(arrival);
            tap.arrivals.Enqueue(arrival);
        };
        await tap.channel.BasicConsumeAsync(tap.queue, autoAck: true, consumer);
        return tap;
    }

    public const string Exchange = "cooperation.events";

    public IReadOnlyCollection<Arrival> Arrivals => arrivals;

    public int Count => arrivals.Count;

    private static Arrival? Read(ReadOnlyMemory<byte> body, IReadOnlyBasicProperties properties, DateTimeOffset arrived)
    {
        // The body is the consumer's only until it returns.
        var copy = body.ToArray();
        using var json = JsonDocument.Parse(copy);
        if (!json.RootElement.TryGetProperty("message", out var message) || !message.TryGetProperty("metadata", out var metadata)) return null;
        return new Arrival(metadata.GetProperty("eventId").GetGuid(), metadata.GetProperty("streamId").GetGuid(),
            metadata.GetProperty("eventType").GetString() ?? "", message.TryGetProperty("title", out var title) ? title.GetString() : null,
            metadata.GetProperty("recordedAt").GetDateTimeOffset(), arrived, copy, new BasicProperties(properties));
    }

    public async ValueTask DisposeAsync()
    {
        if (durable && channel.IsOpen)
        {
            try { await channel.QueueDeleteAsync(queue); }
            catch (Exception e) when (e is RabbitMQ.Client.Exceptions.OperationInterruptedException or RabbitMQ.Client.Exceptions.AlreadyClosedException) { }
        }
        await channel.DisposeAsync();
        await connection.DisposeAsync();
    }
}
