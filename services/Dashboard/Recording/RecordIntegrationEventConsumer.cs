using Cooperation.Contracts;
using Cooperation.Dashboard.Feed;
using MassTransit;

namespace Cooperation.Dashboard.Recording;

/// <summary>
/// Records every integration event once: the inbox mark, the entry in the dashboard's log and the read models its
/// inline projections derive from that entry commit in one transaction, so a redelivery finds the mark and changes nothing.
/// </summary>
public sealed class RecordIntegrationEventConsumer(IDocumentSession session, TimeProvider clock) : IConsumer<IIntegrationEvent>
{
    public const string Name = "dashboard";

    public async Task Consume(ConsumeContext<IIntegrationEvent> context)
    {
        var received = IntegrationEventReceived.From(context);
        await session.HandleOnce(Name, context.Message, clock, () =>
        {
            session.Events.Append(received.Metadata.StreamId, received);
            // Every instance's feeds hear of it once it is committed.
            session.QueueSqlCommand(FeedNotifications.Notify);
            return Task.CompletedTask;
        }, context.CancellationToken);
    }
}

public sealed class RecordIntegrationEventConsumerDefinition : ConsumerDefinition<RecordIntegrationEventConsumer>
{
    public RecordIntegrationEventConsumerDefinition()
    {
        // The queue of the single active consumer (its earlier queue, "dashboard", had none; infra.sh drops it once empty).
        EndpointName = "dashboard-log";
        // One at a time: the log's order is the order of arrival, so the feed's ids only ever grow as it is read.
        ConcurrentMessageLimit = 1;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<RecordIntegrationEventConsumer> consumer,
        IRegistrationContext context)
    {
        // However many instances run, RabbitMQ delivers to one of them at a time, and to the next when it goes away.
        if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit) rabbit.SingleActiveConsumer = true;
    }
}
