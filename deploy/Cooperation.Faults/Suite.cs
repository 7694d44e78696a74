using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Cooperation.Load;

namespace Cooperation.Faults;

/// <summary>
/// What every fault shares: the options and the form (full or short), the run's clients, the independent consumer of
/// cooperation.events and the dashboard's feed (both read for the whole run), the write load, deploy/infra.sh, the store
/// read behind the services' back, the agreements instances, and the rows of the faults run so far.
/// </summary>
internal sealed class Suite : IAsyncDisposable
{
    private readonly CancellationTokenSource stopFeed = new();
    private Task feedTask = Task.CompletedTask;

    public required Options Options { get; init; }
    public required Stopwatch Clock { get; init; }
    /// <summary>Names this run's writes, keys and queues, so that they tell apart from any other run's.</summary>
    public required string Run { get; init; }
    public required HttpClient Committee { get; init; }
    public required HttpClient Ministry { get; init; }
    public required EventTap Tap { get; init; }
    public required Feed Feed { get; init; }
    public required Writer Writer { get; init; }
    public required Infra Infra { get; init; }
    public required Store Store { get; init; }
    public required Uri[] Instances { get; init; }
    public List<Result> Results { get; } = [];

    public bool Full => !Options.Short;

    public TimeSpan Seconds(double fullForm, double shortForm) => TimeSpan.FromSeconds(Full ? fullForm : shortForm);

    public void Log(string line) => Console.Error.WriteLine($"faults: [{Clock.Elapsed.TotalSeconds,5:F0} s] {line}");

    /// <summary>Waits for the system (bounded), then starts reading cooperation.events and the dashboard's feed.</summary>
    public static async Task<Suite> StartAsync(Options options)
    {
        var clock = Stopwatch.StartNew();
        var run = DateTime.UtcNow.ToString("yyyyMMddHHmmss");
        // A run just started answers once its gateway and services are up (bounded).
        using (var probe = new HttpClient { BaseAddress = options.Gateway, Timeout = TimeSpan.FromSeconds(5) })
            for (var waited = Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromMinutes(3); await Task.Delay(500))
                try
                {
                    using var ready = await probe.GetAsync("/health/ready");
                    if (ready.IsSuccessStatusCode) break;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }

        var committee = await Gateway.ClientAsync(options.Gateway, "committee", options.Region, "faults-committee");
        var ministry = await Gateway.ClientAsync(options.Gateway, "ministry", null, "faults-ministry", TimeSpan.FromMinutes(10));
        var tap = await EventTap.StartAsync(options.RabbitMq, "cooperation-faults", $"faults-{run}");
        for (var waited = Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromMinutes(3); await Task.Delay(500))
        {
            using var summary = await ministry.GetAsync("/api/dashboard/summary");
            if (summary.IsSuccessStatusCode) break;
        }
        var suite = new Suite
        {
            Options = options, Clock = clock, Run = run, Committee = committee, Ministry = ministry, Tap = tap, Feed = new Feed(ministry),
            Writer = new Writer(committee, run, options.Region, options.Partner, TimeSpan.FromSeconds(options.Short ? 0.2 : 0.1)),
            Infra = new Infra(options.Root),
            Store = new Store(options.Postgres),
            Instances = Enumerable.Range(1, options.Instances).Select(i => new Uri($"http://127.0.0.1:{options.AgreementsPort + 10 * (i - 1)}/")).ToArray(),
        };
        suite.feedTask = await suite.Feed.StartAsync(suite.stopFeed.Token);
        return suite;
    }

    public async Task StopFeedAsync()
    {
        await stopFeed.CancelAsync();
        await feedTask;
    }

    /// <summary>Every agreements instance ready (bounded): each fault starts from a whole system, so that one fault's recovery is not the next one's.</summary>
    public async Task ReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        foreach (var instance in Instances)
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

    /// <summary>The agreements instance whose health says it leads, if one answers so.</summary>
    public async Task<Uri?> LeaderAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        foreach (var instance in Instances)
            try
            {
                var ready = await http.GetFromJsonAsync<JsonElement>(new Uri(instance, "/health/ready"));
                if (ready.GetProperty("checks").GetProperty("leadership").GetProperty("data").GetProperty("leader").GetBoolean()) return instance;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException) { }
        return null;
    }

    /// <summary>A rebuild's or a replay's job polled until it is no longer running (bounded): its final status.</summary>
    public static async Task<string?> JobAsync(HttpClient client, string path, TimeSpan timeout)
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

    public async ValueTask DisposeAsync()
    {
        stopFeed.Dispose();
        await Store.DisposeAsync();
        await Tap.DisposeAsync();
        Ministry.Dispose();
        Committee.Dispose();
    }
}
