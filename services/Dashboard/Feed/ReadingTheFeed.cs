using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Cooperation.Dashboard.Recording;
using JasperFx.Events;
using Microsoft.AspNetCore.Mvc;

namespace Cooperation.Dashboard.Feed;

/// <summary>One event of the feed: its place in the dashboard's log (the SSE id) and the message as published.</summary>
/// <param name="Sequence">The position in the dashboard's log; resume after it with Last-Event-ID.</param>
/// <param name="Type">The contract's name, e.g. AgreementSigned.</param>
public sealed record FeedEntry(long Sequence, string Service, string Type, DateTimeOffset RecordedAt, DateTimeOffset ReceivedAt,
    bool Replayed, JsonObject Message);

public static class ReadingTheFeed
{
    private const int DefaultTail = 20;
    private const int MaxTail = 500;
    // Another instance's recordings raise no signal here; a poll this often picks them up, and keeps proxies from idling out.
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(10);

    public static RouteGroupBuilder MapReadingTheFeed(this RouteGroupBuilder group) =>
        group.MapRead("/feed", Read, "DashboardFeed",
            "A text/event-stream of integration events as they arrive; resumes after Last-Event-ID",
            "Without Last-Event-ID (or `after`) the stream begins with the last `tail` events (20 by default). "
            + "Each event's id is its position in the dashboard's log; a comment line every 10 s keeps idle connections open.");

    private static Results<ServerSentEventsResult<FeedEntry>, ProblemHttpResult> Read(
        [FromHeader(Name = "Last-Event-ID")] string? lastEventId, long? after, int? tail,
        Validation validation, IDocumentStore store, FeedSignal signal, HttpContext http)
    {
        long? resume = after;
        if (!string.IsNullOrWhiteSpace(lastEventId))
        {
            if (long.TryParse(lastEventId.Trim(), out var id) && id >= 0) resume = id;
            else validation.Add("Last-Event-ID", $"'{lastEventId}' is not an event id of this feed (a whole number).");
        }
        validation.Require(after is null or >= 0, "after", "after is a position in the feed, from 0.");
        validation.Require(tail is null or (>= 0 and <= MaxTail), "tail", $"tail must be between 0 and {MaxTail}.");
        if (validation.Failed(out var error)) return error.ToProblem();

        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        return TypedResults.ServerSentEvents(Events(store, signal, resume, tail ?? DefaultTail, http.RequestAborted));
    }

    private static async IAsyncEnumerable<SseItem<FeedEntry>> Events(IDocumentStore store, FeedSignal signal, long? resume, int tail,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var position = resume ?? await TailStart(store, tail, ct);
        while (!ct.IsCancellationRequested)
        {
            var wake = signal.Next;
            IReadOnlyList<IEvent> page;
            await using (var session = store.QuerySession())
                page = await session.Events.QueryAllRawEvents()
                    .Where(e => e.Sequence > position).OrderBy(e => e.Sequence).Take(200).ToListAsync(ct);
            foreach (var stored in page)
            {
                position = stored.Sequence;
                if (stored.Data is IntegrationEventReceived received)
                    yield return new SseItem<FeedEntry>(ToEntry(stored, received), "integration-event") { EventId = stored.Sequence.ToString() };
            }
            if (page.Count > 0) continue;
            var woken = await Task.WhenAny(wake, Task.Delay(Poll, ct)) == wake;
            if (ct.IsCancellationRequested) yield break;
            if (!woken) yield return new SseItem<FeedEntry>(null!, "heartbeat");
        }
    }

    private static async Task<long> TailStart(IDocumentStore store, int tail, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var before = await session.Events.QueryAllRawEvents().OrderByDescending(e => e.Sequence).Skip(tail).Take(1).ToListAsync(ct);
        return before.Count == 0 ? 0 : before[0].Sequence;
    }

    private static FeedEntry ToEntry(IEvent stored, IntegrationEventReceived received) =>
        new(stored.Sequence, received.Service, received.Contract[(received.Contract.LastIndexOf('.') + 1)..], received.Metadata.RecordedAt,
            stored.Timestamp, received.Replayed, received.Message);
}
