using System.Diagnostics;
using Cooperation.ServiceDefaults;
using JasperFx;
using JasperFx.Events;
using Marten;

namespace Cooperation.EventSourcing;

/// <summary>A second, existing stream a write also appends to, in the same transaction: a plan attached to its parent, an item a session's decision adds to a plan.</summary>
public abstract record Alongside
{
    /// <summary>Decides on the other stream's state and appends what the decision returns; the decision's error, if any.</summary>
    internal abstract Task<DomainError?> AppendAsync(IDocumentSession session, CancellationToken ct);
}

/// <summary>The other stream, of <typeparamref name="TState"/>, and the decision on its state (null when there is no such stream).</summary>
public sealed record Alongside<TState>(Guid Id, Func<TState?, Decision> Decide) : Alongside where TState : class
{
    internal override async Task<DomainError?> AppendAsync(IDocumentSession session, CancellationToken ct)
    {
        var other = await session.Events.FetchForWriting<TState>(Id, ct);
        var decided = Decide(other.Aggregate);
        if (decided.Error is not null) return decided.Error;
        other.AppendMany(decided.Events.ToArray());
        return null;
    }
}

/// <summary>
/// The commit path of every write, from an endpoint or a reaction: load the stream, decide, append what the decision returns
/// and save it with the write's metadata, once per Idempotency-Key; or, for a write that only validates, say what would be appended.
/// </summary>
public static class Commits
{
    /// <summary>
    /// Starts a new stream with the events the decision returns; with <paramref name="alongside"/>, also appends to an existing
    /// stream what its decision returns from that stream's state, both in one transaction or neither.
    /// </summary>
    public static Task<WriteOutcome> Start<TState>(this IDocumentSession session, Guid id, WriteContext context, object request,
        Func<Decision> decide, CancellationToken ct, Alongside? alongside = null) where TState : class =>
        session.Commit(context, request, ct, async () =>
        {
            var decision = decide();
            if (decision.Error is not null) return new WriteOutcome(id, 0, decision.Error);
            if (alongside is not null && await alongside.AppendAsync(session, ct) is { } refused) return new WriteOutcome(id, 0, refused);
            session.Events.StartStream<TState>(id, decision.Events.ToArray());
            return new WriteOutcome(id, decision.Events.Count);
        });

    /// <summary>
    /// Appends to an existing stream the events the decision returns from its current state; with <paramref name="alongside"/>,
    /// also to another stream what its decision returns, both in one transaction or neither.
    /// </summary>
    public static Task<WriteOutcome> Append<TState>(this IDocumentSession session, Guid id, WriteContext context, object request,
        Func<TState, Decision> decide, CancellationToken ct, Alongside? alongside = null) where TState : class =>
        session.Commit(context, request, ct, async () =>
        {
            // The all-zero id is no stream's (Marten refuses to fetch it).
            if (id == Guid.Empty) return new WriteOutcome(id, 0, DomainError.NotFound($"There is no record {id}."));
            var stream = context.ExpectedVersion is { } expected
                ? await session.Events.FetchForWriting<TState>(id, expected, ct)
                : await session.Events.FetchForWriting<TState>(id, ct);
            if (stream.Aggregate is null) return new WriteOutcome(id, 0, DomainError.NotFound($"There is no record {id}."));
            var decision = decide(stream.Aggregate);
            if (decision.Error is not null) return new WriteOutcome(id, 0, decision.Error);
            if (alongside is not null && await alongside.AppendAsync(session, ct) is { } refused) return new WriteOutcome(id, 0, refused);
            var version = (stream.CurrentVersion ?? 0) + decision.Events.Count;
            stream.AppendMany(decision.Events.ToArray());
            return new WriteOutcome(id, version);
        });

    private static async Task<WriteOutcome> Commit(this IDocumentSession session, WriteContext context, object request,
        CancellationToken ct, Func<Task<WriteOutcome>> write)
    {
        var fingerprint = Idempotency.Fingerprint(context.Route, request);
        // A write that only validates stores nothing, so it neither answers from nor leaves an idempotency record.
        var recordId = context.IdempotencyKey is { } key && !context.ValidateOnly ? Idempotency.RecordId(context.Actor, key) : null;
        if (recordId is not null && await Idempotency.ReplayAsync(session, recordId, fingerprint, ct) is { } replayed) return replayed;

        session.CorrelationId = context.CorrelationId;
        session.CausationId = context.CausationId;
        session.LastModifiedBy = context.Actor.Sub;
        session.SetHeader(EventHeaders.Role, context.Actor.Role);
        if (context.Actor.Region is not null) session.SetHeader(EventHeaders.Region, context.Actor.Region);
        if (Activity.Current?.Id is { } traceParent) session.SetHeader(EventHeaders.TraceParent, traceParent);

        try
        {
            var outcome = await write();
            if (outcome.Error is not null) return outcome;
            if (context.ValidateOnly) return outcome with { Validated = Pending(session, outcome) };
            if (recordId is not null)
                session.Insert(new IdempotencyRecord(recordId, fingerprint, outcome.Id, outcome.Version, context.Now));
            await session.SaveChangesAsync(ct);
            return outcome;
        }
        catch (Exception e) when (IsConcurrency(e))
        {
            return new WriteOutcome(Guid.Empty, 0, context.ExpectedVersion is { } expected
                ? DomainError.PreconditionFailed($"The record is no longer at version {expected}; read it again and retry.")
                : DomainError.Conflict("The record changed while this write was being made; retry."));
        }
        catch (DocumentAlreadyExistsException) when (recordId is not null)
        {
            // A retry with the same key won the race: answer with what it recorded.
            await using var fresh = session.DocumentStore.QuerySession();
            return await Idempotency.ReplayAsync(fresh, recordId, fingerprint, ct)
                ?? throw new InvalidOperationException($"Idempotency record {recordId} vanished.");
        }
    }

    /// <summary>What the session would append if it were saved.</summary>
    private static ValidatedWrite Pending(IDocumentSession session, WriteOutcome outcome) =>
        new(outcome.Id, outcome.Version, session.PendingChanges.Streams()
            .SelectMany(stream => stream.Events.Select(e => new WouldAppend(stream.Id, e.EventTypeName ?? e.EventType.Name, e.Data)))
            .ToArray());

    private static bool IsConcurrency(Exception e) =>
        e is ConcurrencyException or EventStreamUnexpectedMaxEventIdException or ExistingStreamIdCollisionException
            or Marten.Exceptions.ExistingStreamIdCollisionException;
}
