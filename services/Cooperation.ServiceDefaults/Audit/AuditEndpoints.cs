using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Cooperation.Contracts;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;
using System.Buffers;

namespace Cooperation.ServiceDefaults.Audit;

/// <summary>One event of the ordered log, as auditors read it (the shape of each item and of each NDJSON line).</summary>
public sealed record LogEntry(long Sequence, Guid Id, Guid StreamId, long Version, string Type, DateTimeOffset RecordedAt, ActorRef Actor,
    string? CorrelationId, string? CausationId, string? Hash, JsonElement Data);

public sealed record LogPage(IReadOnlyList<LogEntry> Items, long After, int Limit, long? Next);

/// <summary>One line of a streamed verification: progress as it goes, then the result.</summary>
public sealed record VerifyLine(
    string Kind,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] VerifyProgress? Progress,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] LogVerification? Result);

/// <summary>
/// The audit surface every service with an event store gets from <c>MapDefaultEndpoints</c>: the ordered log, its
/// verification, replays and rebuilds under <c>/api/{service}</c>, and a <c>verify</c> beside every record's
/// <c>{id}/history</c> route.
/// </summary>
public static class AuditEndpoints
{
    public const string NdJson = "application/x-ndjson";
    private const int DefaultLimit = 100;
    private const int MaxLimit = 1000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions Writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    internal static WebApplication MapAudit(this WebApplication app)
    {
        if (app.Services.GetService<AuditDatabase>() is null) return app;
        var service = app.Services.GetRequiredService<IIntegrationEventMap>().Service;
        var group = app.MapGroup($"/api/{service}").WithTags("Audit");

        group.MapGet("events", ReadLogAsync)
            .RequireAuthorization(Policies.Audit)
            .Produces<LogPage>(contentType: "application/json")
            .Produces<LogEntry>(contentType: NdJson)
            .WithName($"{service}-ReadEventLog")
            .WithSummary("The service's events in global order with all their metadata; with Accept: application/x-ndjson, the whole range streamed one event a line");
        group.MapGet("events/verify", VerifyLogAsync)
            .RequireAuthorization(Policies.Audit)
            .Produces<LogVerification>(contentType: "application/json")
            .Produces<VerifyLine>(contentType: NdJson)
            .WithName($"{service}-VerifyEventLog")
            .WithSummary("Recomputes every event's hash and every checkpoint's Merkle root; with Accept: application/x-ndjson, reports progress as it goes");
        group.MapGet("events/checkpoints", CheckpointsAsync)
            .RequireAuthorization(Policies.Audit)
            .WithName($"{service}-ListCheckpoints")
            .WithSummary("The sealed checkpoints, oldest first: range, leaf count, Merkle root and head");
        group.MapPost("replays", StartReplayAsync)
            .RequireAuthorization(Policies.Replay)
            .WithName($"{service}-StartReplay")
            .WithSummary("Re-publishes a range of the log, in order, into the named RabbitMQ queue only, each message marked as a replay");
        group.MapGet("replays/{id:guid}", ReadReplayAsync)
            .RequireAuthorization(Policies.Replay)
            .WithName($"{service}-GetReplay")
            .WithSummary("A replay's progress and outcome");
        group.MapPost("rebuilds", StartRebuildAsync)
            .RequireAuthorization(Policies.Admin)
            .WithName($"{service}-StartRebuild")
            .WithSummary("Rebuilds the service's read models from its events while it keeps answering");
        group.MapGet("rebuilds/{id:guid}", ReadRebuildAsync)
            .RequireAuthorization(Policies.Admin)
            .WithName($"{service}-GetRebuild")
            .WithSummary("A rebuild's progress and outcome");

        ((IEndpointRouteBuilder)app).DataSources.Add(new RecordVerifyEndpoints(app));
        return app;
    }

    private static bool WantsNdJson(HttpContext http) =>
        http.Request.Headers.Accept.Any(a => a?.Contains(NdJson, StringComparison.OrdinalIgnoreCase) == true);

    private static async Task<IResult> ReadLogAsync(long? after, int? limit, long? to, AuditDatabase database, HttpContext http, CancellationToken ct)
    {
        var ndjson = WantsNdJson(http);
        var v = new Validation();
        v.Require(after is null or >= 0, "after", "after is a sequence: 0 or more.");
        v.Require(limit is null || (limit >= 1 && (ndjson || limit <= MaxLimit)), "limit", $"limit must be between 1 and {MaxLimit}.");
        v.Require(to is null || to >= (after ?? 0), "to", "to cannot come before after.");
        if (v.Failed(out var invalid)) return invalid.ToProblem();

        var from = after ?? 0;
        if (ndjson)
        {
            // The whole range, page by page from the database straight to the response.
            http.Response.ContentType = NdJson;
            await using var body = new Utf8JsonWriter(http.Response.BodyWriter, Writer);
            var written = 0;
            await foreach (var e in database.ReadLogAsync(from, to, limit, ct))
            {
                WriteEntry(body, e);
                body.Flush();
                http.Response.BodyWriter.Write("\n"u8);
                body.Reset();
                if (++written % 200 == 0) await http.Response.BodyWriter.FlushAsync(ct);
            }
            await http.Response.BodyWriter.FlushAsync(ct);
            return Results.Empty;
        }

        var size = limit ?? DefaultLimit;
        http.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(http.Response.BodyWriter, Writer);
        writer.WriteStartObject();
        writer.WriteStartArray("items");
        long count = 0, last = from;
        await foreach (var e in database.ReadLogAsync(from, to, size, ct))
        {
            WriteEntry(writer, e);
            count++;
            last = e.Sequence;
        }
        writer.WriteEndArray();
        writer.WriteNumber("after", from);
        writer.WriteNumber("limit", size);
        if (count == size) writer.WriteNumber("next", last); else writer.WriteNull("next");
        writer.WriteEndObject();
        await writer.FlushAsync(ct);
        return Results.Empty;
    }

    private static void WriteEntry(Utf8JsonWriter w, StoredEvent e)
    {
        w.WriteStartObject();
        w.WriteNumber("sequence", e.Sequence);
        w.WriteString("id", e.Id);
        w.WriteString("streamId", e.StreamId);
        w.WriteNumber("version", e.Version);
        w.WriteString("type", e.Type);
        w.WriteString("recordedAt", e.RecordedAt.ToUniversalTime());
        w.WritePropertyName("actor");
        JsonSerializer.Serialize(w, e.Actor, Json);
        w.WriteString("correlationId", e.CorrelationId);
        w.WriteString("causationId", e.CausationId);
        w.WriteString("hash", e.Hash);
        w.WritePropertyName("data");
        w.WriteRawValue(e.DataJson, skipInputValidation: true);
        w.WriteEndObject();
    }

    private static async Task<IResult> VerifyLogAsync(Verifier verifier, HttpContext http, CancellationToken ct)
    {
        if (!WantsNdJson(http)) return TypedResults.Json(await verifier.VerifyLogAsync(null, ct), Json);

        http.Response.ContentType = NdJson;
        async Task Line(VerifyLine line)
        {
            await JsonSerializer.SerializeAsync(http.Response.Body, line, Json, ct);
            await http.Response.Body.WriteAsync("\n"u8.ToArray(), ct);
            await http.Response.Body.FlushAsync(ct);
        }
        var result = await verifier.VerifyLogAsync(p => Line(new VerifyLine("progress", p, null)), ct);
        await Line(new VerifyLine("result", null, result));
        return Results.Empty;
    }

    private static async Task<Ok<AuditCheckpoint[]>> CheckpointsAsync(long? after, IQuerySession session, CancellationToken ct)
    {
        var from = after ?? 0;
        var page = await session.Query<AuditCheckpoint>().Where(c => c.Id > from).OrderBy(c => c.Id).Take(MaxLimit).ToListAsync(ct);
        return TypedResults.Ok(page.ToArray());
    }

    private static async Task<Results<Accepted<Replay>, ProblemHttpResult>> StartReplayAsync(ReplayRequest request, ReplayRunner runner,
        AuditDatabase database, HttpContext http, CancellationToken ct)
    {
        var v = new Validation();
        if (string.IsNullOrWhiteSpace(request.Queue)) v.Add("queue", "queue is required: the name of the RabbitMQ queue to replay into.");
        else v.Require(ReplayQueues.IsAcceptable(request.Queue), "queue",
            $"queue must be 1-200 letters, digits, '.', '_', ':' or '-', not start with 'amq.' and not be {IntegrationEvents.Exchange}.");
        v.Require(request.FromSequence is null or >= 1, "fromSequence", "fromSequence starts at 1.");
        v.Require(request.ToSequence is null or >= 1, "toSequence", "toSequence starts at 1.");
        v.Require(request.FromSequence is null || request.ToSequence is null || request.ToSequence >= request.FromSequence,
            "toSequence", "toSequence cannot come before fromSequence.");
        if (v.Failed(out var invalid)) return invalid.ToProblem();

        var last = await database.MaxSequenceAsync(ct);
        var from = request.FromSequence ?? 1;
        var to = Math.Min(request.ToSequence ?? last, last);
        if (from > last) return DomainError.Invalid("fromSequence", $"fromSequence is after the last event ({last}).").ToProblem();

        var replay = await runner.StartAsync(request, from, to, Actor.From(http.User), ct);
        return TypedResults.Accepted($"{http.Request.Path.Value?.TrimEnd('/')}/{replay.Id}", replay);
    }

    private static async Task<Results<Ok<Replay>, ProblemHttpResult>> ReadReplayAsync(Guid id, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<Replay>(id, ct) is { } replay ? TypedResults.Ok(replay) : DomainError.NotFound($"There is no replay {id}.").ToProblem();

    private static async Task<Results<Accepted<Rebuild>, ProblemHttpResult>> StartRebuildAsync(RebuildRequest? request, RebuildRunner runner,
        HttpContext http, CancellationToken ct)
    {
        var known = runner.Projections;
        if (request?.Projection is { } name && !known.Contains(name))
            return DomainError.Invalid("projection", $"'{name}' is not one of this service's read models: {string.Join(", ", known)}.").ToProblem();
        var rebuild = await runner.StartAsync(request?.Projection is { } one ? [one] : known.ToArray(), Actor.From(http.User), ct);
        return TypedResults.Accepted($"{http.Request.Path.Value?.TrimEnd('/')}/{rebuild.Id}", rebuild);
    }

    private static async Task<Results<Ok<Rebuild>, ProblemHttpResult>> ReadRebuildAsync(Guid id, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<Rebuild>(id, ct) is { } rebuild ? TypedResults.Ok(rebuild) : DomainError.NotFound($"There is no rebuild {id}.").ToProblem();

    private static async Task VerifyRecordAsync(HttpContext http)
    {
        var id = Guid.Parse((string)http.GetRouteValue("id")!);
        var verifier = http.RequestServices.GetRequiredService<Verifier>();
        var result = await verifier.VerifyRecordAsync(id, http.RequestAborted);
        var answer = result is null ? (IResult)DomainError.NotFound($"There is no record {id}.").ToProblem() : TypedResults.Json(result, Json);
        await answer.ExecuteAsync(http);
    }

    /// <summary>
    /// A <c>GET .../{id}/verify</c> beside every <c>GET .../{id}/history</c> a service maps, so each kind of record can be
    /// verified where it is read, with nothing for the service to declare. Built once routing first asks for endpoints,
    /// by which time the service has mapped its own.
    /// </summary>
    private sealed class RecordVerifyEndpoints(IEndpointRouteBuilder routes) : EndpointDataSource
    {
        private const string History = "/{id:guid}/history";
        private IReadOnlyList<Endpoint>? endpoints;

        public override IReadOnlyList<Endpoint> Endpoints => endpoints ??= Build();

        public override IChangeToken GetChangeToken() => NullChangeToken.Singleton;

        private List<Endpoint> Build()
        {
            var built = new List<Endpoint>();
            var histories = routes.DataSources.Where(s => s != this).SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
                .Where(e => e.RoutePattern.RawText?.EndsWith(History, StringComparison.OrdinalIgnoreCase) == true
                    && e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("GET") == true);
            foreach (var history in histories)
            {
                var raw = history.RoutePattern.RawText!;
                var template = raw[..^"history".Length] + "verify";
                var builder = new RouteEndpointBuilder(VerifyRecordAsync, RoutePatternFactory.Parse(template), history.Order)
                {
                    DisplayName = $"GET {template}",
                };
                builder.Metadata.Add(new HttpMethodMetadata(["GET"]));
                builder.Metadata.Add(new AuthorizeAttribute(Policies.Audit));
                builder.Metadata.Add(new TagsAttribute("Audit"));
                builder.Metadata.Add(RecordVerifyMetadata.Instance);
                built.Add(builder.Build());
            }
            return built;
        }
    }

    /// <summary>Marks the derived verify endpoints, which OpenAPI's endpoint explorer cannot see (they have no handler method).</summary>
    internal sealed class RecordVerifyMetadata
    {
        public static readonly RecordVerifyMetadata Instance = new();
    }

    /// <summary>Adds the derived <c>.../{id}/verify</c> routes to the service's OpenAPI document.</summary>
    internal sealed class RecordVerifyDocument(EndpointDataSource endpoints) : IOpenApiDocumentTransformer
    {
        public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
        {
            foreach (var endpoint in endpoints.Endpoints.OfType<RouteEndpoint>().Where(e => e.Metadata.GetMetadata<RecordVerifyMetadata>() is not null))
            {
                var path = "/" + endpoint.RoutePattern.RawText!.TrimStart('/').Replace("{id:guid}", "{id}");
                document.Paths ??= new OpenApiPaths();
                document.Paths[path] = new OpenApiPathItem
                {
                    Operations = new Dictionary<HttpMethod, OpenApiOperation>
                    {
                        [HttpMethod.Get] = new()
                        {
                            Summary = "Recomputes the record's hash chain and answers whether its history is intact, naming the first event that is not",
                            Tags = new HashSet<OpenApiTagReference> { new("Audit", document) },
                            Parameters = [new OpenApiParameter { Name = "id", In = ParameterLocation.Path, Required = true, Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" } }],
                            Responses = new OpenApiResponses
                            {
                                ["200"] = new OpenApiResponse { Description = "intact, checked, version and firstBroken {sequence, eventId, streamId, version, reason}" },
                                ["404"] = new OpenApiResponse { Description = "There is no such record" },
                            },
                        },
                    },
                };
            }
            return Task.CompletedTask;
        }
    }
}
