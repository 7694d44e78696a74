using Cooperation.Contracts;
using Cooperation.Dashboard.Feed;
using Cooperation.Dashboard.ReadModels;
using MassTransit;

namespace Cooperation.Dashboard.Recording;

/// <summary>
/// Records every integration event once: the inbox marks, the entries in the dashboard's log and the read models its
/// inline projections derive from those entries commit in one transaction per batch, so a redelivery finds its mark and
/// changes nothing.
/// </summary>
public sealed class RecordIntegrationEventConsumer(IDocumentSession session, TimeProvider clock) : IConsumer<Batch<IIntegrationEvent>>
{
    public const string Name = "dashboard";

    public async Task Consume(ConsumeContext<Batch<IIntegrationEvent>> context)
    {
        var received = context.Message.Select(IntegrationEventReceived.From).DistinctBy(r => r.Metadata.EventId).ToDictionary(r => r.Metadata.EventId);
        await session.HandleEachOnce(Name, context.Message.Select(m => m.Message).ToList(), clock, async fresh =>
        {
            var entries = fresh.Select(message => received[message.Metadata.EventId]).ToList();
            foreach (var entry in entries) session.Events.Append(entry.Metadata.StreamId, entry);
            // What the summary counts changes with the read models, in the same transaction.
            await DashboardTally.RecordAsync(session, entries, context.CancellationToken);
            // Every instance's feeds hear of them once they are committed.
            session.QueueSqlCommand(FeedNotifications.Notify);
        }, context.CancellationToken);
    }
}

public sealed class RecordIntegrationEventConsumerDefinition : ConsumerDefinition<RecordIntegrationEventConsumer>
{
    public RecordIntegrationEventConsumerDefinition()
    {
        // The queue of the single active consumer (its earlier queue, "dashboard", had none; infra.sh drops it once empty).
        EndpointName = "dashboard-log";
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<RecordIntegrationEventConsumer> consumer,
        IRegistrationContext context)
    {
        // However many instances run, RabbitMQ delivers to one of them at a time, and to the next when it goes away.
        if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit) rabbit.SingleActiveConsumer = true;
        // One batch at a time, in the order of arrival: the log's order, so the feed's ids only ever grow as it is read.
        consumer.InBatches();
    }
}
