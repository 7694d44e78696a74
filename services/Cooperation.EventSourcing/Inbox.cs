using Cooperation.Contracts;
using Cooperation.ServiceDefaults;
using Marten;
using Microsoft.Extensions.Logging;

namespace Cooperation.EventSourcing;

/// <summary>A consumer's mark that it has handled one integration event; its id is the consumer's name and the event id.</summary>
public sealed record HandledMessage(string Id, string EventType, long Sequence, DateTimeOffset HandledAt);

/// <summary>
/// The consumer side of "nothing twice": every consumer handles an integration event through <see cref="HandleOnce"/>,
/// whose mark commits in the same transaction as the handler's changes (events through the write path, or documents).
/// A redelivery finds the mark and does nothing; two deliveries racing collide on it and the loser is retried, then skipped.
/// </summary>
public static class Inbox
{
    public static async Task<bool> HandleOnce(this IDocumentSession session, string consumer, IIntegrationEvent message,
        TimeProvider clock, Func<Task> handle, CancellationToken ct)
    {
        var id = $"{consumer}:{message.Metadata.EventId}";
        if (await session.LoadAsync<HandledMessage>(id, ct) is not null) return false;
        session.Insert(new HandledMessage(id, message.Metadata.EventType, message.Metadata.Sequence, clock.GetUtcNow()));
        try
        {
            await handle();
            // A handler that wrote through the write path has committed the mark with its events; this saves the rest.
            await session.SaveChangesAsync(ct);
            return true;
        }
        catch
        {
            // Nothing of a failed attempt may ride along with the retry, least of all the mark.
            session.EjectAllPendingChanges();
            throw;
        }
    }

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
