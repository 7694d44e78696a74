using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cooperation.Bench;
using Cooperation.Load;
using Npgsql;
using Spectre.Console;

// The project's benchmark (deploy/bench.sh): the database's own limit first, then the system through the gateway and
// directly, publication lag from an independent consumer, a rebuild, and memory and CPU per process. Every step is
// bounded in time and sends traffic to loopback only.
var options = Options.Parse(args);
// --data N: the reads at the run's size and again after about N more events, side by side (DataGrowth.cs), and nothing else.
if (options.Data is { } data)
    return await DataGrowth.RunAsync(options.Gateway, options.Root, data, args.SkipWhile(a => a != "--regions").Skip(1).FirstOrDefault()?.Split(',') ?? DataGrowth.Belarus, options.Out);
// How many of the statements that took PostgreSQL longest the table and the JSON list.
const int TopStatements = 15;
var step = options.Quick ? TimeSpan.FromSeconds(4) : TimeSpan.FromSeconds(15);
var run = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
var figures = new JsonObject { ["machine"] = $"{Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB", ["quick"] = options.Quick };
var rows = new List<(string Measure, string Value, string Ratio, string Goal)>();
using var http = new HttpClient { BaseAddress = options.Gateway, Timeout = TimeSpan.FromSeconds(30) };
var committee = await TokenAsync("committee", options.Region);
var admin = await TokenAsync("admin", null);
var yardstick = new PgBench(options.Postgres);
var statements = new Statements(options.Postgres);
IReadOnlyList<Statement>? profile = null;

var atRest = Processes.Snapshot(options.Root, options.Postmaster);
// The services as they run for days, not as they start: the JIT compiles the hot paths in tiers over the first thousands
// of requests, which would otherwise fall on the first step measured (c=1 through the gateway read 12 ms at its p50 on a
// fresh start, 2.6 ms half a minute later). Not measured, and after the memory at rest is read.
Console.Error.WriteLine("bench: warming up the write path, through the gateway and directly (not measured)");
foreach (var url in new[] { options.Gateway, options.Direct })
    await RegistrationsAsync(url, 8, options.Quick ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(20), $"{run}-warm-up");

await yardstick.PrepareAsync();
await Settle();
Console.Error.WriteLine("bench: the yardstick (pgbench, before)");
var pgBefore1 = await yardstick.RunAsync(1, step);
var pgBefore32 = await yardstick.RunAsync(32, step);

var writes = new Dictionary<string, LoadResult>();
(double P50, double P99, double Max, long Backlog, int Published, long Acknowledged) lag = default;
Processes.Sample? pgCpuBefore = null, pgCpuAfter = null;
IReadOnlyDictionary<string, Processes.Sample>? systemBefore = null, systemAfter = null;
double? drainSeconds = null;
var drainBound = options.Quick ? TimeSpan.FromSeconds(30) : TimeSpan.FromMinutes(3);
foreach (var (target, url) in new[] { ("gateway", options.Gateway), ("direct", options.Direct) })
    foreach (var connections in target == "gateway" ? new[] { 1, 8, 32 } : [1, 32])
    {
        await Settle();
        Console.Error.WriteLine($"bench: draft registrations, {target}, c={connections}");
        var tag = $"{run}-{target}-{connections}";
        await using var probe = connections == 8 ? await LagProbe.StartAsync(options.RabbitMq, tag) : null;
        // The step whose database work is accounted for: CPU per write, and the statements behind it.
        var accounted = target == "gateway" && connections == 32;
        var profiled = accounted && await statements.ResetAsync();
        if (accounted)
        {
            systemBefore = Processes.Snapshot(options.Root, options.Postmaster);
            pgCpuBefore = systemBefore.GetValueOrDefault("postgresql");
        }
        var result = await RegistrationsAsync(url, connections, step, tag);
        var stopped = DateTimeOffset.UtcNow;
        if (accounted) pgCpuAfter = Processes.Snapshot(options.Root, options.Postmaster).GetValueOrDefault("postgresql");
        // The consumers' work that the writes set off runs on after wrk stops; it counts too.
        if (profiled) { await Task.Delay(TimeSpan.FromSeconds(2)); profile = await statements.ReadAsync(); }
        if (accounted)
        {
            // The whole system's cost of these writes: every process's CPU until the consumers have done what the writes set
            // off, that is until the system is quiet again (the second found quiet is not counted as draining).
            await Processes.SettleAsync(options.Root, options.Postmaster, drainBound);
            systemAfter = Processes.Snapshot(options.Root, options.Postmaster);
            var quietFor = (DateTimeOffset.UtcNow - stopped).TotalSeconds - 1;
            drainSeconds = quietFor < drainBound.TotalSeconds ? quietFor : null;
        }
        writes[$"{target}-c{connections}"] = result;
        if (probe is null) continue;

        await Task.Delay(TimeSpan.FromSeconds(1));
        var backlog = Math.Max(0, result.Succeeded - probe.ArrivedBy(stopped.AddSeconds(1)));
        var drained = Stopwatch.StartNew();
        while (probe.Count < result.Succeeded && drained.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(100);
        var (p50, p99, max) = probe.Lag();
        lag = (p50, p99, max, backlog, probe.Count, result.Succeeded);
    }

await Settle();
Console.Error.WriteLine("bench: reads");
var record = await RegisterAsync($"Bench {run} read");
var read = await Wrk.RunAsync(new Uri(options.Gateway, $"/api/agreements/{record}"), 8, step, committee);
var (history, asOf) = await LongStreamAsync(options.Quick ? 100 : 1000);
var readAsOf = await Wrk.RunAsync(new Uri(options.Gateway, $"/api/agreements/{history}?asOf={Uri.EscapeDataString(asOf.ToString("O"))}"), 8, step, committee);

Console.Error.WriteLine("bench: a rebuild of the agreements' read models");
var rebuildBound = TimeSpan.FromMinutes(5);
var (rebuildEvents, rebuildSeconds) = await RebuildAsync();

await Settle();
Console.Error.WriteLine("bench: the yardstick (pgbench, after)");
var pgAfter1 = await yardstick.RunAsync(1, step);
var pgAfter32 = await yardstick.RunAsync(32, step);
await yardstick.DropAsync();
var afterLoad = Processes.Snapshot(options.Root, options.Postmaster);

var drift = Math.Abs(pgAfter32.Rps - pgBefore32.Rps) / pgBefore32.Rps;
var yard32 = pgBefore32.Rps;
var yard1P50 = pgBefore1.P50Ms;
rows.Add(("pgbench append, c=32 (before / after)", $"{pgBefore32.Rps:F0} / {pgAfter32.Rps:F0} TPS, p50 {pgBefore32.P50Ms:F2} ms",
    drift > 0.10 ? $"VOID: {drift:P0} apart" : $"{drift:P0} apart", "the yardstick, <= 10% apart"));
rows.Add(("pgbench append, c=1 (before / after)", $"{pgBefore1.Rps:F0} / {pgAfter1.Rps:F0} TPS, p50 {pgBefore1.P50Ms:F2} ms", "", ""));
foreach (var (name, result) in writes)
    rows.Add(($"draft registrations, {name.Replace("-c", ", c=")}",
        $"{result.Rps:F0}/s, p50 {result.P50Ms:F1} ms, p99 {result.P99Ms:F1} ms{(result.Failed > 0 ? $", {result.Failed} failed" : "")}",
        name == "gateway-c32" ? $"{result.Rps / yard32:F2} x pgbench" : name == "gateway-c1" ? $"p50 {result.P50Ms / yard1P50:F1} x pgbench" : "",
        name == "gateway-c32" ? ">= 0.25 x" : name == "gateway-c1" ? "p50 <= 3 x" : ""));
rows.Add(("commit -> cooperation.events, under c=8 writes", $"p50 {lag.P50:F0} ms, p99 {lag.P99:F0} ms, max {lag.Max:F0} ms",
    $"backlog {lag.Backlog} at +1 s", "p99 <= 100 ms, backlog 0"));
rows.Add(("  published / acknowledged", $"{lag.Published} / {lag.Acknowledged}", "", "all"));
var gw = writes["gateway-c32"];
var direct = writes["direct-c32"];
rows.Add(("gateway / direct at c=32", $"{gw.Rps / direct.Rps:F2} of the RPS, {gw.P50Ms / direct.P50Ms:F2} x the p50", "", ">= 0.90, <= 1.10"));
rows.Add(("read by id, c=8", $"{read.Rps:F0}/s, p50 {read.P50Ms:F1} ms", "", ""));
rows.Add(($"?asOf on a {(options.Quick ? 100 : 1000)}-event stream, c=8", $"{readAsOf.Rps:F0}/s, p50 {readAsOf.P50Ms:F1} ms", "", ""));
rows.Add(("rebuild of the agreements' read models", rebuildSeconds is { } took
    ? $"{rebuildEvents / took:F0} events/s ({rebuildEvents} events)" : $"not finished in {rebuildBound.TotalMinutes:F0} min ({rebuildEvents} events)", "", ""));
var pgCpuPerWrite = pgCpuBefore is null || pgCpuAfter is null ? double.NaN : (pgCpuAfter.CpuSeconds - pgCpuBefore.CpuSeconds) * 1000 / Math.Max(1, gw.Succeeded);
rows.Add(("PostgreSQL CPU per draft write (gateway, c=32)", $"{pgCpuPerWrite:F2} ms", "", "half of today's 1.6-2 ms"));
// Every process's share, through the consumers' drain after the load: what the machine spends on one acknowledged write.
var systemPerWrite = systemBefore is null || systemAfter is null ? [] : systemAfter
    .Select(p => (Name: p.Key, Ms: (p.Value.CpuSeconds - (systemBefore.GetValueOrDefault(p.Key)?.CpuSeconds ?? 0)) * 1000 / Math.Max(1, gw.Succeeded)))
    .OrderByDescending(p => p.Ms).ToList();
rows.Add(("the system's CPU per draft write, through the drain", $"{systemPerWrite.Sum(p => p.Ms):F1} ms: "
    + string.Join(", ", systemPerWrite.Select(p => $"{p.Name} {p.Ms:F1}")),
    drainSeconds is { } d ? $"quiet {d:F0} s after the load" : $"not quiet {drainBound.TotalSeconds:F0} s after the load", ""));
// Where it goes: the statements each service's role ran per acknowledged write, in the same step.
var perWrite = 1.0 / Math.Max(1, gw.Succeeded);
var byRole = (profile ?? []).GroupBy(s => s.Role).Select(g => (Role: g.Key, Calls: g.Sum(s => s.Calls) * perWrite, Ms: g.Sum(s => s.TotalMs) * perWrite))
    .OrderByDescending(r => r.Ms).ToList();
if (profile is null) rows.Add(("  statements per write", "not counted: PostgreSQL runs without pg_stat_statements (restart it with deploy/infra.sh)", "", ""));
foreach (var role in byRole)
    rows.Add(($"  statements by {role.Role}, per write", $"{role.Calls:F1} statements, {role.Ms:F2} ms executing", "", ""));
foreach (var (name, after) in afterLoad.OrderBy(p => p.Key))
{
    var rest = atRest.GetValueOrDefault(name);
    // Memory per process (instances of one service averaged; PostgreSQL counts as one), CPU summed over all of them.
    rows.Add(($"{name} ({after.Count} {(name == "postgresql" ? "server" : after.Count == 1 ? "process" : "processes")})",
        $"RSS {Mb(rest?.RssBytes / rest?.Count)} at rest, {Mb(after.RssBytes / after.Count)} after; PSS {Mb(rest?.PssBytes / rest?.Count)} at rest, "
        + $"{Mb(after.PssBytes / after.Count)} after, per process; CPU {after.CpuSeconds - (rest?.CpuSeconds ?? 0):F1} s during the run",
        "", name is "postgresql" or "rabbitmq" ? "" : "<= 150 MB at rest"));
}

figures["pgbench"] = new JsonObject
{
    ["c1"] = Json(pgBefore1), ["c32"] = Json(pgBefore32), ["c1After"] = Json(pgAfter1), ["c32After"] = Json(pgAfter32), ["drift"] = drift, ["void"] = drift > 0.10,
};
figures["writes"] = new JsonObject(writes.Select(w => KeyValuePair.Create(w.Key, (JsonNode?)Json(w.Value))));
figures["ratios"] = new JsonObject
{
    ["gatewayC32ToPgbench"] = gw.Rps / yard32, ["gatewayC1P50ToPgbench"] = writes["gateway-c1"].P50Ms / yard1P50,
    ["gatewayToDirectRps"] = gw.Rps / direct.Rps, ["gatewayToDirectP50"] = gw.P50Ms / direct.P50Ms,
};
figures["lag"] = new JsonObject
{
    ["p50Ms"] = lag.P50, ["p99Ms"] = lag.P99, ["maxMs"] = lag.Max, ["backlogAfter1s"] = lag.Backlog,
    ["published"] = lag.Published, ["acknowledged"] = lag.Acknowledged,
};
figures["readById"] = Json(read);
figures["readAsOf"] = Json(readAsOf);
figures["rebuild"] = new JsonObject { ["events"] = rebuildEvents, ["seconds"] = rebuildSeconds, ["eventsPerSecond"] = rebuildEvents / rebuildSeconds };
figures["postgresCpuMsPerWrite"] = pgCpuPerWrite;
figures["systemCpuMsPerWrite"] = new JsonObject
{
    ["total"] = systemPerWrite.Sum(p => p.Ms), ["drainSeconds"] = drainSeconds,
    ["byProcess"] = new JsonObject(systemPerWrite.Select(p => KeyValuePair.Create(p.Name, (JsonNode?)p.Ms))),
};
figures["statementsPerWrite"] = profile is null ? null : new JsonObject
{
    ["byRole"] = new JsonObject(byRole.Select(r => KeyValuePair.Create(r.Role, (JsonNode?)new JsonObject { ["statements"] = r.Calls, ["executingMs"] = r.Ms }))),
    ["top"] = new JsonArray(profile.Take(TopStatements).Select(s => (JsonNode)new JsonObject
    {
        ["role"] = s.Role, ["query"] = s.Query, ["callsPerWrite"] = s.Calls * perWrite, ["msPerWrite"] = s.TotalMs * perWrite,
    }).ToArray()),
};
figures["processes"] = new JsonObject(afterLoad.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)new JsonObject
{
    ["instances"] = p.Value.Count, ["rssAtRestBytes"] = atRest.GetValueOrDefault(p.Key)?.RssBytes, ["rssAfterBytes"] = p.Value.RssBytes,
    ["pssAtRestBytes"] = atRest.GetValueOrDefault(p.Key)?.PssBytes, ["pssAfterBytes"] = p.Value.PssBytes,
    ["cpuSeconds"] = p.Value.CpuSeconds - (atRest.GetValueOrDefault(p.Key)?.CpuSeconds ?? 0),
})));

if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 150;
var table = new Table().Border(TableBorder.Rounded).Title($"Cooperation benchmark, {figures["machine"]}{(options.Quick ? " (quick)" : "")}");
table.AddColumns("measure", "figure", "ratio", "goal");
foreach (var row in rows) table.AddRow(Markup.Escape(row.Measure), Markup.Escape(row.Value), Markup.Escape(row.Ratio), Markup.Escape(row.Goal));
AnsiConsole.Write(table);
if (profile is { Count: > 0 })
{
    var top = new Table().Border(TableBorder.Rounded).Title($"Where PostgreSQL's time per write goes (gateway, c=32): the {TopStatements} statements that took longest");
    top.AddColumns("role", "calls per write", "ms per write", "statement");
    foreach (var s in profile.Take(TopStatements))
        top.AddRow(Markup.Escape(s.Role), $"{s.Calls * perWrite:F2}", $"{s.TotalMs * perWrite:F3}", Markup.Escape(s.Query.Length > 100 ? s.Query[..100] + " ..." : s.Query));
    AnsiConsole.Write(top);
}
if (options.Out is { } output)
{
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
    await File.WriteAllTextAsync(output, figures.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    Console.WriteLine($"figures written to {output}");
}
// Writes the system refused make the figures meaningless: say so in the exit code.
return writes.Values.Sum(w => w.Failed) == 0 ? 0 : 1;

// A 429 is the gateway's rate limits at work: figures through it would measure them, so the benchmark says so and stops.
static void Accepted(HttpResponseMessage response, string what)
{
    if (response.StatusCode == System.Net.HttpStatusCode.TooManyRequests)
    {
        Console.Error.WriteLine($"bench: {what} was refused with 429 Too Many Requests: the gateway of the run measured has its rate limits on. "
            + "Start that run with RateLimits__PerCallerPerSecond=0, or stop it and let deploy/bench.sh start a run of its own.");
        Environment.Exit(2);
    }
    response.EnsureSuccessStatusCode();
}

// Each step starts on a quiet system, so that no step pays for the work the one before it set off.
Task Settle() => Processes.SettleAsync(options.Root, options.Postmaster, options.Quick ? TimeSpan.FromSeconds(5) : TimeSpan.FromSeconds(30));

// Draft registrations with wrk, each a new stream titled after the tag, as the committee of the benchmark's region.
Task<LoadResult> RegistrationsAsync(Uri url, int connections, TimeSpan duration, string tag) =>
    Wrk.RunAsync(new Uri(url, "/api/agreements"), connections, duration, committee, Path.Combine(AppContext.BaseDirectory, "register.lua"),
        new Dictionary<string, string> { ["BENCH_RUN"] = tag, ["BENCH_REGION"] = options.Region, ["BENCH_PARTNER"] = options.Partner });

Task<string> TokenAsync(string role, string? region) => Gateway.TokenAsync(http, role, region, $"bench-{role}");

async Task<Guid> RegisterAsync(string title)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/agreements")
    {
        Content = JsonContent.Create(new { kind = "cooperation", title, parties = new object[] { new { code = options.Region }, new { code = options.Partner } }, spheres = new[] { "trade-economic" } }),
    };
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", committee);
    using var response = await http.SendAsync(request);
    Accepted(response, "a registration");
    return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
}

// One agreement with `events` events (a registration and its amendments); the moment half-way through is what asOf reads.
async Task<(Guid Id, DateTimeOffset HalfWay)> LongStreamAsync(int events)
{
    var id = await RegisterAsync($"Bench {run} history");
    var halfWay = DateTimeOffset.UtcNow;
    for (var i = 1; i < events; i++)
    {
        if (i == events / 2) halfWay = DateTimeOffset.UtcNow;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/agreements/{id}/amendments")
        {
            Content = JsonContent.Create(new { summary = $"Amendment {i}", effectiveOn = "2024" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", committee);
        using var response = await http.SendAsync(request);
        Accepted(response, "an amendment");
    }
    return (id, halfWay);
}

async Task<(long Events, double? Seconds)> RebuildAsync()
{
    long events;
    await using (var connection = new NpgsqlConnection(options.Postgres))
    {
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM agreements.mt_events", connection);
        events = (long)(await count.ExecuteScalarAsync())!;
    }
    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/agreements/rebuilds") { Content = JsonContent.Create(new { }) };
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
    using var started = await http.SendAsync(request);
    Accepted(started, "the rebuild");
    var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    var clock = Stopwatch.StartNew();
    while (clock.Elapsed < rebuildBound)
    {
        using var poll = new HttpRequestMessage(HttpMethod.Get, $"/api/agreements/rebuilds/{id}");
        poll.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
        using var response = await http.SendAsync(poll);
        var job = await response.Content.ReadFromJsonAsync<JsonElement>();
        var status = job.GetProperty("status").GetString();
        if (status == "completed")
            return (events, (job.GetProperty("finishedAt").GetDateTimeOffset() - job.GetProperty("requestedAt").GetDateTimeOffset()).TotalSeconds);
        if (status != "running") throw new InvalidOperationException($"The rebuild ended {status}: {job}");
        await Task.Delay(200);
    }
    // The step is bounded; a rebuild of more events than the bound allows is reported as unfinished, and the steps after it
    // still run (the yardstick after it shows what the rebuild still running costs).
    Console.Error.WriteLine($"bench: the rebuild did not finish within {rebuildBound.TotalMinutes:F0} minutes; it goes on in the service");
    return (events, null);
}

static JsonObject Json(LoadResult r) =>
    new() { ["rps"] = r.Rps, ["p50Ms"] = r.P50Ms, ["p99Ms"] = r.P99Ms, ["requests"] = r.Requests, ["failed"] = r.Failed };

static string Mb(long? bytes) => bytes is { } b ? $"{b / (1 << 20)} MB" : "-";

internal sealed record Options(Uri Gateway, Uri Direct, string Postgres, string RabbitMq, bool Quick, string? Out, string Root, int? Postmaster,
    string Region, string Partner, long? Data)
{
    public static Options Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return new Options(
            new Uri(Value("--gateway") ?? "http://127.0.0.1:8080"),
            new Uri(Value("--direct") ?? "http://127.0.0.1:5101"),
            // The operator's: pgbench makes a scratch database, and the probe a queue of its own (deploy/infra.sh env prints both).
            Value("--postgres") ?? Environment.GetEnvironmentVariable("ConnectionStrings__PostgresAdmin") ?? throw new ArgumentException("--postgres or ConnectionStrings__PostgresAdmin is required."),
            Value("--rabbitmq") ?? Environment.GetEnvironmentVariable("ConnectionStrings__RabbitMqAdmin") ?? throw new ArgumentException("--rabbitmq or ConnectionStrings__RabbitMqAdmin is required."),
            args.Contains("--quick"),
            Value("--out"),
            // Whose processes are measured: this checkout's, and the PostgreSQL server of the run (its postmaster.pid).
            Path.GetFullPath(Value("--root") ?? "."),
            Value("--postmaster-pid-file") is { } file && File.Exists(file) ? int.Parse(File.ReadLines(file).First(), CultureInfo.InvariantCulture) : null,
            // The committee that writes, and the partner its agreements name.
            Value("--region") ?? "BY-VI",
            Value("--partner") ?? "CN-HL",
            Value("--data") is { } data ? long.Parse(data, CultureInfo.InvariantCulture) : null);
    }
}
