using System.Diagnostics;
using System.Diagnostics.Metrics;
using Cooperation.Contracts;
using Cooperation.Vocabulary;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Cooperation.EventSourcing;

/// <summary>Maps a service's stored events to its integration contracts.</summary>
public interface IIntegrationEventMap
{
    /// <summary>The service's name in event metadata: agreements, delegations, trade.</summary>
    string Service { get; }

    /// <summary>The contract for a stored event, or null for one that is not published.</summary>
    IIntegrationEvent? Map(IEvent stored, EventMetadata metadata);
}

public static class ContractRefs
{
    /// <summary>A party as the integration contracts carry it.</summary>
    public static PartyRef ToRef(this Party p) => new(p.Code, p.Name, p.Level, p.Country, p.Region);
}

/// <summary>
/// The event store is the outbox: the daemon hands over committed events in sequence order and records its
/// checkpoint only after this returns, so every stored event is published at least once and nothing else is.
/// A broker outage holds the page here, retrying, rather than skipping it.
/// </summary>
public sealed class IntegrationEventPublisher(IBus bus, IIntegrationEventMap map, ILogger<IntegrationEventPublisher> logger) : SubscriptionBase
{
    public static readonly ActivitySource Source = new("Cooperation");
    private static readonly Counter<long> Published = new Meter("Cooperation").CreateCounter<long>("cooperation.events.published");

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, CancellationToken cancellationToken)
    {
        foreach (var stored in page.Events)
        {
            var message = map.Map(stored, Metadata(map.Service, stored));
            if (message is null) continue;
            await PublishUntilAccepted(stored, message, cancellationToken);
        }
        return NullChangeListener.Instance;
    }

    public static EventMetadata Metadata(string service, IEvent stored) =>
        new(stored.Id, service, stored.EventTypeName, IntegrationEvents.SchemaVersion, stored.StreamId, stored.Version,
            stored.Sequence, stored.Timestamp, stored.Actor(), stored.CorrelationId);

    /// <summary>The envelope of every message made from a stored event, live or replayed: its id, correlation and sequence.</summary>
    public static void Envelope(SendContext context, IEvent stored)
    {
        context.MessageId = stored.Id;
        if (Guid.TryParse(stored.CorrelationId, out var correlation)) context.CorrelationId = correlation;
        context.Headers.Set("cooperation-sequence", stored.Sequence);
    }

    private async Task PublishUntilAccepted(IEvent stored, IIntegrationEvent message, CancellationToken ct)
    {
        ActivityContext.TryParse(stored.GetHeader(EventHeaders.TraceParent)?.ToString(), null, out var parent);
        using var activity = Source.StartActivity($"publish {stored.EventTypeName}", ActivityKind.Producer, parent);
        await UntilAccepted(token => bus.Publish(message, message.GetType(), context => Envelope(context, stored), token),
            logger, "Publishing", stored, maxAttempts: null, ct);
        Published.Add(1, new KeyValuePair<string, object?>("service", map.Service));
    }

    /// <summary>
    /// Hands a message to the broker, each attempt bounded to 10 s, backing off from half a second to 30 s between attempts;
    /// without a limit it waits out any outage, with one the last failure is thrown.
    /// </summary>
    public static async Task UntilAccepted(Func<CancellationToken, Task> send, ILogger logger, string what, IEvent stored, int? maxAttempts,
        CancellationToken ct) =>
        await Retries.WithBackOff(logger, $"{what} event {stored.Sequence}", TimeSpan.FromSeconds(10), maxAttempts)
            .ExecuteAsync(async token => await send(token), ct);
}
