using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Cooperation.Api.Tests;

/// <summary>The dashboard's feed as a client reads it: a text/event-stream kept open, its events collected as they come.</summary>
public sealed class FeedStream : IAsyncDisposable
{
    private readonly HttpClient http;
    private readonly HttpResponseMessage response;
    private readonly CancellationTokenSource stop = new();
    private readonly List<(string? Id, JsonElement Data)> events = [];
    private readonly Task pump;

    private FeedStream(HttpClient http, HttpResponseMessage response)
    {
        this.http = http;
        this.response = response;
        pump = Task.Run(Pump);
    }

    /// <summary>Opens the feed through the gateway, or straight at one instance of the dashboard (<paramref name="at"/>).</summary>
    public static async Task<FeedStream> OpenAsync(CooperationSystem system, string query = "tail=0", string? lastEventId = null, Uri? at = null)
    {
        var http = new HttpClient { BaseAddress = at ?? system.Gateway.Address, Timeout = Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/dashboard/feed?{query}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await system.TokenAsync("ministry"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new FeedStream(http, response);
    }

    /// <summary>Every event received so far, in order, with its SSE id.</summary>
    public IReadOnlyList<(string? Id, JsonElement Data)> Events
    {
        get { lock (events) return events.ToList(); }
    }

    /// <summary>Waits until the events received satisfy <paramref name="done"/>; fails naming what did arrive.</summary>
    public async Task<IReadOnlyList<(string? Id, JsonElement Data)>> WaitForAsync(Func<IReadOnlyList<(string? Id, JsonElement Data)>, bool> done,
        TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var seen = Events;
            if (done(seen)) return seen;
            if (pump.IsCompleted) await pump;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"The feed did not show what was expected; it showed: {string.Join(", ", seen.Select(e => $"{e.Id}:{TypeOf(e.Data)}"))}");
            await Task.Delay(100);
        }
    }

    /// <summary>Waits until the feed has shown every one of these event types for the stream.</summary>
    public Task<IReadOnlyList<(string? Id, JsonElement Data)>> WaitForStreamAsync(Guid streamId, params string[] types) =>
        WaitForAsync(seen => types.All(type => seen.Any(e => StreamOf(e.Data) == streamId && TypeOf(e.Data) == type)));

    public static string TypeOf(JsonElement entry) => entry.GetProperty("type").GetString()!;

    public static Guid StreamOf(JsonElement entry) =>
        entry.GetProperty("message").GetProperty("metadata").GetProperty("streamId").GetGuid();

    public static Guid EventIdOf(JsonElement entry) =>
        entry.GetProperty("message").GetProperty("metadata").GetProperty("eventId").GetGuid();

    private async Task Pump()
    {
        await using var body = await response.Content.ReadAsStreamAsync(stop.Token);
        using var reader = new StreamReader(body);
        string? id = null, type = null, data = null;
        while (await reader.ReadLineAsync(stop.Token) is { } line)
        {
            if (line.Length == 0)
            {
                if (type == "integration-event" && data is not null)
                    lock (events) events.Add((id, JsonDocument.Parse(data).RootElement.Clone()));
                id = type = data = null;
                continue;
            }
            if (line.StartsWith(':')) continue;
            var colon = line.IndexOf(':');
            var (field, value) = colon < 0 ? (line, "") : (line[..colon], line[(colon + 1)..].TrimStart(' '));
            switch (field)
            {
                case "id": id = value; break;
                case "event": type = value; break;
                case "data": data = data is null ? value : data + "\n" + value; break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try { await pump; } catch (Exception) { /* the stream ends by cancellation */ }
        response.Dispose();
        http.Dispose();
        stop.Dispose();
    }
}
