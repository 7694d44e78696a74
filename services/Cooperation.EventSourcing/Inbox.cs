using Cooperation.Contracts;
using Cooperation.ServiceDefaults;
using Marten;
using Microsoft.Extensions.Logging;

namespace Cooperation.EventSourcing;

/// <summary>A consumer's mark that it has handled one integration event; its id is the consumer's name and the event id.</summary>
public sealed record HandledMessage(string Id, string EventType, long Sequence, DateTimeOffset HandledAt);

/// <summary>
/// The consumer side of "nothing twice": every consumer handles integration events through <see cref="HandleEachOnce{T}"/>,
/// whose marks commit in the same transaction as the handler's changes (events through the write path, or documents).
/// A redelivery finds its mark and is passed over; two deliveries racing collide on it and the loser is retried, then skipped.
/// </summary>
public static class Inbox
{
    /// <summary>
    /// Handles the events of a batch not handled before, in the batch's order, in one transaction with their marks: one read
    /// of the marks, one commit. Answers the events handled now.
    /// </summary>
    public static async Task<IReadOnlyList<T>> HandleEachOnce<T>(this IDocumentSession session, string consumer, IReadOnlyList<T> messages,
        TimeProvider clock, Func<IReadOnlyList<T>, Task> handle, CancellationToken ct) where T : IIntegrationEvent
    {
        var unique = messages.DistinctBy(m => m.Metadata.EventId).Select(m => (Message: m, Mark: $"{consumer}:{m.Metadata.EventId}")).ToList();
        var marked = (await session.LoadManyAsync<HandledMessage>(ct, unique.Select(m => m.Mark))).Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        var at = clock.GetUtcNow();
        var fresh = new List<T>();
        foreach (var (message, mark) in unique.Where(m => !marked.Contains(m.Mark)))
        {
            session.Insert(new HandledMessage(mark, message.Metadata.EventType, message.Metadata.Sequence, at));
            fresh.Add(message);
        }
        if (fresh.Count == 0) return fresh;
        try
        {
            await handle(fresh);
            // A handler that wrote through the write path has committed the marks with its events; this saves the rest.
            await session.SaveChangesAsync(ct);
            return fresh;
        }
        catch
        {
            // Nothing of a failed attempt may ride along with the retry, least of all the marks.
            session.EjectAllPendingChanges();
            throw;
        }
    }

    /// <summary>One event, as a batch of one: whether it was handled now.</summary>
    public static async Task<bool> HandleOnce(this IDocumentSession session, string consumer, IIntegrationEvent message,
        TimeProvider clock, Func<Task> handle, CancellationToken ct) =>
        (await session.HandleEachOnce(consumer, [message], clock, _ => handle(), ct)).Count > 0;

    /// <summary>
    /// Ends a reaction's write: a concurrent change or a record not there yet throws, so the broker retries it (then dead-letters);
    /// a refusal by the decision is final, so it is logged and the event counts as handled.
    /// </summary>
    public static void Settle(this WriteOutcome outcome, ILogger logger, IIntegrationEvent message)
    {
        if (outcome.Error is not { } error) return;
        if (error.Kind is ErrorKind.Conflict or ErrorKind.NotFound or ErrorKind.PreconditionFailed)
            throw new InvalidOperationException($"Reaction to event {message.Metadata.EventId} ({message.Metadata.EventType}) must be retried: {error.Detail}");
        logger.LogWarning("Reaction to event {EventId} ({EventType}) refused: {Detail}", message.Metadata.EventId, message.Metadata.EventType, error.Detail);
    }
}
