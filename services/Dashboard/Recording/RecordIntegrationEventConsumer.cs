using Cooperation.Contracts;
using Cooperation.Dashboard.Feed;
using Cooperation.Dashboard.ReadModels;
using Cooperation.EventSourcing;
using Marten;
using MassTransit;

namespace Cooperation.Dashboard.Recording;

/// <summary>
/// Records every integration event once: the inbox mark, the entry in the dashboard's log and the read models it
/// changes commit in one transaction, so a redelivery finds the mark and changes nothing.
/// </summary>
public sealed class RecordIntegrationEventConsumer(IDocumentSession session, TimeProvider clock, FeedSignal feed) : IConsumer<IIntegrationEvent>
{
    public const string Name = "dashboard";

    public async Task Consume(ConsumeContext<IIntegrationEvent> context)
    {
        var received = IntegrationEventReceived.FromEnvelope(context.ReceiveContext.Body.GetBytes());
        var recorded = await session.HandleOnce(Name, context.Message, clock, async () =>
        {
            session.Events.Append(received.Metadata.StreamId, received);
            var batch = new ReadModelBatch(session);
            await DashboardProjection.Apply(received, batch, context.CancellationToken);
            batch.Flush();
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
