using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cooperation.Contracts;
using Cooperation.EventSourcing;
using Cooperation.Vocabulary;
using Npgsql;
using Polly;
using Polly.Retry;

namespace Cooperation.Audit;

/// <summary>One stored event as the database holds it: the raw jsonb of its data and headers, nothing deserialised.</summary>
public sealed record StoredEvent(long Sequence, Guid Id, Guid StreamId, long Version, string Type, DateTimeOffset RecordedAt,
    string? UserName, string? CorrelationId, string? CausationId, string? HeadersJson, string DataJson,
    string? PreviousHash = null, long? PreviousSequence = null)
{
    private JsonElement? headers;

    public string? Header(string name)
    {
        headers ??= HeadersJson is null ? default(JsonElement) : JsonDocument.Parse(HeadersJson).RootElement.Clone();
        return headers.Value.ValueKind == JsonValueKind.Object && headers.Value.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() : null;
    }

    public string? Hash => Header(EventHeaders.Hash);

    public bool HasPrevious => PreviousSequence is not null;

    public ActorRef Actor => new(UserName ?? "", Header(EventHeaders.Role) ?? "", Header(EventHeaders.Region));

    public Canonical.Fields Fields => new(Id, StreamId, Version, Type, RecordedAt, UserName, CorrelationId, CausationId, HeadersJson, DataJson);
}

/// <summary>
/// Reads a service's event tables directly, page by page, for the audit: the raw rows are what tampering would change,
/// and paging keeps memory flat however long the log is.
/// </summary>
public sealed partial class AuditDatabase(string schema, NpgsqlDataSource dataSource)
{
    private const int Page = 500;

    public string Schema { get; } = SafeName().IsMatch(schema) ? schema : throw new ArgumentException($"'{schema}' is not a plain schema name.");

    /// <summary>
    /// Every read here is safe to repeat. One that meets a connection the server has dropped (a restart, a failover) empties
    /// the pool, whose other idle connections the server dropped too, and runs again on a fresh one, as Marten's own reads retry.
    /// </summary>
    private readonly ResiliencePipeline reads = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<NpgsqlException>(e => e.IsTransient && e.InnerException is not TimeoutException),
            MaxRetryAttempts = 3,
            Delay = TimeSpan.FromMilliseconds(50),
            BackoffType = DelayBackoffType.Exponential,
            OnRetry = _ =>
            {
                dataSource.Clear();
                return ValueTask.CompletedTask;
            },
        })
        .Build();

    /// <summary>The rows a query answers, each read by <paramref name="row"/>; parameters are positional ($1, $2, ...).</summary>
    public ValueTask<List<T>> RowsAsync<T>(string sql, object[] parameters, Func<NpgsqlDataReader, T> row, CancellationToken ct) =>
        reads.ExecuteAsync(async token =>
        {
            await using var command = dataSource.CreateCommand(sql);
            foreach (var p in parameters) command.Parameters.AddWithValue(p);
            var rows = new List<T>();
            await using var reader = await command.ExecuteReaderAsync(token);
            while (await reader.ReadAsync(token)) rows.Add(row(reader));
            return rows;
        }, ct);

    /// <summary>The first column of the first row, or null when there is no row (or it holds null).</summary>
    public async ValueTask<object?> ScalarAsync(string sql, object[] parameters, CancellationToken ct) =>
        (await RowsAsync(sql, parameters, r => r.IsDBNull(0) ? null : r.GetValue(0), ct)).FirstOrDefault();

    /// <summary>
    /// Marten writes a tombstone in place of each event whose transaction failed after taking its sequence number (a request
    /// given up half way, say), so that the daemon need not wait for it. Tombstones carry nothing, belong to no record and are
    /// published to no one: the audit reads past them, and their sequence numbers count as gaps. They are known by their
    /// type: the stream Marten files them under is drawn afresh by every process, so another instance's tombstones (or an
    /// earlier run's) sit in streams of other ids, one sequence each, with a stream row at version 0.
    /// </summary>
    public static string NotTombstone(string typeColumn = "type") => $"{typeColumn} <> '{JasperFx.Events.Tombstone.Name}'";

    /// <summary>Stream rows that stand for records: a tombstone stream's row stays at version 0.</summary>
    public const string RecordStream = "version > 0";

    private string Columns(string alias) =>
        $"{alias}.seq_id, {alias}.id, {alias}.stream_id, {alias}.version, {alias}.type, {alias}.timestamp, {alias}.user_name, " +
        $"{alias}.correlation_id, {alias}.causation_id, {alias}.headers::text, {alias}.data::text";

    /// <summary>Events after a sequence, in global order, up to an inclusive bound and a count; each with the stored hash of its stream predecessor.</summary>
    public async IAsyncEnumerable<StoredEvent> ReadLogAsync(long after, long? through, long? limit, [EnumeratorCancellation] CancellationToken ct)
    {
        var cursor = after;
        var remaining = limit ?? long.MaxValue;
        while (remaining > 0)
        {
            var sql = $"""
                select {Columns("e")}, p.headers->>'hash', p.seq_id
                from {Schema}.mt_events e
                left join {Schema}.mt_events p on p.stream_id = e.stream_id and p.version = e.version - 1
                where e.seq_id > $1 and e.seq_id <= $2 and {NotTombstone("e.type")}
                order by e.seq_id limit $3
                """;
            var size = (int)Math.Min(Page, remaining);
            var page = await QueryAsync(sql, [cursor, through ?? long.MaxValue, size], withPrevious: true, ct);
            foreach (var e in page) yield return e;
            if (page.Count < size) yield break;
            remaining -= page.Count;
            cursor = page[^1].Sequence;
        }
    }

    /// <summary>A stream's events by version, from a version on.</summary>
    public async IAsyncEnumerable<StoredEvent> ReadStreamAsync(Guid streamId, [EnumeratorCancellation] CancellationToken ct)
    {
        var after = 0L;
        while (true)
        {
            var sql = $"select {Columns("e")} from {Schema}.mt_events e where e.stream_id = $1 and e.version > $2 order by e.version limit $3";
            var page = await QueryAsync(sql, [streamId, after, Page], withPrevious: false, ct);
            foreach (var e in page) yield return e;
            if (page.Count < Page) yield break;
            after = page[^1].Version;
        }
    }

    /// <summary>The stream's version as its row in mt_streams records it, or null when there is no row.</summary>
    public async Task<long?> StreamVersionAsync(Guid streamId, CancellationToken ct)
    {
        return await ScalarAsync($"select version from {Schema}.mt_streams where id = $1", [streamId], ct) is long version ? version : null;
    }

    public async Task<long> MaxSequenceAsync(CancellationToken ct)
    {
        return (long)(await ScalarAsync($"select coalesce(max(seq_id), 0) from {Schema}.mt_events", [], ct))!;
    }

    /// <summary>The highest sequence below which the daemon has seen every committed transaction (its high water mark).</summary>
    public async Task<long> HighWaterMarkAsync(CancellationToken ct)
    {
        return await ScalarAsync($"select last_seq_id from {Schema}.mt_event_progression where name = 'HighWaterMark'", [], ct) is long mark ? mark : 0;
    }

    /// <summary>The sequences present in a range, in order, one page at a time.</summary>
    public async IAsyncEnumerable<(long Sequence, string? Hash)> ReadLeavesAsync(long after, long through, [EnumeratorCancellation] CancellationToken ct)
    {
        var cursor = after;
        while (true)
        {
            var page = await RowsAsync(
                $"select seq_id, headers->>'hash' from {Schema}.mt_events where seq_id > $1 and seq_id <= $2 and {NotTombstone()} order by seq_id limit $3",
                [cursor, through, Page * 4], r => (r.GetInt64(0), r.IsDBNull(1) ? null : r.GetString(1)), ct);
            foreach (var leaf in page) yield return leaf;
            if (page.Count < Page * 4) yield break;
            cursor = page[^1].Item1;
        }
    }

    /// <summary>A stream whose row in mt_streams claims more (or fewer) events than remain: a removed event or stream tail.</summary>
    public async Task<(Guid StreamId, long Claimed, long Found)?> FirstStreamOutOfStepAsync(CancellationToken ct)
    {
        var rows = await RowsAsync($"""
            select s.id, s.version, coalesce(e.found, 0) from {Schema}.mt_streams s
            left join (select stream_id, max(version) as found from {Schema}.mt_events where {NotTombstone()} group by stream_id) e on e.stream_id = s.id
            where s.version <> coalesce(e.found, 0) order by s.id limit 1
            """, [], r => ((Guid StreamId, long Claimed, long Found)?)(r.GetGuid(0), r.GetInt64(1), r.GetInt64(2)), ct);
        return rows.FirstOrDefault();
    }

    public async Task<Dictionary<(Guid, long), string?>> HashesAsync(IReadOnlyCollection<(Guid StreamId, long Version)> keys, CancellationToken ct)
    {
        if (keys.Count == 0) return [];
        var rows = await RowsAsync($"""
            select e.stream_id, e.version, e.headers->>'hash' from {Schema}.mt_events e
            join unnest($1::uuid[], $2::bigint[]) as k(stream_id, version) on k.stream_id = e.stream_id and k.version = e.version
            """, [keys.Select(k => k.StreamId).ToArray(), keys.Select(k => k.Version).ToArray()],
            r => (Key: (r.GetGuid(0), r.GetInt64(1)), Hash: r.IsDBNull(2) ? null : r.GetString(2)), ct);
        return rows.ToDictionary(r => r.Key, r => r.Hash);
    }

    private ValueTask<List<StoredEvent>> QueryAsync(string sql, object[] parameters, bool withPrevious, CancellationToken ct) =>
        RowsAsync(sql, parameters, reader =>
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            return new StoredEvent(
                reader.GetInt64(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetInt64(3), reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5), Text(6), Text(7), Text(8), Text(9), Text(10) ?? "null",
                withPrevious ? Text(11) : null, withPrevious && !reader.IsDBNull(12) ? reader.GetInt64(12) : null);
        }, ct);

    [GeneratedRegex("^[a-z_][a-z0-9_]*$")]
    private static partial Regex SafeName();
}