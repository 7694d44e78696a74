using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cooperation.Load;
using Spectre.Console;

namespace Cooperation.Bench;

/// <summary>
/// <c>deploy/bench.sh --data N</c>: the reads the dashboard, the committees and the auditors use, measured at the size the
/// run has (the demo data), then again once about N more events are in, side by side with the ratio. The events are the
/// demo data's own records written again and again through the gateway by their committees, varied: each copy under
/// another reporting region (the seven Belarusian committees) and signing year, agreements with amendments, visits with
/// how they went, trade reports for other years. The dashboard is waited for until it has counted them all.
/// </summary>
public static class DataGrowth
{
    /// <summary>The committees that write, unless --regions names others.</summary>
    public static readonly string[] Belarus = ["BY-BR", "BY-HO", "BY-HR", "BY-MA", "BY-MI", "BY-VI", "BY-HM"];
    private const int Calls = 25;
    private const int Writers = 32;

    public static async Task<int> RunAsync(Uri gateway, string root, long events, string[] regions, string? output)
    {
        var demo = Path.Combine(root, "deploy", "demo");
        var agreements = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(demo, "agreements.json")))!["agreements"]!.AsArray()
            .Where(e => e!["body"]!["parentRef"] is null && e["body"]!["parties"]!.AsArray().Count(Belarusian) == 1).Select(e => e!["body"]!.AsObject()).ToList();
        var visits = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(demo, "visits.json")))!["visits"]!.AsArray()
            .Where(e => e!["skip"] is null && e["body"]!["heldUnderRef"] is null && Belarusian(e["body"]!["host"])
                && !e["body"]!["guests"]!.AsArray().Any(Belarusian)).Select(e => e!).ToList();
        var reports = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(demo, "trade.json")))!["reports"]!.AsArray().Select(e => e!["body"]!.AsObject()).ToList();

        // The size compared with is the demo data's: loaded here too (its loader writes each entry once, whatever is there already).
        var loader = Path.Combine(root, "deploy", "Cooperation.DemoData", "bin", "Release", "net10.0", "Cooperation.DemoData.dll");
        using (var load = Process.Start(new ProcessStartInfo("dotnet", [loader, gateway.ToString()]))!)
        {
            await load.WaitForExitAsync();
            if (load.ExitCode != 0) Console.Error.WriteLine("bench: some demo data was refused; measuring what is there");
        }

        using var ministry = await Gateway.ClientAsync(gateway, "ministry", null, "bench-ministry", TimeSpan.FromMinutes(2));
        var committees = new Dictionary<string, HttpClient>();
        foreach (var region in regions) committees[region] = await Gateway.ClientAsync(gateway, "committee", region, $"bench-{region}", TimeSpan.FromMinutes(2));

        var sample = await AnyAgreementAsync(ministry);
        var reads = Reads(sample);
        var consumedBefore = await ConsumedAsync(ministry);
        Console.Error.WriteLine($"bench: reads at the run's size ({consumedBefore} events in the dashboard's log)");
        var before = await MeasureAsync(ministry, reads);

        Console.Error.WriteLine($"bench: writing about {events} events through the gateway, {Writers} at a time");
        var written = 0L;
        var failed = 0L;
        var copy = 0L;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Copies(), new ParallelOptions { MaxDegreeOfParallelism = Writers }, async (k, ct) =>
        {
            var region = regions[k % regions.Length];
            var year = 2004 + (int)(k / regions.Length % 22);
            var client = committees[region];
            var (ok, count) = (k % 4) switch
            {
                0 or 1 => await AgreementAsync(client, agreements[(int)(k % agreements.Count)], region, year, k, ct),
                2 => await VisitAsync(client, visits[(int)(k % visits.Count)], region, year, k, ct),
                _ => await ReportAsync(client, reports[(int)(k % reports.Count)], region, k / (4 * regions.Length), ct),
            };
            Interlocked.Add(ref written, count);
            if (!ok) Interlocked.Increment(ref failed);
        });
        var writeSeconds = clock.Elapsed.TotalSeconds;
        Console.Error.WriteLine($"bench: {written} events written in {writeSeconds:F0} s ({written / writeSeconds:F0}/s), {failed} records refused");

        // The dashboard has them all once its log stops growing past what was written.
        var caughtUp = Stopwatch.StartNew();
        long consumedAfter;
        while ((consumedAfter = await ConsumedAsync(ministry)) < consumedBefore + written && caughtUp.Elapsed < TimeSpan.FromMinutes(30))
            await Task.Delay(TimeSpan.FromSeconds(2));
        Console.Error.WriteLine($"bench: the dashboard counted {consumedAfter - consumedBefore} of them {caughtUp.Elapsed.TotalSeconds:F0} s after the last write");

        Console.Error.WriteLine($"bench: reads at {consumedAfter} events");
        var after = await MeasureAsync(ministry, reads);

        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 150;
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"Reads as the data grows: {consumedBefore} and {consumedAfter} events in the dashboard's log ({Calls} calls each, one at a time)");
        table.AddColumns("read (ministry token, through the gateway)", $"p50 / p95 at {consumedBefore}", $"p50 / p95 at {consumedAfter}", "p95 grew");
        var figures = new JsonObject
        {
            ["eventsBefore"] = consumedBefore, ["eventsAfter"] = consumedAfter, ["written"] = written, ["writesPerSecond"] = written / writeSeconds,
            ["refused"] = failed, ["catchUpSeconds"] = caughtUp.Elapsed.TotalSeconds, ["reads"] = new JsonArray(),
        };
        foreach (var (name, _) in reads)
        {
            var (b, a) = (before[name], after[name]);
            table.AddRow(Markup.Escape(name), $"{b.P50:F1} / {b.P95:F1} ms", $"{a.P50:F1} / {a.P95:F1} ms", $"x{a.P95 / b.P95:F1}");
            figures["reads"]!.AsArray().Add(new JsonObject
            {
                ["read"] = name, ["p50Before"] = b.P50, ["p95Before"] = b.P95, ["p50After"] = a.P50, ["p95After"] = a.P95, ["failed"] = b.Failed + a.Failed,
            });
        }
        AnsiConsole.Write(table);
        if (output is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
            await File.WriteAllTextAsync(output, figures.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            Console.WriteLine($"figures written to {output}");
        }
        return failed == 0 && before.Values.Concat(after.Values).All(r => r.Failed == 0) ? 0 : 1;

        // Copies numbered on until about as many events as asked for are written.
        IEnumerable<long> Copies()
        {
            while (Interlocked.Read(ref written) < events) yield return Interlocked.Increment(ref copy);
        }
    }

    private static (string Name, string Path)[] Reads(Guid sample) =>
    [
        ("GET /api/dashboard/summary", "/api/dashboard/summary"),
        ("summary?region=BY-VI&partner=CN", "/api/dashboard/summary?region=BY-VI&partner=CN"),
        ("dormant?since=2015-01-01", "/api/dashboard/dormant?since=2015-01-01"),
        ("plans", "/api/dashboard/plans"),
        ("upcoming", "/api/dashboard/upcoming"),
        ("reports?region=BY-VI&partner=CN&from=2004&to=2019", "/api/dashboard/reports?region=BY-VI&partner=CN&from=2004&to=2019"),
        ("agreements?q=Shandong", "/api/agreements?q=Shandong"),
        ("agreements?inForceOn=2019-06-01", "/api/agreements?inForceOn=2019-06-01"),
        ("agreements?page=200", "/api/agreements?page=200"),
        ("agreements/{id}", $"/api/agreements/{sample}"),
    ];

    private static async Task<Dictionary<string, (double P50, double P95, int Failed)>> MeasureAsync(HttpClient client, (string Name, string Path)[] reads)
    {
        var figures = new Dictionary<string, (double, double, int)>();
        foreach (var (name, path) in reads)
        {
            var took = new List<double>();
            var failed = 0;
            // One call unmeasured first, so that no read pays for the first request after a start.
            for (var i = 0; i <= Calls; i++)
            {
                var clock = Stopwatch.StartNew();
                using var response = await client.GetAsync(path);
                await response.Content.ReadAsByteArrayAsync();
                if (i == 0) continue;
                took.Add(clock.Elapsed.TotalMilliseconds);
                if (!response.IsSuccessStatusCode) failed++;
            }
            took.Sort();
            figures[name] = (took[took.Count / 2], took[(int)Math.Ceiling(took.Count * 0.95) - 1], failed);
        }
        return figures;
    }

    private static async Task<long> ConsumedAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/dashboard/summary?region=BY-VI")).GetProperty("eventsConsumed").GetInt64();

    private static async Task<Guid> AnyAgreementAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/agreements?pageSize=1")).GetProperty("items")[0].GetProperty("id").GetGuid();

    /// <summary>A demo agreement again, under the region and year given, and two amendments to it: three or four events.</summary>
    private static async Task<(bool, long)> AgreementAsync(HttpClient client, JsonObject template, string region, int year, long k, CancellationToken ct)
    {
        var body = Moved(template, "parties", region);
        body["title"] = $"{template["title"]} (bench {k})";
        if (body["signedOn"] is not null) body["signedOn"] = year.ToString();
        body["validUntil"] = k % 3 == 0 ? (year + 5).ToString() : null;
        body.Remove("parentRef");
        var id = await PostAsync(client, "/api/agreements", body, ct);
        if (id is null) return (false, 0);
        var events = body["signedOn"] is null ? 1 : 2;
        for (var i = 1; i <= 2; i++)
            if (await PostAsync(client, $"/api/agreements/{id}/amendments", new JsonObject { ["summary"] = $"Amendment {i}", ["effectiveOn"] = (year + i).ToString() }, ct) is not null)
                events++;
        return (true, events);
    }

    /// <summary>A demo visit to Belarus again, hosted by the region given, in the year given, with its outcome: one or two events.</summary>
    private static async Task<(bool, long)> VisitAsync(HttpClient client, JsonNode entry, string region, int year, long k, CancellationToken ct)
    {
        var body = entry["body"]!.DeepClone().AsObject();
        body["host"] = Home(body["host"]!.AsObject(), region);
        body["plannedFrom"] = year.ToString();
        body["plannedTo"] = year.ToString();
        body["purpose"] = $"{body["purpose"]} (bench {k})";
        var id = await PostAsync(client, "/api/delegations/visits", body, ct);
        if (id is null) return (false, 0);
        if (entry["outcome"]?["completed"] is null) return (true, 1);
        var done = await PostAsync(client, $"/api/delegations/visits/{id}/completion", new JsonObject { ["from"] = year.ToString(), ["to"] = year.ToString() }, ct);
        return (true, done is null ? 1 : 2);
    }

    /// <summary>A demo trade report again, reported by the region given, for its <paramref name="n"/>th month from January 1980: one event.</summary>
    private static async Task<(bool, long)> ReportAsync(HttpClient client, JsonObject template, string region, long n, CancellationToken ct)
    {
        var body = template.DeepClone().AsObject();
        body["reporter"] = Home(body["reporter"]!.AsObject(), region);
        // A month of its own for each copy of a region's (a period already reported is refused with 409, and left out).
        var month = $"{1980 + n % 46}-{n / 46 % 12 + 1:00}";
        body["period"] = new JsonObject { ["from"] = month, ["to"] = month };
        return await PostAsync(client, "/api/trade/reports", body, ct) switch { null => (false, 0), "" => (true, 0), _ => (true, 1) };
    }

    private static bool Belarusian(JsonNode? party) => party?["country"]?.GetValue<string>() == "BY";

    /// <summary>The body with its home party (the first Belarusian one) moved to the region given.</summary>
    private static JsonObject Moved(JsonObject template, string parties, string region)
    {
        var body = template.DeepClone().AsObject();
        var list = body[parties]!.AsArray();
        var home = list.First(Belarusian)!;
        list[list.IndexOf(home)] = Home(home!.AsObject(), region);
        return body;
    }

    private static JsonObject Home(JsonObject party, string region) => new() { ["code"] = region };

    /// <summary>The new record's id; "" when it is there already (409); null when refused.</summary>
    private static async Task<string?> PostAsync(HttpClient client, string path, JsonObject body, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var response = await client.PostAsJsonAsync(path, body, ct);
            if (response.StatusCode == System.Net.HttpStatusCode.Conflict) return "";
            if (response.IsSuccessStatusCode) return (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).TryGetProperty("id", out var id) ? id.ToString() : "ok";
            if ((int)response.StatusCode is 429 or 502 or 503 && attempt < 5)
            {
                await Task.Delay(500, ct);
                continue;
            }
            Console.Error.WriteLine($"bench: {path} refused with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
            return null;
        }
    }
}
