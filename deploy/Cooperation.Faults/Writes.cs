using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Cooperation.Faults;

/// <summary>A write the system acknowledged: the stream it created or changed and the event type that must follow from it.</summary>
public sealed record Acknowledged(Guid StreamId, string EventType, string Key, DateTimeOffset At);

/// <summary>What the system answered, besides acknowledgements: refusals by status code, and the 5xx it must never give.</summary>
public sealed class Answers
{
    public ConcurrentQueue<Acknowledged> Acked { get; } = new();
    public ConcurrentDictionary<string, int> Refused { get; } = new();
    public ConcurrentQueue<string> Broken { get; } = new();

    /// <summary>
    /// The longest wait between two acknowledged writes from a few seconds before a moment on: how long nothing could be
    /// written around a fault (a write committed just before it may be answered just after it, so the first answer after
    /// the moment says less).
    /// </summary>
    public double LongestPause(DateTimeOffset around)
    {
        var times = Acked.Select(a => a.At).Where(at => at > around.AddSeconds(-5)).Order().ToList();
        return times.Zip(times.Skip(1), (a, b) => (b - a).TotalSeconds).DefaultIfEmpty(double.NaN).Max();
    }

    /// <summary>
    /// Notes one answer. A 503 with Retry-After is a refusal the client retries; any other 5xx to a well-formed request is
    /// a defect. Requests that got no answer at all (a connection refused or cut) are refusals too, named "no answer".
    /// </summary>
    public async Task NoteAsync(HttpResponseMessage response, string what)
    {
        var code = (int)response.StatusCode;
        if (code < 400) return;
        if (code >= 500 && !(code == 503 && response.Headers.RetryAfter is not null))
        {
            var body = await response.Content.ReadAsStringAsync();
            Broken.Enqueue($"{what}: {code} {body[..Math.Min(body.Length, 300)]}");
        }
        Refused.AddOrUpdate(code.ToString(), 1, (_, n) => n + 1);
    }

    public void NoAnswer() => Refused.AddOrUpdate("no answer", 1, (_, n) => n + 1);

    public string RefusedText => Refused.IsEmpty ? "0" : string.Join(", ", Refused.OrderBy(r => r.Key).Select(r => $"{r.Value} x {r.Key}"));
}

/// <summary>
/// A bounded write load: a few clients registering draft agreements through the gateway, each write with an
/// Idempotency-Key that its retries keep (after a 503, 502, 429 or no answer), so a write is made at most once.
/// </summary>
public sealed class Writer(HttpClient client, string run, string region, string partner, TimeSpan pause)
{
    private int written;

    public static string Title(string run, string fault, int n) => $"Faults {run} {fault} {n}";

    public async Task RunAsync(string fault, Answers answers, int clients, CancellationToken stop)
    {
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            while (!stop.IsCancellationRequested)
            {
                await WriteOneAsync(fault, answers, stop);
                await Pause(pause, stop);
            }
        }));
    }

    private async Task WriteOneAsync(string fault, Answers answers, CancellationToken stop)
    {
        var n = Interlocked.Increment(ref written);
        var key = $"faults-{run}-{n}";
        // A write begun is retried, after the load stops too, until it has a final answer: its outcome must be known.
        var giveUp = DateTimeOffset.UtcNow.AddMinutes(3);
        while (DateTimeOffset.UtcNow < giveUp)
        {
            using var request = Registration(Title(run, fault, n), key);
            try
            {
                using var response = await client.SendAsync(request, CancellationToken.None);
                if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                {
                    var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
                    answers.Acked.Enqueue(new Acknowledged(id, "agreement_registered", key, DateTimeOffset.UtcNow));
                    return;
                }
                await answers.NoteAsync(response, $"POST /api/agreements ({fault})");
                if ((int)response.StatusCode is not (429 or 502 or 503 or 500 or 504)) return;  // refused for good
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                answers.NoAnswer();
            }
            // Quicker than the Retry-After the system asks for: the fault suite measures when writes are back.
            await Task.Delay(TimeSpan.FromMilliseconds(250), CancellationToken.None);
        }
    }

    /// <summary>A draft agreement's registration, as every write of the load and of the races sends it.</summary>
    public HttpRequestMessage Registration(string title, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/agreements")
        {
            Content = JsonContent.Create(new
            {
                kind = "cooperation", title, parties = new object[] { new { code = region }, new { code = partner } }, spheres = new[] { "trade-economic" },
            }),
        };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    /// <summary>One registration outside the load; throws unless it is acknowledged.</summary>
    public async Task<Guid> RegisterAsync(string title, string key)
    {
        using var response = await client.SendAsync(Registration(title, key));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task Pause(TimeSpan delay, CancellationToken stop)
    {
        try { await Task.Delay(delay, stop); } catch (TaskCanceledException) { }
    }
}
