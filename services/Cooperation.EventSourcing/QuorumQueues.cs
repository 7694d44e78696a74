using MassTransit;
using MassTransit.RabbitMqTransport;
using MassTransit.RabbitMqTransport.Configuration;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Cooperation.EventSourcing;

/// <summary>
/// Every queue a service consumes from is a quorum queue, replicated by Raft over the broker's nodes, so that a message the
/// broker confirmed survives the loss of a node. A queue an earlier version declared as a classic queue cannot be declared
/// again as another type: before the bus starts, each of the service's queues (with its _error and _skipped queues) that is
/// still classic is moved, with its messages, to a quorum queue of the same name.
/// </summary>
/// <remarks>
/// The move goes through a queue <c>&lt;name&gt;_migrating</c> bound to the queue's exchange, so a message published meanwhile
/// is kept; it may then arrive twice, which consumers drop. Each step can be repeated, so a move cut short (the process
/// killed) is finished at the next start.
/// </remarks>
public sealed class QuorumQueues(string broker, string[] nodes, ILogger<QuorumQueues> logger) : IBusObserver
{
    private const string Suffix = "_migrating";
    private readonly List<ReceiveSettings> endpoints = [];

    /// <summary>Makes an endpoint's queue a quorum queue, and notes it to be moved if an earlier version made it classic.</summary>
    public void Configure(IReceiveEndpointConfigurator endpoint)
    {
        if (endpoint is not IRabbitMqReceiveEndpointConfigurator rabbit) return;
        rabbit.SetQuorumQueue();
        if (endpoint is IRabbitMqReceiveEndpointConfiguration configuration) endpoints.Add(configuration.Settings);
    }

    /// <summary>Before the bus declares its queues; a failure (the broker out of reach) is retried, so the bus starts on quorum queues.</summary>
    public async Task PreStart(IBus bus)
    {
        if (endpoints.Count == 0) return;
        // No bound on an attempt: moving a long queue takes as long as it takes.
        await Retries.WithBackOff(logger, "Checking the queues for classic ones of an earlier version", eachAttempt: null,
                retryOn: e => e is BrokerUnreachableException or OperationInterruptedException or AlreadyClosedException)
            .ExecuteAsync(async _ => await MoveClassicQueuesAsync(), CancellationToken.None);
    }

    private async Task MoveClassicQueuesAsync()
    {
        var factory = new ConnectionFactory { Uri = new Uri(broker), ClientProvidedName = "queue-migration" };
        await using var connection = nodes.Length > 0
            ? await factory.CreateConnectionAsync(nodes.Select(AmqpTcpEndpoint.Parse).ToList())
            : await factory.CreateConnectionAsync();
        foreach (var settings in endpoints)
            foreach (var queue in new[] { settings.QueueName, $"{settings.QueueName}_error", $"{settings.QueueName}_skipped" })
                await MoveIfClassicAsync(connection, queue, new Dictionary<string, object?>(settings.QueueArguments));
    }

    private async Task MoveIfClassicAsync(IConnection connection, string queue, Dictionary<string, object?> arguments)
    {
        var temporary = queue + Suffix;
        if (await ExistsAsync(connection, queue) && !await DeclaresAsync(connection, queue, arguments))
        {
            logger.LogWarning("Queue {Queue} is a classic queue of an earlier version; moving it to a quorum queue", queue);
            await using var channel = await ChannelAsync(connection);
            await channel.ExchangeDeclareAsync(temporary, ExchangeType.Fanout, durable: true);
            // A quorum queue with a single active consumer cannot be read message by message, so the one in between has none.
            await channel.QueueDeclareAsync(temporary, durable: true, exclusive: false, autoDelete: false,
                arguments.Where(a => a.Key != "x-single-active-consumer").ToDictionary());
            await channel.QueueBindAsync(temporary, temporary, "");
            await channel.QueueBindAsync(temporary, queue, "");
            var moved = await MoveAsync(channel, queue, temporary);
            await channel.QueueDeleteAsync(queue);
            logger.LogInformation("Queue {Queue}: {Count} messages held in {Temporary} while it is declared again", queue, moved, temporary);
        }
        if (!await ExistsAsync(connection, temporary)) return;
        await using (var channel = await ChannelAsync(connection))
        {
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, arguments);
            await channel.QueueBindAsync(queue, queue, "");
            await channel.QueueUnbindAsync(temporary, queue, "");
            var moved = await MoveAsync(channel, temporary, queue);
            await channel.QueueDeleteAsync(temporary);
            await channel.ExchangeDeleteAsync(temporary);
            logger.LogWarning("Queue {Queue} is a quorum queue now, with the {Count} messages it held", queue, moved);
        }
    }

    /// <summary>Moves every message of a queue to an exchange: each is acknowledged only once the broker confirms its copy.</summary>
    private static async Task<int> MoveAsync(IChannel channel, string from, string toExchange)
    {
        var moved = 0;
        while (await channel.BasicGetAsync(from, autoAck: false) is { } message)
        {
            await channel.BasicPublishAsync(toExchange, "", mandatory: true, new BasicProperties(message.BasicProperties), message.Body);
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false);
            moved++;
        }
        return moved;
    }

    private static async Task<bool> ExistsAsync(IConnection connection, string queue)
    {
        try
        {
            await using var channel = await connection.CreateChannelAsync();
            await channel.QueueDeclarePassiveAsync(queue);
            return true;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404) { return false; }
    }

    /// <summary>Whether the queue takes the declaration the bus will make; a classic queue refuses it (406).</summary>
    private static async Task<bool> DeclaresAsync(IConnection connection, string queue, Dictionary<string, object?> arguments)
    {
        try
        {
            await using var channel = await connection.CreateChannelAsync();
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, arguments);
            return true;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 406) { return false; }
    }

    private static Task<IChannel> ChannelAsync(IConnection connection) =>
        connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));

    public void PostCreate(IBus bus) { }
    public void CreateFaulted(Exception exception) { }
    public Task PostStart(IBus bus, Task<BusReady> busReady) => Task.CompletedTask;
    public Task StartFaulted(IBus bus, Exception exception) => Task.CompletedTask;
    public Task PreStop(IBus bus) => Task.CompletedTask;
    public Task PostStop(IBus bus) => Task.CompletedTask;
    public Task StopFaulted(IBus bus, Exception exception) => Task.CompletedTask;
}
