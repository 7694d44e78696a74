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

    /// <summary>A record's source as the integration contracts carry it.</summary>
    public static SourceRef? ToRef(this Source? s) => s is null ? null : new(s.Title, s.Url, s.Quote, s.Locator);
}

/// <summary>
/// The event store is the outbox: the daemon hands over committed events in sequence order and records its
/// checkpoint only after this returns, so every stored event is published at least once and nothing else is.
/// A broker outage holds the page here, retrying, rather than skipping it.
/// </summary>
public sealed class IntegrationEventPublisher(IBus bus, IIntegrationEventMap map, CommitWakeup wakeup, ILogger<IntegrationEventPublisher> logger)
    : SubscriptionBase
{
    public static readonly ActivitySource Source = new("Cooperation");
    private static readonly Counter<long> Published = new Meter("Cooperation").CreateCounter<long>("cooperation.events.published");

    /// <summary>How long one attempt to hand messages to the broker (one, or a run of them together) may take.</summary>
    private static readonly TimeSpan Attempt = TimeSpan.FromSeconds(10);

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, CancellationToken cancellationToken)
    {
        wakeup.PageStarted();
        try
        {
            await PublishAsync(page, cancellationToken);
        }
        finally
        {
            wakeup.PageDone();
        }
        return NullChangeListener.Instance;
    }

    private async Task PublishAsync(EventRange page, CancellationToken cancellationToken)
    {
        var messages = page.Events.Select(stored => (Stored: stored, Message: map.Map(stored, Metadata(map.Service, stored))))
            .Where(m => m.Message is not null).Select(m => (m.Stored, Message: m.Message!)).ToList();
        // The broker keeps the order in which one channel hands it messages, and the bus publishes on one channel. Each run of
        // messages of one type is handed over in order without waiting between them, and their confirms are awaited together;
        // the first of a run goes alone, so that its exchange is declared before the others follow it on the same path.
        for (var start = 0; start < messages.Count;)
        {
            var end = start + 1;
            while (end < messages.Count && messages[end].Message.GetType() == messages[start].Message.GetType()) end++;
            await PublishUntilAccepted(messages[start].Stored, messages[start].Message, cancellationToken);
            await PublishTogether(messages[(start + 1)..end], cancellationToken);
            start = end;
        }
    }

    /// <summary>
    /// Publishes messages of one type in order, awaiting their confirms together; if any fails, all of them are published again
    /// one at a time, in order, until each is accepted (a message may then reach the broker twice; consumers drop the second).
    /// </summary>
    private async Task PublishTogether(List<(IEvent Stored, IIntegrationEvent Message)> run, CancellationToken ct)
    {
        if (run.Count == 0) return;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(Attempt);
            await Task.WhenAll(run.Select(m => Publish(m.Stored, m.Message, timeout.Token)).ToArray());
            Published.Add(run.Count, new KeyValuePair<string, object?>("service", map.Service));
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "Publishing events {First} to {Last} together failed; publishing them one at a time", run[0].Stored.Sequence, run[^1].Stored.Sequence);
            foreach (var (stored, message) in run) await PublishUntilAccepted(stored, message, ct);
        }
    }

    /// <summary>Hands one message to the broker and waits for its confirm, in a span that lasts until then.</summary>
    private async Task Publish(IEvent stored, IIntegrationEvent message, CancellationToken ct)
    {
        ActivityContext.TryParse(stored.GetHeader(EventHeaders.TraceParent)?.ToString(), null, out var parent);
        using var activity = Source.StartActivity($"publish {stored.EventTypeName}", ActivityKind.Producer, parent);
        await bus.Publish(message, message.GetType(), context => Envelope(context, stored), ct);
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
        await UntilAccepted(token => Publish(stored, message, token), logger, "Publishing", stored, maxAttempts: null, ct);
        Published.Add(1, new KeyValuePair<string, object?>("service", map.Service));
    }

    /// <summary>
    /// Hands a message to the broker, each attempt bounded to 10 s, backing off from half a second to 30 s between attempts;
    /// without a limit it waits out any outage, with one the last failure is thrown.
    /// </summary>
    public static async Task UntilAccepted(Func<CancellationToken, Task> send, ILogger logger, string what, IEvent stored, int? maxAttempts,
        CancellationToken ct) =>
        await Retries.WithBackOff(logger, $"{what} event {stored.Sequence}", Attempt, maxAttempts)
            .ExecuteAsync(async token => await send(token), ct);
}
