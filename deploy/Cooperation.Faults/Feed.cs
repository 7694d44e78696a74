using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;

namespace Cooperation.Faults;

/// <summary>
/// The dashboard's live feed, read through the gateway for the whole run and resumed with Last-Event-ID whenever it
/// drops: which events the dashboard consumed, and how often each (an event recorded twice is a doubled effect).
/// </summary>
public sealed class Feed(HttpClient client)
{
    private readonly ConcurrentDictionary<Guid, int> seen = new();
    private readonly ConcurrentDictionary<(Guid Stream, string Type), int> streams = new();
    private long position = -1;

    public int Times(Guid eventId) => seen.GetValueOrDefault(eventId);

    public bool Saw(Guid streamId, string eventType) => streams.ContainsKey((streamId, eventType));

    public IEnumerable<Guid> Doubled => seen.Where(s => s.Value > 1).Select(s => s.Key);

    /// <summary>Reads the feed until stopped; returns once it is reading, from the dashboard's latest event on.</summary>
    public async Task<Task> StartAsync(CancellationToken stop)
    {
        // An empty log has no latest event to start after: read it from its start.
        var summary = await client.GetFromJsonAsync<JsonElement>("/api/dashboard/summary", stop);
        if (summary.GetProperty("eventsConsumed").GetInt64() == 0) position = 0;
        var reading = RunAsync(stop);
        for (var i = 0; i < 100 && position < 0; i++) await Task.Delay(100, stop);
        if (position < 0) throw new InvalidOperationException("The dashboard's feed gave no event in 10 s.");
        return reading;
    }

    private async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/dashboard/feed" + (position < 0 ? "?tail=1" : ""));
                if (position >= 0) request.Headers.Add("Last-Event-ID", position.ToString());
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop);
                if (!response.IsSuccessStatusCode) { await Task.Delay(500, stop); continue; }
                await using var body = await response.Content.ReadAsStreamAsync(stop);
                await foreach (var item in SseParser.Create(body).EnumerateAsync(stop))
                {
                    if (item.EventType != "integration-event") continue;
                    position = long.Parse(item.EventId!);
                    using var entry = JsonDocument.Parse(item.Data);
                    if (entry.RootElement.GetProperty("replayed").GetBoolean()) continue;
                    var metadata = entry.RootElement.GetProperty("message").GetProperty("metadata");
                    seen.AddOrUpdate(metadata.GetProperty("eventId").GetGuid(), 1, (_, n) => n + 1);
                    streams.TryAdd((metadata.GetProperty("streamId").GetGuid(), metadata.GetProperty("eventType").GetString()!), 0);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { return; }
            catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
            {
                try { await Task.Delay(500, stop); } catch (OperationCanceledException) { return; }
            }
        }
    }
}
