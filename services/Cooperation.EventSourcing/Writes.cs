using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cooperation.Contracts;
using Cooperation.ServiceDefaults;
using Cooperation.Vocabulary;
using JasperFx;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Cooperation.EventSourcing;

/// <summary>Everything about a write that comes from the request rather than its body.</summary>
public sealed record WriteContext(Actor Actor, long? ExpectedVersion, string? IdempotencyKey, string Route, string? CorrelationId, DateTimeOffset Now,
    string? CausationId = null, bool ValidateOnly = false)
{
    public DateOnly Today => Now.Day();

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
        if (correlation.Length > Limits.Current.CorrelationId)
            throw new BadHttpRequestException($"X-Correlation-Id must be at most {Limits.Current.CorrelationId} characters.", StatusCodes.Status400BadRequest);
        var validateOnly = http.Request.Query["validateOnly"].ToString();
        if (validateOnly.Length > 0 && !bool.TryParse(validateOnly, out _))
            throw new BadHttpRequestException("validateOnly must be true or false.", StatusCodes.Status400BadRequest);
        return ValueTask.FromResult<WriteContext?>(new WriteContext(
            Actor.From(http.User),
            expected,
            key.Length > 0 ? key : null,
            $"{http.Request.Method} {http.Request.Path}",
            correlation.Length > 0 ? correlation : Activity.Current?.TraceId.ToString(),
            http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(),
            ValidateOnly: validateOnly.Length > 0 && bool.Parse(validateOnly)));
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
public sealed record IdempotencyRecord(string Id, string Fingerprint, Guid StreamId, long Version, DateTimeOffset RecordedAt);

/// <summary>What a write did: the record and its version, or why it was refused; <see cref="Replayed"/> when it answers a retry.</summary>
public sealed record WriteOutcome(Guid Id, long Version, DomainError? Error = null, bool Replayed = false, ValidatedWrite? Validated = null);

/// <summary>
/// The answer to a write made with <c>?validateOnly=true</c>: it was validated and decided as it would be, and these are the
/// events it would append, at the version it would leave the record; nothing was stored.
/// </summary>
public sealed record ValidatedWrite(Guid Id, long Version, IReadOnlyList<WouldAppend> Events)
{
    public bool ValidateOnly => true;
}

public sealed record WouldAppend(Guid StreamId, string Type, object Data);

/// <summary>A second, existing stream a start also writes to, and the decision on its state (null when there is no such stream).</summary>
public sealed record Alongside<TState>(Guid Id, Func<TState?, Decision> Decide);

/// <summary>
/// What a write endpoint is given besides its route values and body: the write's context, the session it writes in and the
/// exchange it answers. A slice validates the request and names its decision; <see cref="Start{TState,TView}"/> and the Append
/// methods answer the validation's problems, or load the record, decide, append what the decision returns and answer with the
/// record (or the part of it written) as the write left it.
/// </summary>
public sealed class Write(WriteContext context, IDocumentSession session, HttpContext http)
{
    public Actor Actor => context.Actor;

    public DateOnly Today => context.Today;

    /// <summary>For what a slice reads before it decides, such as the linked record a request names.</summary>
    public IDocumentSession Session => session;

    public CancellationToken RequestAborted => http.RequestAborted;

    public static async ValueTask<Write?> BindAsync(HttpContext http) =>
        new((await WriteContext.BindAsync(http))!, http.RequestServices.GetRequiredService<IDocumentSession>(), http);

    /// <summary>Starts a record (see <see cref="Writes.Start{TState}"/>) and answers with it as created.</summary>
    public async Task<Results<Created<TView>, Ok<ValidatedWrite>, ProblemHttpResult>> Start<TState, TView>(Guid id, object request,
        Validation validation, Func<Decision> decide, Alongside<TState>? alongside = null) where TState : class where TView : class, IView<TView>
    {
        if (validation.Failed(out var invalid)) return invalid.ToProblem();
        return await (await session.Start(id, context, request, decide, RequestAborted, alongside)).RespondCreated<TView>(session, http, RequestAborted);
    }

    /// <summary>Appends to a record what the decision returns from its state and answers with the record as the write left it.</summary>
    public async Task<Results<Ok<ValidatedWrite>, Ok<TView>, ProblemHttpResult>> Append<TState, TView>(Guid id, object request,
        Validation validation, Func<TState, Decision> decide) where TState : class where TView : class, IView<TView>
    {
        if (validation.Failed(out var invalid)) return invalid.ToProblem();
        return await (await session.Append(id, context, request, decide, RequestAborted)).RespondOk<TView>(session, http, RequestAborted);
    }

    /// <summary>Appends to a record and answers with the part of it the write changed, as the write left it.</summary>
    public async Task<Results<Ok<ValidatedWrite>, Ok<TPart>, ProblemHttpResult>> Append<TState, TView, TPart>(Guid id, object request,
        Validation validation, Func<TState, Decision> decide, Func<TView, TPart?> part)
        where TState : class where TView : class, IView<TView> where TPart : class
    {
        if (validation.Failed(out var invalid)) return invalid.ToProblem();
        return await (await session.Append(id, context, request, decide, RequestAborted)).RespondOk(session, http, part, RequestAborted);
    }

    /// <summary>Appends to a record a part of it (an item of a plan) and answers with that part as created.</summary>
    public async Task<Results<Created<TPart>, Ok<ValidatedWrite>, ProblemHttpResult>> AppendCreated<TState, TView, TPart>(Guid id, object request,
        Validation validation, Func<TState, Decision> decide, Func<TView, (Guid Id, TPart Part)> part) where TState : class where TView : class, IView<TView>
    {
        if (validation.Failed(out var invalid)) return invalid.ToProblem();
        return await (await session.Append(id, context, request, decide, RequestAborted)).RespondCreated(session, http, part, RequestAborted);
    }
}

public static class Writes
{
    /// <summary>Maps a write: a POST that needs the write policy, with its name and summary in the OpenAPI document.</summary>
    public static RouteGroupBuilder MapWrite(this RouteGroupBuilder group, string pattern, Delegate handler, string name, string summary)
    {
        group.MapPost(pattern, handler)
            .RequireAuthorization(Policies.Write)
            .WithName(name)
            .WithSummary(summary);
        return group;
    }

    /// <summary>Marks the answer to a retry with a used Idempotency-Key: the first answer again, nothing appended.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>
    /// Starts a new stream with the events the decision returns; with <paramref name="alongside"/>, also appends to an existing
    /// stream what its decision returns from that stream's state (a plan attached to its parent), both in one transaction or neither.
    /// </summary>
    public static Task<WriteOutcome> Start<TState>(this IDocumentSession session, Guid id, WriteContext context, object request,
        Func<Decision> decide, CancellationToken ct, Alongside<TState>? alongside = null) where TState : class =>
        session.Commit(context, request, ct, async () =>
        {
            var decision = decide();
            if (decision.Error is not null) return new WriteOutcome(id, 0, decision.Error);
            if (alongside is not null)
            {
                var other = await session.Events.FetchForWriting<TState>(alongside.Id, ct);
                var decided = alongside.Decide(other.Aggregate);
                if (decided.Error is not null) return new WriteOutcome(id, 0, decided.Error);
                other.AppendMany(decided.Events.ToArray());
            }
            session.Events.StartStream<TState>(id, decision.Events.ToArray());
            return new WriteOutcome(id, decision.Events.Count);
        });

    /// <summary>Appends to an existing stream the events the decision returns from its current state.</summary>
    public static Task<WriteOutcome> Append<TState>(this IDocumentSession session, Guid id, WriteContext context, object request,
        Func<TState, Decision> decide, CancellationToken ct) where TState : class =>
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
            var version = (stream.CurrentVersion ?? 0) + decision.Events.Count;
            stream.AppendMany(decision.Events.ToArray());
            return new WriteOutcome(id, version);
        });

    private static async Task<WriteOutcome> Commit(this IDocumentSession session, WriteContext context, object request,
        CancellationToken ct, Func<Task<WriteOutcome>> write)
    {
        var fingerprint = Fingerprint(context.Route, request);
        // A write that only validates stores nothing, so it neither answers from nor leaves an idempotency record.
        var recordId = context.IdempotencyKey is { } key && !context.ValidateOnly ? IdempotencyRecordId(context.Actor, key) : null;
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
            return await Replay(fresh, recordId, fingerprint, ct)
                ?? throw new InvalidOperationException($"Idempotency record {recordId} vanished.");
        }
    }

    /// <summary>What the session would append if it were saved.</summary>
    private static ValidatedWrite Pending(IDocumentSession session, WriteOutcome outcome) =>
        new(outcome.Id, outcome.Version, session.PendingChanges.Streams()
            .SelectMany(stream => stream.Events.Select(e => new WouldAppend(stream.Id, e.EventTypeName ?? e.EventType.Name, e.Data)))
            .ToArray());

    /// <summary>
    /// A key counts only for the caller who used it: its record is named by a hash of the caller's sub, role and region and
    /// the key, each prefixed with its length, so no two callers or keys can share a record, and a retry is answered only
    /// to the very caller whose write it was.
    /// </summary>
    public static string IdempotencyRecordId(Actor actor, string key)
    {
        var text = new StringBuilder();
        foreach (var part in new[] { actor.Sub, actor.Role, actor.Region ?? "", key }) text.Append(part.Length).Append(':').Append(part);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static bool IsConcurrency(Exception e) =>
        e is ConcurrencyException or EventStreamUnexpectedMaxEventIdException or ExistingStreamIdCollisionException
            or Marten.Exceptions.ExistingStreamIdCollisionException;

    private static async Task<WriteOutcome?> Replay(IQuerySession session, string recordId, string fingerprint, CancellationToken ct)
    {
        var record = await session.LoadAsync<IdempotencyRecord>(recordId, ct);
        if (record is null) return null;
        return record.Fingerprint == fingerprint
            ? new WriteOutcome(record.StreamId, record.Version, Replayed: true)
            : new WriteOutcome(record.StreamId, record.Version,
                DomainError.Invalid("Idempotency-Key", "This Idempotency-Key was already used for a different request."));
    }

    /// <summary>
    /// What a key's first request said, as a hash. Fields left out (null) are left out of it, so a field added to a request
    /// later does not make a retry of an earlier request read as a different one.
    /// </summary>
    private static string Fingerprint(string route, object request) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(route + "\n" + JsonSerializer.Serialize(request, request.GetType(), FingerprintJson))));

    private static readonly JsonSerializerOptions FingerprintJson = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Answers a start with the record it created, its location and its version as the ETag.</summary>
    internal static async Task<Results<Created<TView>, Ok<ValidatedWrite>, ProblemHttpResult>> RespondCreated<TView>(this WriteOutcome outcome,
        IQuerySession session, HttpContext http, CancellationToken ct) where TView : class, IView<TView>
    {
        if (outcome.Error is not null) return outcome.Error.ToProblem();
        if (outcome.Validated is { } validated) return TypedResults.Ok(validated);
        if (await AsWrittenAsync<TView>(outcome, session, http, ct) is not { } view) return Missing(outcome);
        return TypedResults.Created($"{http.Request.Path.Value?.TrimEnd('/')}/{outcome.Id}", view);
    }

    /// <summary>
    /// Answers an append that created a part of a record (an item of a plan) with that part as the append left it, its location
    /// under the request's path and the record's version as the ETag.
    /// </summary>
    internal static async Task<Results<Created<TPart>, Ok<ValidatedWrite>, ProblemHttpResult>> RespondCreated<TView, TPart>(this WriteOutcome outcome,
        IQuerySession session, HttpContext http, Func<TView, (Guid Id, TPart Part)> part, CancellationToken ct) where TView : class, IView<TView>
    {
        if (outcome.Error is not null) return outcome.Error.ToProblem();
        if (outcome.Validated is { } validated) return TypedResults.Ok(validated);
        if (await AsWrittenAsync<TView>(outcome, session, http, ct) is not { } view) return Missing(outcome);
        var (id, created) = part(view);
        return TypedResults.Created($"{http.Request.Path.Value?.TrimEnd('/')}/{id}", created);
    }

    /// <summary>Answers an append to a part of a record with that part as the append left it, the record's version as the ETag.</summary>
    internal static async Task<Results<Ok<ValidatedWrite>, Ok<TPart>, ProblemHttpResult>> RespondOk<TView, TPart>(this WriteOutcome outcome,
        IQuerySession session, HttpContext http, Func<TView, TPart?> part, CancellationToken ct) where TView : class, IView<TView> where TPart : class
    {
        if (outcome.Error is not null) return outcome.Error.ToProblem();
        if (outcome.Validated is { } validated) return TypedResults.Ok(validated);
        if (await AsWrittenAsync<TView>(outcome, session, http, ct) is not { } view || part(view) is not { } written) return Missing(outcome);
        return TypedResults.Ok(written);
    }

    /// <summary>
    /// Answers an append with the record as the append left it, its version as the ETag. Both answers are 200s, and the OpenAPI
    /// document keeps one schema a status: the record's, listed last, so that it is the one described.
    /// </summary>
    internal static async Task<Results<Ok<ValidatedWrite>, Ok<TView>, ProblemHttpResult>> RespondOk<TView>(this WriteOutcome outcome,
        IQuerySession session, HttpContext http, CancellationToken ct) where TView : class, IView<TView>
    {
        if (outcome.Error is not null) return outcome.Error.ToProblem();
        if (outcome.Validated is { } validated) return TypedResults.Ok(validated);
        if (await AsWrittenAsync<TView>(outcome, session, http, ct) is not { } view) return Missing(outcome);
        return TypedResults.Ok(view);
    }

    private static ProblemHttpResult Missing(WriteOutcome outcome) => DomainError.NotFound($"There is no record {outcome.Id}.").ToProblem();

    private static async Task<TView?> AsWrittenAsync<TView>(WriteOutcome outcome, IQuerySession session, HttpContext http, CancellationToken ct)
        where TView : class, IView<TView>
    {
        var view = await session.Events.AggregateStreamAsync<TView>(outcome.Id, outcome.Version, token: ct);
        if (view is null) return null;
        http.Response.Headers.ETag = $"\"{outcome.Version}\"";
        if (outcome.Replayed) http.Response.Headers[ReplayedHeader] = "true";
        var today = http.RequestServices.GetRequiredService<TimeProvider>().Today();
        return (await http.RequestServices.CompleteAsync(session, [view.On(today)], ct))[0];
    }
}

/// <summary>Header names under which the acting committee, the trace and the audit's hash travel with each stored event.</summary>
public static class EventHeaders
{
    public const string Role = "role";
    public const string Region = "region";
    public const string TraceParent = "traceparent";

    /// <summary>The event's link in its stream's hash chain, set by the audit.</summary>
    public const string Hash = "hash";
}
