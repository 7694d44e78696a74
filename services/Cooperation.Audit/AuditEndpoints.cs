using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Cooperation.Contracts;
using Cooperation.EventSourcing;
using Cooperation.ServiceDefaults;
using Cooperation.Vocabulary;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Cooperation.Audit;

/// <summary>
/// One event of the ordered log, as auditors read it (the shape of each item and of each NDJSON line), with everything its hash covers: <see cref="Headers"/> as stored (the hash among them) and the hash
/// of its stream's previous event, so that an auditor can recompute the hash from the entry alone (services/Cooperation.Audit/README.md).
/// </summary>
public sealed record LogEntry(long Sequence, Guid Id, Guid StreamId, long Version, string Type, DateTimeOffset RecordedAt, ActorRef Actor,
    string? CorrelationId, string? CausationId, string? Hash, string? PreviousHash, JsonElement? Headers, JsonElement Data)
{
    public static LogEntry From(StoredEvent e) =>
        new(e.Sequence, e.Id, e.StreamId, e.Version, e.Type, e.RecordedAt.ToUniversalTime(), e.Actor, e.CorrelationId, e.CausationId, e.Hash,
            e.PreviousHash, e.HeadersJson is null ? null : JsonSerializer.Deserialize<JsonElement>(e.HeadersJson),
            JsonSerializer.Deserialize<JsonElement>(e.DataJson));
}

public sealed record LogPage(IReadOnlyList<LogEntry> Items, long After, int Limit, long? Next);

/// <summary>One line of a streamed verification: progress as it goes, then the result.</summary>
public sealed record VerifyLine(
    string Kind,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] VerifyProgress? Progress,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] LogVerification? Result);

/// <summary>
/// The audit surface of a service with an event store, each part mapped by the service's module: the ordered log, its
/// verification, replays and rebuilds under <c>/api/{service}</c> (<see cref="MapAudit"/>), and each kind of record read by id,
/// with its history and its verification (<see cref="MapRecordReads{TView}"/>).
/// </summary>
public static class AuditEndpoints
{
    public const string NdJson = "application/x-ndjson";
    private const int DefaultLimit = 100;
    private const int MaxLimit = 1000;

    /// <summary>
    /// What a request for a replay or a rebuild can answer besides its job: an unreadable body, no token, another role, a body not
    /// in UTF-8 JSON, invalid fields, too many replays of the auditor running, the database or the broker out of reach (503 with Retry-After).
    /// </summary>
    private static readonly int[] JobProblems =
    [
        StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status415UnsupportedMediaType,
        StatusCodes.Status422UnprocessableEntity, StatusCodes.Status429TooManyRequests, StatusCodes.Status503ServiceUnavailable,
    ];

    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The log, its verification and checkpoints, replays and rebuilds, under <c>/api/{service}</c>.</summary>
    public static WebApplication MapAudit(this WebApplication app)
    {
        var service = app.Services.GetRequiredService<IIntegrationEventMap>().Service;
        var group = app.MapGroup($"/api/{service}").WithTags("Audit");

        group.MapGet("events", ReadLogAsync)
            .RequireAuthorization(Policies.Audit)
            .WithMetadata(new NdJsonLines(typeof(LogEntry)))
            .WithName($"{service}-ReadEventLog")
            .WithSummary("The service's events in global order with all their metadata; with Accept: application/x-ndjson, the whole range streamed one event a line");
        group.MapGet("events/verify", VerifyLogAsync)
            .RequireAuthorization(Policies.Audit)
            .WithMetadata(new NdJsonLines(typeof(VerifyLine)))
            .WithName($"{service}-VerifyEventLog")
            .WithSummary("Recomputes every event's hash and every checkpoint's Merkle root; with Accept: application/x-ndjson, reports progress as it goes");
        group.MapGet("events/checkpoints", CheckpointsAsync)
            .RequireAuthorization(Policies.Audit)
            .WithName($"{service}-ListCheckpoints")
            .WithSummary("The sealed checkpoints, oldest first: range, leaf count, Merkle root and head");
        group.MapPost("replays", StartReplayAsync)
            .RequireAuthorization(Policies.Replay)
            .ProducesProblems(JobProblems)
            .WithName($"{service}-StartReplay")
            .WithSummary($"Re-publishes a range of the log (at most {ReplayRunner.MaxRange} sequences), in order, into the named RabbitMQ queue only, each message marked as a replay; at most {ReplayRunner.MaxRunningPerAuditor} running per auditor (else 429)");
        group.MapGet("replays/{id:guid}", ReadReplayAsync)
            .RequireAuthorization(Policies.Replay)
            .WithName($"{service}-GetReplay")
            .WithSummary("A replay's progress and outcome");
        group.MapPost("rebuilds", StartRebuildAsync)
            .RequireAuthorization(Policies.Admin)
            .ProducesProblems(JobProblems)
            .WithName($"{service}-StartRebuild")
            .WithSummary("Rebuilds the service's read models from its events while it keeps answering; 202 for a new rebuild, 200 with the unfinished rebuild that already covers the projections");
        group.MapGet("rebuilds/{id:guid}", ReadRebuildAsync)
            .RequireAuthorization(Policies.Admin)
            .WithName($"{service}-GetRebuild")
            .WithSummary("A rebuild's progress and outcome");
        return app;
    }

    /// <summary>
    /// A kind of record read by id (now, at a version or at a moment), its history and the verification of its hash chain:
    /// <c>{path}/{id}</c>, <c>{path}/{id}/history</c> and <c>{path}/{id}/verify</c>, named Get{name}, Get{name}History, Verify{name}.
    /// </summary>
    public static RouteGroupBuilder MapRecordReads<TView>(this RouteGroupBuilder group, string path, string name, string noun)
        where TView : class, IView<TView>
    {
        var prefix = path.Length == 0 ? "" : path.TrimEnd('/') + "/";
        group.MapGet(prefix + "{id:guid}", (Guid id, long? version, DateTimeOffset? asOf, IQuerySession session, HttpContext http, CancellationToken ct) =>
                session.ReadView<TView>(id, version, asOf, http, ct))
            .WithName($"Get{name}")
            .WithSummary($"{Capitalised(noun)} now, at a version (?version=N) or as it stood at a moment (?asOf=UTC timestamp)");
        return group.MapRecordHistory(path, name, noun);
    }

    /// <summary>
    /// The history of a kind of record and its verification, for one read by id in a route of its own (a place, read by its id or
    /// its code): <c>{path}/{id}/history</c> and <c>{path}/{id}/verify</c>.
    /// </summary>
    public static RouteGroupBuilder MapRecordHistory(this RouteGroupBuilder group, string path, string name, string noun)
    {
        var prefix = path.Length == 0 ? "" : path.TrimEnd('/') + "/";
        group.MapGet(prefix + "{id:guid}/history", (Guid id, IQuerySession session, CancellationToken ct) => session.ReadHistory(id, ct))
            .WithName($"Get{name}History")
            .WithSummary($"Every change to {noun}, oldest first, with who made it, when and under which correlation");
        group.MapGet(prefix + "{id:guid}/verify", VerifyRecordAsync)
            .RequireAuthorization(Policies.Audit)
            .WithTags("Audit")
            .WithName($"Verify{name}")
            .WithSummary($"Recomputes the hash chain of {noun} and answers whether its history is intact, naming the first event that is not");
        return group;
    }

    private static string Capitalised(string noun) => char.ToUpperInvariant(noun[0]) + noun[1..];

    private static bool WantsNdJson(HttpContext http) =>
        http.Request.Headers.Accept.Any(a => a?.Contains(NdJson, StringComparison.OrdinalIgnoreCase) == true);

    private static async Task<Results<Ok<LogPage>, PushStreamHttpResult, ProblemHttpResult>> ReadLogAsync(long? after, int? limit, long? to,
        Validation v, AuditDatabase database, HttpContext http, CancellationToken ct)
    {
        var ndjson = WantsNdJson(http);
        v.Require(after is null or >= 0, "after", "after is a sequence: 0 or more.");
        v.Require(limit is null || (limit >= 1 && (ndjson || limit <= MaxLimit)), "limit", $"limit must be between 1 and {MaxLimit}.");
        v.Require(to is null || to >= (after ?? 0), "to", "to cannot come before after.");
        if (v.Failed(out var invalid)) return invalid.ToProblem();

        var from = after ?? 0;
        // The whole range, page by page from the database straight to the response.
        if (ndjson) return TypedResults.Stream(body => WriteLinesAsync(body, database.ReadLogAsync(from, to, limit, ct), ct), NdJson);

        var size = limit ?? DefaultLimit;
        var items = new List<LogEntry>();
        await foreach (var e in database.ReadLogAsync(from, to, size, ct)) items.Add(LogEntry.From(e));
        return TypedResults.Ok(new LogPage(items, from, size, items.Count == size ? items[^1].Sequence : null));
    }

    private static async Task WriteLinesAsync(Stream body, IAsyncEnumerable<StoredEvent> events, CancellationToken ct)
    {
        var written = 0;
        await foreach (var e in events)
        {
            await JsonSerializer.SerializeAsync(body, LogEntry.From(e), Json, ct);
            await body.WriteAsync(NewLine, ct);
            if (++written % 200 == 0) await body.FlushAsync(ct);
        }
        await body.FlushAsync(ct);
    }

    private static async Task<Results<Ok<LogVerification>, PushStreamHttpResult>> VerifyLogAsync(Verifier verifier, HttpContext http, CancellationToken ct)
    {
        if (!WantsNdJson(http)) return TypedResults.Ok(await verifier.VerifyLogAsync(null, ct));
        return TypedResults.Stream(async body =>
        {
            async Task Line(VerifyLine line)
            {
                await JsonSerializer.SerializeAsync(body, line, Json, ct);
                await body.WriteAsync(NewLine, ct);
                await body.FlushAsync(ct);
            }
            var result = await verifier.VerifyLogAsync(p => Line(new VerifyLine("progress", p, null)), ct);
            await Line(new VerifyLine("result", null, result));
        }, NdJson);
    }

    private static async Task<Ok<AuditCheckpoint[]>> CheckpointsAsync(long? after, IQuerySession session, CancellationToken ct)
    {
        var from = after ?? 0;
        var page = await session.Query<AuditCheckpoint>().Where(c => c.Id > from).OrderBy(c => c.Id).Take(MaxLimit).ToListAsync(ct);
        return TypedResults.Ok(page.ToArray());
    }

    private static async Task<Results<Accepted<Replay>, ProblemHttpResult>> StartReplayAsync(ReplayRequest request, Validation v, ReplayRunner runner,
        ReplayQueueCheck queues, AuditDatabase database, HttpContext http, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Queue)) v.Add("queue", "queue is required: the name of the RabbitMQ queue to replay into.");
        else v.Require(ReplayQueues.IsAcceptable(request.Queue), "queue",
            $"queue must start with '{ReplayQueues.Prefix}' (the queues the broker lets replays publish into and readers consume), followed by 1-193 letters, digits, '.', '_', ':' or '-'.");
        v.Require(request.FromSequence is null or >= 1, "fromSequence", "fromSequence starts at 1.");
        v.Require(request.ToSequence is null or >= 1, "toSequence", "toSequence starts at 1.");
        v.Require(request.FromSequence is null || request.ToSequence is null || request.ToSequence >= request.FromSequence,
            "toSequence", "toSequence cannot come before fromSequence.");
        v.Require(request.FromSequence is null || request.ToSequence is null || request.ToSequence - request.FromSequence < ReplayRunner.MaxRange,
            "toSequence", TooLong(request.FromSequence ?? 1));
        if (v.Failed(out var invalid)) return invalid.ToProblem();

        // What the request says of itself is checked above, whatever the log holds; what follows depends on how long it is.
        var last = await database.MaxSequenceAsync(ct);
        var from = request.FromSequence ?? 1;
        if (from > last) return DomainError.Invalid("fromSequence", $"fromSequence is after the last event ({last}).").ToProblem();
        if (request.ToSequence is null && last - from >= ReplayRunner.MaxRange)
            return DomainError.Invalid("toSequence", TooLong(from)).ToProblem();
        // A queue that exists with other settings would refuse every message: said now, not after the replay has retried in vain.
        if (await queues.ProblemAsync(request.Queue!, ct) is { } problem) return DomainError.Invalid("queue", problem).ToProblem();

        var auditor = Actor.SubjectOf(http.User);
        if (await runner.StartAsync(request.Queue!, from, Math.Min(request.ToSequence ?? last, last), auditor, ct) is not { } replay)
            return DomainError.TooManyRequests(
                $"{auditor} already has {ReplayRunner.MaxRunningPerAuditor} replays running, the most one auditor may; ask again once one has finished.").ToProblem();
        return TypedResults.Accepted($"{http.Request.Path.Value?.TrimEnd('/')}/{replay.Id}", replay);
    }

    private static string TooLong(long from) =>
        $"A replay covers at most {ReplayRunner.MaxRange} sequences: toSequence can be at most {from + ReplayRunner.MaxRange - 1}; replay a longer range in parts.";

    private static async Task<Results<Ok<Replay>, ProblemHttpResult>> ReadReplayAsync(Guid id, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<Replay>(id, ct) is { } replay ? TypedResults.Ok(replay) : DomainError.NotFound($"There is no replay {id}.").ToProblem();

    private static async Task<Results<Accepted<Rebuild>, Ok<Rebuild>, ProblemHttpResult>> StartRebuildAsync(RebuildRequest? request,
        RebuildRunner runner, HttpContext http, CancellationToken ct)
    {
        var known = runner.Projections;
        if (request?.Projection is { } name && !known.Contains(name))
            return DomainError.Invalid("projection", $"'{name}' is not one of this service's read models: {string.Join(", ", known)}.").ToProblem();
        var (rebuild, started) = await runner.StartAsync(request?.Projection is { } one ? [one] : known.ToArray(), Actor.SubjectOf(http.User), ct);
        var location = $"{http.Request.Path.Value?.TrimEnd('/')}/{rebuild.Id}";
        if (started) return TypedResults.Accepted(location, rebuild);
        // Already under way: the same rebuild, not a second one.
        http.Response.Headers.Location = location;
        return TypedResults.Ok(rebuild);
    }

    private static async Task<Results<Ok<Rebuild>, ProblemHttpResult>> ReadRebuildAsync(Guid id, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<Rebuild>(id, ct) is { } rebuild ? TypedResults.Ok(rebuild) : DomainError.NotFound($"There is no rebuild {id}.").ToProblem();

    private static async Task<Results<Ok<RecordVerification>, ProblemHttpResult>> VerifyRecordAsync(Guid id, Verifier verifier, CancellationToken ct) =>
        await verifier.VerifyRecordAsync(id, ct) is { } result ? TypedResults.Ok(result) : DomainError.NotFound($"There is no record {id}.").ToProblem();
}
