using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Spectre.Console;

namespace Cooperation.Faults;

/// <summary>One fault's row as the fault leaves it: its writes and answers, and what it measured its own way.</summary>
internal sealed record Result(string Name, Answers Answers, DateTimeOffset Injected, DateTimeOffset Healed)
{
    /// <summary>Set where the fault counts what is stored its own way (else: acknowledged writes that read back).</summary>
    public int? Stored { get; init; }
    public int? Doubled { get; init; }
    public string? Problem { get; init; }
    public bool CountsPublication { get; init; } = true;
    /// <summary>A replay acknowledges no write; "stored" is what the good replay delivered.</summary>
    public bool Replay { get; init; }
}

/// <summary>
/// The counting, once every fault has run: per fault what was acknowledged, stored, published, consumed by the dashboard,
/// doubled and refused, and how long until writes and publication were back; then the table and the verdict.
/// </summary>
internal sealed class Tally(Suite suite)
{
    private readonly ConcurrentDictionary<Guid, int> unread = new();

    /// <summary>Everything acknowledged must now be published and consumed; waits for it (bounded), then stops the feed.</summary>
    public async Task SettleAsync()
    {
        suite.Log("waiting for publication and the dashboard");
        var settle = Stopwatch.StartNew();
        var expected = suite.Results.Where(r => r.CountsPublication).SelectMany(r => r.Answers.Acked).ToList();
        while (settle.Elapsed < suite.Seconds(120, 60) && !expected.All(a => Published(a) && suite.Feed.Saw(a.StreamId, a.EventType))) await Task.Delay(500);
        await Task.Delay(TimeSpan.FromSeconds(2));  // a copy consumed late would show as doubled
        await suite.StopFeedAsync();
    }

    /// <summary>Counts every row, prints the table and the verdict; true when every row passed.</summary>
    public async Task<bool> PrintAsync()
    {
        var doubledTitles = await DoubledTitlesAsync();
        var rows = new List<string[]>();
        var failed = false;
        foreach (var result in suite.Results)
        {
            var acked = result.Answers.Acked.ToList();
            var stored = result.Stored ?? await StoredAsync(acked);
            var published = result.CountsPublication ? acked.Count(Published) : (int?)null;
            var consumed = result.CountsPublication ? acked.Count(a => suite.Feed.Saw(a.StreamId, a.EventType)) : (int?)null;
            var streams = acked.Select(a => a.StreamId).ToHashSet();
            var doubledAtDashboard = suite.Tap.Arrivals.Where(a => streams.Contains(a.StreamId)).Select(a => a.EventId).Distinct().Count(e => suite.Feed.Times(e) > 1);
            var doubled = (result.Doubled ?? doubledTitles.Count(t => t.Contains($" {result.Name} ", StringComparison.Ordinal))) + doubledAtDashboard;
            var writesBack = acked.Where(a => a.At >= result.Healed).Select(a => (a.At - result.Healed).TotalSeconds).DefaultIfEmpty(double.NaN).Min();
            var publishedBack = suite.Tap.Arrivals.Where(a => a.Arrived >= result.Healed && streams.Contains(a.StreamId)).Select(a => (a.Arrived - result.Healed).TotalSeconds).DefaultIfEmpty(double.NaN).Min();
            var problems = new List<string>();
            if (!result.Replay && stored < acked.Count) problems.Add($"{acked.Count - stored} acknowledged not stored (read back: {string.Join(", ", unread.Where(u => acked.Any(a => a.StreamId == u.Key)).Select(u => u.Value).Distinct())})");
            if (published < acked.Count) problems.Add($"{acked.Count - published} not published");
            if (consumed < acked.Count) problems.Add($"{acked.Count - consumed} not consumed by the dashboard");
            if (doubled > 0) problems.Add($"{doubled} doubled");
            if (!result.Answers.Broken.IsEmpty) problems.Add($"{result.Answers.Broken.Count} 5xx: {result.Answers.Broken.First()}");
            if (result.Problem is { } problem) problems.Add(problem);
            failed |= problems.Count > 0;
            rows.Add([result.Name, $"{acked.Count}", $"{stored}", published?.ToString() ?? "-", consumed?.ToString() ?? "-", $"{doubled}", result.Answers.RefusedText,
                Time(writesBack), Time(publishedBack), problems.Count == 0 ? "ok" : string.Join("; ", problems)]);
        }

        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 200;
        var options = suite.Options;
        var table = new Table().Border(TableBorder.Rounded).Title($"Cooperation faults{(suite.Full ? "" : " (short)")}, {suite.Instances.Length} instance(s) of every service, "
            + $"{options.BrokerNodes} broker node(s){(options.Standby ? ", a PostgreSQL primary and its standby" : "")}");
        table.AddColumns("fault", "acked", "stored", "published", "dashboard", "doubled", "refused", "writes back", "published back", "verdict");
        foreach (var row in rows) table.AddRow(row.Select(Markup.Escape).ToArray());
        AnsiConsole.Write(table);
        Console.WriteLine(failed ? "faults: FAILED (see the verdicts above)" : "faults: every acknowledged write stored, published and consumed once; no 5xx but 503 with Retry-After");
        return !failed;
    }

    private bool Published(Acknowledged a) => suite.Tap.Arrivals.Any(x => x.StreamId == a.StreamId && x.EventType == a.EventType);

    private static string Time(double seconds) => double.IsNaN(seconds) ? "-" : $"{seconds:F1} s";

    /// <summary>How many acknowledged writes read back through the gateway (each retried while the answer is 503); what the others answered goes to unread.</summary>
    private async Task<int> StoredAsync(IReadOnlyList<Acknowledged> acked)
    {
        var found = 0;
        await Parallel.ForEachAsync(acked.Select(a => a.StreamId).Distinct(), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, ct) =>
        {
            for (var attempt = 0; attempt < 40; attempt++)
            {
                using var response = await suite.Committee.GetAsync($"/api/agreements/{id}", ct);
                if (response.StatusCode == HttpStatusCode.OK) { Interlocked.Increment(ref found); return; }
                if (response.StatusCode is not (HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests)) { unread[id] = (int)response.StatusCode; return; }
                await Task.Delay(response.Headers.RetryAfter?.Delta is { } wait && wait < TimeSpan.FromSeconds(2) ? wait : TimeSpan.FromMilliseconds(500), ct);
            }
        });
        return found;
    }

    /// <summary>Agreements registered more than once under one title (each write has a title of its own): doubled writes.</summary>
    private Task<List<string>> DoubledTitlesAsync() => suite.Store.RowsAsync("the titles registered more than once",
        "SELECT data->>'title' FROM agreements.mt_events WHERE type = 'agreement_registered' AND data->>'title' LIKE @prefix GROUP BY 1 HAVING count(*) > 1",
        reader => reader.GetString(0), ("prefix", $"Faults {suite.Run} %"));
}
