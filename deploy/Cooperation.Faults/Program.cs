using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Cooperation.Faults;
using Cooperation.Load;
using Npgsql;
using Spectre.Console;

// The fault suite (deploy/faults.sh): a bounded write load through the gateway, one fault at a time, and at the end, per
// fault, what was acknowledged, stored, published and consumed, what was doubled and refused, and how long until writes
// and publication were back. Exits 1 on a lost acknowledged write, a doubled effect or a 5xx other than 503 with
// Retry-After. Traffic goes to loopback only; every fault and every wait is bounded in time.
const string DuplicateHeader = "cooperation-faults-duplicate";
var options = Options.Parse(args);
var runClock = Stopwatch.StartNew();
var run = DateTime.UtcNow.ToString("yyyyMMddHHmmss");
var full = !options.Short;
TimeSpan Seconds(double fullForm, double shortForm) => TimeSpan.FromSeconds(full ? fullForm : shortForm);

// A run just started answers once its gateway and services are up (bounded).
using (var probe = new HttpClient { BaseAddress = options.Gateway, Timeout = TimeSpan.FromSeconds(5) })
    for (var clock = Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromMinutes(3); await Task.Delay(500))
        try
        {
            using var ready = await probe.GetAsync("/health/ready");
            if (ready.IsSuccessStatusCode) break;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }

using var committee = await Gateway.ClientAsync(options.Gateway, "committee", options.Region, "faults-committee");
using var ministry = await Gateway.ClientAsync(options.Gateway, "ministry", null, "faults-ministry", TimeSpan.FromMinutes(10));
await using var tap = await EventTap.StartAsync(options.RabbitMq, "cooperation-faults", $"faults-{run}");
for (var clock = Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromMinutes(3); await Task.Delay(500))
{
    using var summary = await ministry.GetAsync("/api/dashboard/summary");
    if (summary.IsSuccessStatusCode) break;
}
var feed = new Feed(ministry);
using var stopFeed = new CancellationTokenSource();
var feedTask = await feed.StartAsync(stopFeed.Token);

var writer = new Writer(committee, run, options.Region, options.Partner, Seconds(0.1, 0.2));
var results = new List<Result>();
var infra = new Infra(options.Root);
var instances = Enumerable.Range(1, options.Instances).Select(i => new Uri($"http://127.0.0.1:{options.AgreementsPort + 10 * (i - 1)}/")).ToArray();

// Faults that a load goes on under: inject, heal, then keep writing for a while.
async Task UnderLoad(string name, Func<Answers, Task<DateTimeOffset>> fault, TimeSpan after)
{
    await ReadyAsync();
    Log($"{name}");
    var answers = new Answers();
    using var stop = new CancellationTokenSource();
    var load = writer.RunAsync(name, answers, clients: 4, stop.Token);
    await Task.Delay(Seconds(5, 1));
    var injected = DateTimeOffset.UtcNow;
    DateTimeOffset healed;
    string? failure = null;
    try { healed = await fault(answers); }
    catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException)
    {
        // The fault could not be made or undone: say so in its row, and go on with the others.
        (healed, failure) = (DateTimeOffset.UtcNow, $"the fault failed: {e.Message}");
    }
    await Task.Delay(after);
    await stop.CancelAsync();
    await load;
    results.Add(new Result(name, answers, injected, healed) { Problem = failure });
}

// Each fault starts from a whole system: every agreements instance ready (bounded), so that one fault's recovery is not the next one's.
async Task ReadyAsync()
{
    using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
    var clock = Stopwatch.StartNew();
    foreach (var instance in instances)
        while (clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            try
            {
                using var ready = await http.GetAsync(new Uri(instance, "/health/ready"));
                if (ready.IsSuccessStatusCode) break;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            await Task.Delay(250);
        }
}

async Task<Uri?> LeaderAsync()
{
    using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
    foreach (var instance in instances)
        try
        {
            var ready = await http.GetFromJsonAsync<JsonElement>(new Uri(instance, "/health/ready"));
            if (ready.GetProperty("checks").GetProperty("leadership").GetProperty("data").GetProperty("leader").GetBoolean()) return instance;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException) { }
    return null;
}

await UnderLoad("kill -9 of an agreements instance", async _ =>
{
    var leader = await LeaderAsync();
    var victim = instances.FirstOrDefault(i => i != leader) ?? instances[0];
    Infra.Kill(victim.Port);
    return DateTimeOffset.UtcNow;
}, Seconds(20, 2));

if (instances.Length > 1)
    await UnderLoad("kill -9 of the agreements leader", async _ =>
    {
        var leader = await LeaderAsync() ?? throw new InvalidOperationException("No agreements instance says it leads.");
        Infra.Kill(leader.Port);
        return DateTimeOffset.UtcNow;
    }, Seconds(20, 2));

await UnderLoad($"PostgreSQL stopped (immediate) x {(full ? 3 : 1)}", async _ =>
{
    var healed = DateTimeOffset.UtcNow;
    for (var round = 0; round < (full ? 3 : 1); round++)
    {
        if (round > 0) await Task.Delay(Seconds(10, 2));
        await infra.RunAsync("pg-stop", "immediate");
        await Task.Delay(Seconds(10, 2));
        await infra.RunAsync("pg-start");
        healed = DateTimeOffset.UtcNow;
    }
    return healed;
}, Seconds(15, 2));

await UnderLoad($"{(options.BrokerNodes > 1 ? "broker node 1" : "broker")} stopped for {(full ? 60 : 3)} s", async _ =>
{
    await infra.RunAsync("broker-stop");
    await Task.Delay(Seconds(60, 3));
    await infra.RunAsync("broker-start");
    return DateTimeOffset.UtcNow;
}, Seconds(15, 2));

await UnderLoad("broker node 1 killed (kill -9), then up", async _ =>
{
    await infra.RunAsync("kill-node", "1");
    await Task.Delay(Seconds(5, 1));
    await infra.RunAsync("up");
    return DateTimeOffset.UtcNow;
}, Seconds(15, 2));

// Every message the tap gets goes onto the fanout exchange once more, marked, so that every consumer bound to it gets it twice.
await using (var resend = await new RabbitMQ.Client.ConnectionFactory { Uri = new Uri(options.RabbitMq), ClientProvidedName = "cooperation-faults-duplicates" }.CreateConnectionAsync())
await using (var channel = await resend.CreateChannelAsync())
{
    var copies = 0;
    await UnderLoad("every message delivered twice", async _ =>
    {
        tap.OnArrival = async arrival =>
        {
            if (arrival.Properties.Headers?.ContainsKey(DuplicateHeader) == true) return;
            var properties = new RabbitMQ.Client.BasicProperties(arrival.Properties) { Headers = new Dictionary<string, object?>(arrival.Properties.Headers ?? new Dictionary<string, object?>()) };
            properties.Headers[DuplicateHeader] = "1";
            await channel.BasicPublishAsync(EventTap.Exchange, "", mandatory: false, properties, arrival.Body);
            Interlocked.Increment(ref copies);
        };
        await Task.Delay(Seconds(20, 3));
        // Publication may still be catching up on the fault before: go on until some messages have gone twice, bounded.
        for (var waited = 0; Volatile.Read(ref copies) < 10 && waited < 300; waited++) await Task.Delay(100);
        tap.OnArrival = null;
        if (Volatile.Read(ref copies) == 0) throw new InvalidOperationException("no message arrived to deliver twice");
        return DateTimeOffset.UtcNow;
    }, Seconds(5, 1));
    Log($"{copies} messages sent twice");
}

// 50 clients amend one agreement at the same version: exactly one wins, the others are told 412.
{
    Log("50 clients on one stream with If-Match");
    var answers = new Answers();
    var started = DateTimeOffset.UtcNow;
    var id = await RegisterAsync(Writer.Title(run, "if-match", 0), $"faults-{run}-if-match");
    var winners = 0;
    await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/agreements/{id}/amendments")
        {
            Content = JsonContent.Create(new { summary = $"Amendment by client {i}", effectiveOn = "2024" }),
        };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        using var response = await committee.SendAsync(request);
        if (response.IsSuccessStatusCode) { Interlocked.Increment(ref winners); answers.Acked.Enqueue(new Acknowledged(id, "agreement_amended", $"if-match-{i}", DateTimeOffset.UtcNow)); }
        else await answers.NoteAsync(response, "POST amendments with If-Match");
    }));
    using var read = await committee.GetAsync($"/api/agreements/{id}");
    var version = int.Parse(read.Headers.ETag!.Tag.Trim('"'));
    var amendments = version - 1;
    results.Add(new Result("50 clients, If-Match on one stream", answers, started, started)
    {
        Stored = amendments, Doubled = Math.Max(0, amendments - winners), CountsPublication = true,
        Problem = winners == 1 && answers.Refused.Keys.All(k => k is "412" or "409") ? null : $"{winners} winners, {answers.RefusedText}",
    });
}

// 20 clients send the same registration with the same Idempotency-Key at once: exactly one agreement.
{
    Log("20 clients, one Idempotency-Key");
    var answers = new Answers();
    var started = DateTimeOffset.UtcNow;
    var title = Writer.Title(run, "idempotency", 0);
    var ids = new System.Collections.Concurrent.ConcurrentBag<Guid>();
    await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
    {
        using var response = await committee.SendAsync(Registration(title, $"faults-{run}-same-key"));
        if (response.IsSuccessStatusCode) ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        else await answers.NoteAsync(response, "POST /api/agreements, one Idempotency-Key");
    }));
    foreach (var id in ids.Distinct()) answers.Acked.Enqueue(new Acknowledged(id, "agreement_registered", "same-key", DateTimeOffset.UtcNow));
    var stored = await StreamsTitledAsync(title);
    results.Add(new Result("20 clients, one Idempotency-Key", answers, started, started)
    {
        Stored = stored, Doubled = Math.Max(0, stored - 1),
        Problem = ids.Distinct().Count() == 1 ? null : $"{ids.Distinct().Count()} different agreements answered",
    });
}

// A rebuild of the agreements' read models while writes go on: the views of agreements written before read the same after.
{
    string? problem = null;
    Dictionary<Guid, string> before = [];
    await UnderLoad("a rebuild while writes go on", async answers =>
    {
        var sample = results.SelectMany(r => r.Answers.Acked).Where(a => a.EventType == "agreement_registered").Select(a => a.StreamId).Distinct().Take(30).ToList();
        foreach (var id in sample) before[id] = await committee.GetStringAsync($"/api/agreements/{id}");
        using var admin = await Gateway.ClientAsync(options.Gateway, "admin", null, "faults-admin");
        using var started = await admin.PostAsJsonAsync("/api/agreements/rebuilds", new { });
        if (!started.IsSuccessStatusCode) { problem = $"the rebuild was refused: {(int)started.StatusCode}"; await answers.NoteAsync(started, "POST rebuilds"); return DateTimeOffset.UtcNow; }
        var job = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var status = await JobAsync(admin, $"/api/agreements/rebuilds/{job}", TimeSpan.FromMinutes(5));
        if (status != "completed") problem = $"the rebuild ended {status}";
        return DateTimeOffset.UtcNow;
    }, Seconds(3, 1));
    var changed = 0;
    foreach (var (id, view) in before)
        if (await committee.GetStringAsync($"/api/agreements/{id}") != view) changed++;
    results[^1] = results[^1] with { Problem = problem ?? (changed == 0 ? null : $"{changed} of {before.Count} views changed") };
}

// Two replays at once: one into a queue it cannot use (declared with arguments a replay's queue must not have), one into a
// fresh queue. The bad one is refused or fails alone; the good one completes.
{
    Log("a replay into an unusable queue beside a good one");
    var answers = new Answers();
    var started = DateTimeOffset.UtcNow;
    // Replays go only into queues named replay.*, which the broker lets a service publish into.
    var good = $"replay.faults-{run}-good";
    var bad = $"replay.faults-{run}-bad";
    await using var connection = await new RabbitMQ.Client.ConnectionFactory { Uri = new Uri(options.RabbitMq), ClientProvidedName = "cooperation-faults-replays" }.CreateConnectionAsync();
    await using var channel = await connection.CreateChannelAsync();
    await channel.QueueDeclareAsync(bad, durable: true, exclusive: false, autoDelete: false, arguments: new Dictionary<string, object?> { ["x-max-length"] = 1 });
    using var auditor = await Gateway.ClientAsync(options.Gateway, "auditor", null, "faults-auditor-good");
    using var other = await Gateway.ClientAsync(options.Gateway, "auditor", null, "faults-auditor-bad");
    using var goodStart = await auditor.PostAsJsonAsync("/api/agreements/replays", new { queue = good });
    using var badStart = await other.PostAsJsonAsync("/api/agreements/replays", new { queue = bad });
    await answers.NoteAsync(goodStart, "POST replays (good)");
    await answers.NoteAsync(badStart, "POST replays (unusable queue)");
    string? problem = null;
    if (!goodStart.IsSuccessStatusCode) problem = $"the good replay was refused: {(int)goodStart.StatusCode}";
    else
    {
        var job = (await goodStart.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var status = await JobAsync(auditor, $"/api/agreements/replays/{job}", TimeSpan.FromMinutes(5));
        if (status != "completed") problem = $"the good replay ended {status}";
    }
    if (badStart.IsSuccessStatusCode)
    {
        var job = (await badStart.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var status = await JobAsync(other, $"/api/agreements/replays/{job}", Seconds(60, 30));
        if (status == "completed") problem ??= "the replay into the unusable queue completed";
    }
    else if ((int)badStart.StatusCode is < 400 or >= 500) problem ??= $"the replay into the unusable queue was answered {(int)badStart.StatusCode}";
    // The good replay declares its queue when it runs; refused, it declared none.
    var delivered = goodStart.IsSuccessStatusCode ? (await channel.QueueDeclarePassiveAsync(good)).MessageCount : 0;
    await channel.QueueDeleteAsync(good, ifUnused: false, ifEmpty: false);
    await channel.QueueDeleteAsync(bad, ifUnused: false, ifEmpty: false);
    results.Add(new Result("two replays, one into an unusable queue", answers, started, started)
    {
        Stored = (int)delivered, Problem = problem ?? (delivered > 0 ? null : "the good replay delivered nothing"), Replay = true,
    });
}

// With a synchronous standby (COOP_HA=1), last, since the old primary stays down: the primary crashes, the standby is
// promoted, and the services go on against it without a restart. Every write acknowledged before the crash must be there.
if (options.Standby)
    await UnderLoad("PostgreSQL primary crashed (immediate), standby promoted", async _ =>
    {
        await infra.RunAsync("pg-stop", "immediate");
        await Task.Delay(Seconds(5, 1));
        await infra.RunAsync("failover");
        return DateTimeOffset.UtcNow;
    }, Seconds(20, 3));

// Everything acknowledged must now be published and consumed; wait for it, bounded.
Log("waiting for publication and the dashboard");
var settle = Stopwatch.StartNew();
var expected = results.Where(r => r.CountsPublication).SelectMany(r => r.Answers.Acked).ToList();
bool Published(Acknowledged a) => tap.Arrivals.Any(x => x.StreamId == a.StreamId && x.EventType == a.EventType);
while (settle.Elapsed < Seconds(120, 60) && !expected.All(a => Published(a) && feed.Saw(a.StreamId, a.EventType))) await Task.Delay(500);
await Task.Delay(TimeSpan.FromSeconds(2));  // a copy consumed late would show as doubled
await stopFeed.CancelAsync();
await feedTask;

var unread = new System.Collections.Concurrent.ConcurrentDictionary<Guid, int>();
var doubledTitles = await DoubledTitlesAsync();
var rows = new List<string[]>();
var failed = false;
foreach (var result in results)
{
    var acked = result.Answers.Acked.ToList();
    var stored = result.Stored ?? await StoredAsync(acked);
    var published = result.CountsPublication ? acked.Count(Published) : (int?)null;
    var consumed = result.CountsPublication ? acked.Count(a => feed.Saw(a.StreamId, a.EventType)) : (int?)null;
    var streams = acked.Select(a => a.StreamId).ToHashSet();
    var doubledAtDashboard = tap.Arrivals.Where(a => streams.Contains(a.StreamId)).Select(a => a.EventId).Distinct().Count(e => feed.Times(e) > 1);
    var doubled = (result.Doubled ?? doubledTitles.Count(t => t.Contains($" {result.Name} ", StringComparison.Ordinal))) + doubledAtDashboard;
    var writesBack = acked.Where(a => a.At >= result.Healed).Select(a => (a.At - result.Healed).TotalSeconds).DefaultIfEmpty(double.NaN).Min();
    var publishedBack = tap.Arrivals.Where(a => a.Arrived >= result.Healed && streams.Contains(a.StreamId)).Select(a => (a.Arrived - result.Healed).TotalSeconds).DefaultIfEmpty(double.NaN).Min();
    var lost = result.Replay ? 0 : acked.Count - stored + (published is { } p ? acked.Count - p : 0) + (consumed is { } c ? acked.Count - c : 0);
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
var table = new Table().Border(TableBorder.Rounded).Title($"Cooperation faults{(full ? "" : " (short)")}, {instances.Length} instance(s) of every service, "
    + $"{options.BrokerNodes} broker node(s){(options.Standby ? ", a PostgreSQL primary and its standby" : "")}");
table.AddColumns("fault", "acked", "stored", "published", "dashboard", "doubled", "refused", "writes back", "published back", "verdict");
foreach (var row in rows) table.AddRow(row.Select(Markup.Escape).ToArray());
AnsiConsole.Write(table);
Console.WriteLine(failed ? "faults: FAILED (see the verdicts above)" : "faults: every acknowledged write stored, published and consumed once; no 5xx but 503 with Retry-After");
return failed ? 1 : 0;

void Log(string line) => Console.Error.WriteLine($"faults: [{runClock.Elapsed.TotalSeconds,5:F0} s] {line}");

static string Time(double seconds) => double.IsNaN(seconds) ? "-" : $"{seconds:F1} s";

HttpRequestMessage Registration(string title, string key)
{
    var request = new HttpRequestMessage(HttpMethod.Post, "/api/agreements")
    {
        Content = JsonContent.Create(new
        {
            kind = "cooperation", title, parties = new object[] { new { code = options.Region }, new { code = options.Partner } }, spheres = new[] { "trade-economic" },
        }),
    };
    request.Headers.Add("Idempotency-Key", key);
    return request;
}

async Task<Guid> RegisterAsync(string title, string key)
{
    using var response = await committee.SendAsync(Registration(title, key));
    response.EnsureSuccessStatusCode();
    return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
}

// How many acknowledged writes read back through the gateway (each retried while the answer is 503); what the others answered goes to unread.
async Task<int> StoredAsync(IReadOnlyList<Acknowledged> acked)
{
    var found = 0;
    await Parallel.ForEachAsync(acked.Select(a => a.StreamId).Distinct(), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, ct) =>
    {
        for (var attempt = 0; attempt < 40; attempt++)
        {
            using var response = await committee.GetAsync($"/api/agreements/{id}", ct);
            if (response.StatusCode == HttpStatusCode.OK) { Interlocked.Increment(ref found); return; }
            if (response.StatusCode is not (HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests)) { unread[id] = (int)response.StatusCode; return; }
            await Task.Delay(response.Headers.RetryAfter?.Delta is { } wait && wait < TimeSpan.FromSeconds(2) ? wait : TimeSpan.FromMilliseconds(500), ct);
        }
    });
    return found;
}

async Task<string?> JobAsync(HttpClient client, string path, TimeSpan timeout)
{
    var clock = Stopwatch.StartNew();
    while (clock.Elapsed < timeout)
    {
        using var response = await client.GetAsync(path);
        if (response.IsSuccessStatusCode)
        {
            var status = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString();
            if (status != "running") return status;
        }
        await Task.Delay(250);
    }
    return "still running";
}

// Agreements registered more than once under one title (each write has a title of its own): doubled writes.
async Task<List<string>> DoubledTitlesAsync()
{
    await using var connection = new NpgsqlConnection(options.Postgres);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(
        "SELECT data->>'title' FROM agreements.mt_events WHERE type = 'agreement_registered' AND data->>'title' LIKE @prefix GROUP BY 1 HAVING count(*) > 1", connection);
    command.Parameters.AddWithValue("prefix", $"Faults {run} %");
    var titles = new List<string>();
    await using var reader = await command.ExecuteReaderAsync();
    while (await reader.ReadAsync()) titles.Add(reader.GetString(0));
    return titles;
}

async Task<int> StreamsTitledAsync(string title)
{
    await using var connection = new NpgsqlConnection(options.Postgres);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand("SELECT count(*) FROM agreements.mt_events WHERE type = 'agreement_registered' AND data->>'title' = @title", connection);
    command.Parameters.AddWithValue("title", title);
    return (int)(long)(await command.ExecuteScalarAsync())!;
}

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

internal sealed record Options(Uri Gateway, int AgreementsPort, int Instances, string Postgres, string RabbitMq, bool Short, string Root, string Region, string Partner)
{
    /// <summary>The PostgreSQL primary has a standby to fail over to (deploy/infra.sh env says so).</summary>
    public bool Standby { get; } = Environment.GetEnvironmentVariable("COOP_PG_STANDBY") == "1";

    /// <summary>How many nodes the broker's cluster has (deploy/infra.sh env says so).</summary>
    public int BrokerNodes { get; } = int.TryParse(Environment.GetEnvironmentVariable("COOP_RABBIT_NODES"), out var nodes) ? nodes : 1;

    public static Options Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return new Options(
            new Uri(Value("--gateway") ?? "http://127.0.0.1:8080"),
            int.Parse(Value("--agreements-port") ?? "5101"),
            int.Parse(Value("--instances") ?? "1"),
            Environment.GetEnvironmentVariable("ConnectionStrings__PostgresAdmin") ?? throw new ArgumentException("ConnectionStrings__PostgresAdmin is required (eval \"$(deploy/infra.sh env)\")."),
            Environment.GetEnvironmentVariable("ConnectionStrings__RabbitMqAdmin") ?? throw new ArgumentException("ConnectionStrings__RabbitMqAdmin is required (eval \"$(deploy/infra.sh env)\")."),
            args.Contains("--short"),
            Path.GetFullPath(Value("--root") ?? "."),
            Value("--region") ?? "BY-VI",
            Value("--partner") ?? "CN-HL");
    }
}
