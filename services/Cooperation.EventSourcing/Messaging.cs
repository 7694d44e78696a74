using Cooperation.Contracts;
using Cooperation.ServiceDefaults;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client.Exceptions;

namespace Cooperation.EventSourcing;

public static class MessagingExtensions
{
    /// <summary>MassTransit on RabbitMQ: integration events fan out through one exchange; consumers retry, then dead-letter.</summary>
    public static IHostApplicationBuilder AddMessaging(this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator>? consumers = null)
    {
        var broker = builder.Configuration.GetConnectionString("RabbitMq")
            ?? throw new InvalidOperationException("ConnectionStrings:RabbitMq is not configured.");
        // The nodes of a cluster, host:port each: a connection whose node dies is made again to another.
        var nodes = (builder.Configuration["RabbitMq:Nodes"] ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        builder.Services.AddSingleton(sp => new QuorumQueues(broker, nodes, sp.GetRequiredService<ILogger<QuorumQueues>>()));
        builder.Services.AddBusObserver(sp => sp.GetRequiredService<QuorumQueues>());
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            // Every queue the service consumes from is a quorum queue (QuorumQueues moves a classic one of an earlier version).
            bus.AddConfigureEndpointsCallback((context, _, endpoint) => context.GetRequiredService<QuorumQueues>().Configure(endpoint));
            // MassTransit would report its use to its vendor over the internet; nothing here leaves the deployment.
            bus.DisableUsageTelemetry();
            consumers?.Invoke(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(new Uri(broker), host =>
                {
                    if (nodes.Length > 0) host.UseCluster(cluster => { foreach (var node in nodes) cluster.Node(node); });
                });
                rabbit.Message<IIntegrationEvent>(m => m.SetEntityName(IntegrationEvents.Exchange));
                // Replays are for auditors' queues; a live consumer drops one that reaches it.
                rabbit.UseConsumeFilter(typeof(IgnoreReplaysFilter<>), context);
                // Transient failures retry with back-off; what still fails lands in the endpoint's _error queue.
                rabbit.UseMessageRetry(r => r.Exponential(6, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(500)));
                rabbit.ConfigureEndpoints(context);
            });
        });
        builder.Services.AddDependency(Broker);
        return builder;
    }

    /// <summary>
    /// The one way a consumer takes its messages in batches (it consumes <see cref="Batch{T}"/>): each batch is handled in one
    /// transaction, in the order the queue delivered it, one batch after another. A batch is handed over once it holds
    /// <see cref="BatchSize"/> messages or its first message has waited <see cref="BatchWait"/>; the next one fills meanwhile.
    /// A batch that fails is retried message by message (the bus's retry is per message), so one that keeps failing is
    /// dead-lettered alone and the others of its batch go through.
    /// </summary>
    public static void InBatches<TConsumer>(this IConsumerConfigurator<TConsumer> consumer) where TConsumer : class =>
        consumer.Options<BatchOptions>(batch => batch.SetMessageLimit(BatchSize).SetTimeLimit(BatchWait).SetConcurrencyLimit(1)
            .SetConfigurationCallback((_, endpoint) =>
            {
                endpoint.PrefetchCount = 2 * BatchSize;
                endpoint.ConcurrentMessageLimit = 2 * BatchSize;
            }));

    public const int BatchSize = 100;

    public static readonly TimeSpan BatchWait = TimeSpan.FromMilliseconds(20);

    /// <summary>RabbitMQ cannot be reached now, as MassTransit or the AMQP client reports it.</summary>
    public static readonly Dependency Broker = new("message broker", e =>
        e is RabbitMqConnectionException or BrokerUnreachableException or ConnectFailureException or AlreadyClosedException);
}

/// <summary>Live consumers never act on a replayed message, even one sent into their own queue: it is acknowledged and dropped.</summary>
public sealed class IgnoreReplaysFilter<T>(ILogger<IgnoreReplaysFilter<T>> logger) : IFilter<ConsumeContext<T>> where T : class
{
    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        if (context.Headers.TryGetHeader(IntegrationEvents.ReplayHeader, out _))
        {
            logger.LogWarning("Dropped a replayed {Type} that reached a live consumer's queue", typeof(T).Name);
            await context.NotifyConsumed(context, TimeSpan.Zero, nameof(IgnoreReplaysFilter<T>));
            return;
        }
        await next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("ignore-replays");
}
