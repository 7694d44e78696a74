using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cooperation.Contracts;
using JasperFx;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;

namespace Cooperation.ServiceDefaults;

/// <summary>Everything about a write that comes from the request rather than its body.</summary>
public sealed record WriteContext(Actor Actor, long? ExpectedVersion, string? IdempotencyKey, string Route, string? CorrelationId, DateTimeOffset Now,
    string? CausationId = null)
{
    public DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);

    public static ValueTask<WriteContext?> BindAsync(HttpContext http)
    {
        var ifMatch = http.Request.Headers.IfMatch.ToString();
        long? expected = null;
        if (ifMatch.Length > 0)
        {
            var tag = ifMatch.Trim();
            if (tag.StartsWith("W/", StringComparison.Ordinal)) tag = tag[2..];
            if (!long.TryParse(tag.Trim('"'), out var version) || version < 0)
                throw new BadHttpRequestException("If-Match must name a version, like \"3\".", StatusCodes.Status400BadRequest);
            expected = version;
        }
        var key = http.Request.Headers["Idempotency-Key"].ToString();
        if (key.Length > 200) throw new BadHttpRequestException("Idempotency-Key must be at most 200 characters.", StatusCodes.Status400BadRequest);
        var correlation = http.Request.Headers["X-Correlation-Id"].ToString();
        return ValueTask.FromResult<WriteContext?>(new WriteContext(
            Actor.From(http.User),
            expected,
            key.Length > 0 ? key : null,
            $"{http.Request.Method} {http.Request.Path}",
            correlation.Length > 0 ? correlation : Activity.Current?.TraceId.ToString(),
            http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow()));
    }
}

/// <summary>A write made in reaction to an integration event: on behalf of the event's actor, in its correlation, caused by it.</summary>
public static class Reactions
{
    public static WriteContext Reacting(this IIntegrationEvent message, string consumer, TimeProvider clock) =>
        new(new Actor(message.Metadata.Actor.Sub, message.Metadata.Actor.Role, message.Metadata.Actor.Region),
            null, null, consumer, message.Metadata.CorrelationId, clock.GetUtcNow(), message.Metadata.EventId.ToString());
}

/// <summary>The first answer to a write made with an Idempotency-Key, kept to answer its retries.</summary>
public sealed record IdempotencyRecord(string Id, string Fingerprint, Guid StreamId, long Version, bool Created, DateTimeOffset RecordedAt);

public sealed record WriteOutcome(Guid Id, long Version, bool Created, DomainError? Error = null);

public static class Writes
{
    /// <summary>Starts a new stream with the events the decision returns.</summary>
    public static Task<WriteOutcome> Start<TState>(this IDocumentSession session, Guid id, WriteContext context, object request,
        Func<Decision> decide, CancellationToken ct) where TState : class =>
        session.Commit(context, request, ct, async () =>
        {
            var decision = decide();
            if (decision.Error is not null) return new WriteOutcome(id, 0, true, decision.Error);
            session.Events.StartStream<TState>(id, decision.Events.ToArray());
            return new WriteOutcome(id, decision.Events.Count, true);
        });

    /// <summary>Appends to an existing stream the events the decision returns from its current state.</summary>
    public static Task<WriteOutcome> Append<TState>(this IDocumentSession session, Guid id, WriteContext context, object request,
        Func<TState, Decision> decide, CancellationToken ct) where TState : class =>
        session.Commit(context, request, ct, async () =>
        {
            var stream = context.ExpectedVersion is { } expected
                ? await session.Events.FetchForWriting<TState>(id, expected, ct)
                : await session.Events.FetchForWriting<TState>(id, ct);
            if (stream.Aggregate is null) return new WriteOutcome(id, 0, false, DomainError.NotFound($"There is no record {id}."));
            var decision = decide(stream.Aggregate);
            if (decision.Error is not null) return new WriteOutcome(id, 0, false, decision.Error);
            var version = (stream.CurrentVersion ?? 0) + decision.Events.Count;
            stream.AppendMany(decision.Events.ToArray());
            return new WriteOutcome(id, version, false);
        });

    private static async Task<WriteOutcome> Commit(this IDocumentSession session, WriteContext context, object request,
        CancellationToken ct, Func<Task<WriteOutcome>> write)
    {
        var fingerprint = Fingerprint(context.Route, request);
        var recordId = context.IdempotencyKey is { } key ? $"{context.Actor.Sub}:{key}" : null;
        if (recordId is not null && await Replay(session, recordId, fingerprint, ct) is { } replayed) return replayed;

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
            if (recordId is not null)
                session.Insert(new IdempotencyRecord(recordId, fingerprint, outcome.Id, outcome.Version, outcome.Created, context.Now));
            await session.SaveChangesAsync(ct);
            return outcome;
        }
        catch (Exception e) when (IsConcurrency(e))
        {
            return new WriteOutcome(Guid.Empty, 0, false, context.ExpectedVersion is { } expected
                ? DomainError.PreconditionFailed($"The record is no longer at version {expected}; read it again and retry.")
                : DomainError.Conflict("The record changed while this write was being made; retry."));
        }
        catch (DocumentAlreadyExistsException) when (recordId is not null)
        {
            // A retry with the same key won the race: answer with what it recorded.
            await using var fresh = session.DocumentStore.QuerySession();
            return await Replay(fresh, recordId, fingerprint, ct)
                ?? throw new InvalidOperationException($"Idempotency record {recordId} vanished.");
        }
    }

    private static bool IsConcurrency(Exception e) =>
        e is ConcurrencyException or EventStreamUnexpectedMaxEventIdException or ExistingStreamIdCollisionException
            or Marten.Exceptions.ExistingStreamIdCollisionException;

    private static async Task<WriteOutcome?> Replay(IQuerySession session, string recordId, string fingerprint, CancellationToken ct)
    {
        var record = await session.LoadAsync<IdempotencyRecord>(recordId, ct);
        if (record is null) return null;
        return record.Fingerprint == fingerprint
            ? new WriteOutcome(record.StreamId, record.Version, record.Created)
            : new WriteOutcome(record.StreamId, record.Version, record.Created,
                DomainError.Invalid("Idempotency-Key", "This Idempotency-Key was already used for a different request."));
    }

    private static string Fingerprint(string route, object request) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(route + "\n" + JsonSerializer.Serialize(request, request.GetType()))));

    /// <summary>Answers a write with the record as the write left it, its version as the ETag.</summary>
    public static async Task<Results<Created<TView>, Ok<TView>, ProblemHttpResult>> Respond<TView>(this WriteOutcome outcome,
        IQuerySession session, HttpContext http, CancellationToken ct) where TView : class, IView<TView>
    {
        if (outcome.Error is not null) return outcome.Error.ToProblem();
        var view = await session.Events.AggregateStreamAsync<TView>(outcome.Id, outcome.Version, token: ct);
        if (view is null) return DomainError.NotFound($"There is no record {outcome.Id}.").ToProblem();
        http.Response.Headers.ETag = $"\"{outcome.Version}\"";
        view = (await http.RequestServices.CompleteAsync(session, [view.On(http.RequestServices.GetRequiredService<TimeProvider>().Today())], ct))[0];
        return outcome.Created ? TypedResults.Created($"{http.Request.Path.Value?.TrimEnd('/')}/{outcome.Id}", view) : TypedResults.Ok(view);
    }
}

/// <summary>Header names under which the acting committee and the trace travel with each stored event.</summary>
public static class EventHeaders
{
    public const string Role = "role";
    public const string Region = "region";
    public const string TraceParent = "traceparent";
}
