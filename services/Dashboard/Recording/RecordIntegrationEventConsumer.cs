using Cooperation.Contracts;
using Cooperation.Dashboard.Feed;
using Cooperation.EventSourcing;
using Marten;
using MassTransit;

namespace Cooperation.Dashboard.Recording;

/// <summary>
/// Records every integration event once: the inbox mark, the entry in the dashboard's log and the read models its
/// inline projections derive from that entry commit in one transaction, so a redelivery finds the mark and changes nothing.
/// </summary>
public sealed class RecordIntegrationEventConsumer(IDocumentSession session, TimeProvider clock, FeedSignal feed) : IConsumer<IIntegrationEvent>
{
    public const string Name = "dashboard";

    public async Task Consume(ConsumeContext<IIntegrationEvent> context)
    {
        var received = IntegrationEventReceived.From(context);
        var recorded = await session.HandleOnce(Name, context.Message, clock, () =>
        {
            session.Events.Append(received.Metadata.StreamId, received);
            return Task.CompletedTask;
        }, context.CancellationToken);
        if (recorded) feed.Pulse();
    }
}

public sealed class RecordIntegrationEventConsumerDefinition : ConsumerDefinition<RecordIntegrationEventConsumer>
{
    public RecordIntegrationEventConsumerDefinition()
    {
        EndpointName = "dashboard";
        // One at a time: the log's order is the order of arrival, so the feed's ids only ever grow as it is read.
        ConcurrentMessageLimit = 1;
    }
}
