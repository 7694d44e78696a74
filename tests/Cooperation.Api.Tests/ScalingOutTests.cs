using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace Cooperation.Api.Tests;

/// <summary>
/// Two instances of a service, as COOP_INSTANCES=2 runs them, one of them killed: the leader under a write load or during a
/// replay, the dashboard's active consumer. They kill shared processes, so they run alone; their writes name regions no other
/// test uses.
/// </summary>
[Collection(nameof(ScalingOutTests))]
[CollectionDefinition(nameof(ScalingOutTests), DisableParallelization = true)]
public class ScalingOutTests(CooperationSystem system)
{
    private const string Region = "RU-AMU";
    private const string Partner = "CN-JL";

    [Fact]
    public async Task Killing_the_leader_under_writes_loses_no_acknowledged_write_doubles_none_and_the_standby_publishes()
    {
        await using var second = system.Instance("agreements", 2);
        await second.StartAsync();
        await using var gateway = system.GatewayOver("agreements", system.Agreements, second);
        await gateway.StartAsync();
        await using var queue = await EventQueue.BindAsync(system.RabbitMq);
        using var clerk = await system.ClientAsync("committee", Region, "amur-clerk", at: gateway.Address);
        ServiceProcess[] instances = [system.Agreements, second];
        var leader = await LeaderAsync(instances, TimeSpan.FromSeconds(30));
        var standby = instances.Single(i => i != leader);

        // A partner and a title of this test's alone, so that the counts below are of its own writes, whatever other tests (or
        // the demo data, which has agreements of Amur Oblast too) write meanwhile.
        using var ministry = await system.ClientAsync("ministry");
        var partner = DashboardTests.UniquePartner();
        var marker = Api.UniqueTitle("Failover");

        // Four clients, each write with an Idempotency-Key of its own and retried with it until acknowledged, as a careful client does.
        var acknowledged = new ConcurrentDictionary<string, Guid>();
        var refusals = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 4).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 400 && !stop.IsCancellationRequested; i++)
            {
                var key = $"failover-{writer}-{i}-{Guid.NewGuid():N}";
                var body = DashboardTests.Agreement(partner, "cooperation", signedOn: null, Region, $"{marker} {key}");
                for (var attempt = 0; attempt < 100 && !acknowledged.ContainsKey(key); attempt++)
                {
                    try
                    {
                        using var response = await clerk.PostAsync("/api/agreements", body, idempotencyKey: key);
                        if (response.StatusCode == HttpStatusCode.Created) acknowledged[key] = (await response.JsonAsync()).GetProperty("id").GetGuid();
                        else refusals.Add(((int)response.StatusCode).ToString());
                    }
                    catch (HttpRequestException e) { refusals.Add(e.Message); }
                    if (!acknowledged.ContainsKey(key)) await Task.Delay(100);
                }
            }
        })).ToArray();

        // The leader dies under load: once the writers have had some writes acknowledged, however slow the machine.
        for (var waited = 0; acknowledged.Count < 20 && waited < 600; waited++) await Task.Delay(100);
        var beforeKill = acknowledged.Count;
        await leader.KillAsync();
        try
        {
            Assert.Same(standby, await LeaderAsync([standby], TimeSpan.FromSeconds(30)));
            var atTakeover = acknowledged.Count;
            await Task.Delay(TimeSpan.FromSeconds(4));  // the standby alone takes the writes now
            stop.Cancel();
            await Task.WhenAll(writers);
            Assert.True(beforeKill > 0 && acknowledged.Count > atTakeover, $"writes before the kill: {beforeKill}, at the takeover: {atTakeover}, in all: {acknowledged.Count}");

            // Stored: every acknowledged write reads back, and no write was stored twice.
            foreach (var id in acknowledged.Values) await ReadAsync(clerk, $"/api/agreements/{id}");
            var listed = await ReadAsync(clerk, $"/api/agreements?region={Region}&q={Uri.EscapeDataString(marker)}&pageSize=1");
            Assert.Equal(acknowledged.Count, listed.GetProperty("total").GetInt64());

            // Published: each reached cooperation.events at least once, those written after the kill through the new leader.
            var messages = await queue.ReceiveAsync(acknowledged.Count, m => Registered(m, marker), TimeSpan.FromSeconds(120));
            var published = messages.Select(EventQueue.StreamOf).ToHashSet();
            Assert.DoesNotContain(acknowledged.Values, id => !published.Contains(id));

            // Consumed: the dashboard counts each once, however often it was delivered.
            await ministry.EventuallyAsync($"/api/dashboard/summary?partner={Uri.EscapeDataString(partner)}",
                s => s.GetProperty("agreements").GetProperty("total").GetInt32() >= acknowledged.Count, TimeSpan.FromSeconds(60));
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.Equal(acknowledged.Count, await DashboardCountAsync(ministry, partner));

            // Refused: only what reached the dead instance, as 503 (or a connection the gateway could not make), never a 500.
            Assert.DoesNotContain(refusals, r => r.StartsWith('5') && r != "503");
        }
        finally
        {
            if (leader == system.Agreements) await system.Agreements.StartAsync();
        }
    }

    [Fact]
    public async Task A_replay_requested_just_before_the_leader_dies_completes_on_the_new_leader()
    {
        await using var second = system.Instance("agreements", 2);
        await second.StartAsync();
        await using var gateway = system.GatewayOver("agreements", system.Agreements, second);
        await gateway.StartAsync();
        await using var own = await EventQueue.DeclareAsync(system.RabbitMq);
        using var clerk = await system.ClientAsync("committee", "BY-VI", "replay-clerk", at: gateway.Address);
        using var auditor = await system.ClientAsync("auditor", sub: "replay-auditor", at: gateway.Address);
        ServiceProcess[] instances = [system.Agreements, second];
        var leader = await LeaderAsync(instances, TimeSpan.FromSeconds(30));
        var standby = instances.Single(i => i != leader);

        // A range long enough that the replay is likely still under way when its leader dies: up to 500 events before a new record's.
        var id = await Audit.AgreementWithEventsAsync(clerk, extensions: 2);
        var last = (await Audit.SequencesAsync(clerk, id))[^1];
        var from = Math.Max(1, last - 500);
        var range = (await auditor.GetJsonAsync($"/api/agreements/events?after={from - 1}&to={last}&limit=1000"))
            .GetProperty("items").EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()).ToArray();

        using var started = await auditor.PostAsync("/api/agreements/replays", new { queue = own.Name, fromSequence = from, toSequence = last });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var replayId = (await started.JsonAsync()).GetProperty("id").GetGuid();
        await leader.KillAsync();
        try
        {
            Assert.Same(standby, await LeaderAsync([standby], TimeSpan.FromSeconds(30)));
            var replay = await ReadAsync(auditor, $"/api/agreements/replays/{replayId}", job => job.GetProperty("status").GetString() != "running");
            Assert.Equal("completed", replay.GetProperty("status").GetString());

            // Every event of the range reached the auditor's queue, in order; a page the dead leader had sent may come again.
            var received = (await own.ReceiveAsync(range.Length)).Select(m => m.GetProperty("headers").GetProperty("cooperation-sequence").GetInt64()).ToList();
            Assert.Equal(range, received.Distinct().Order().ToArray());
            Assert.Equal(range, received.Distinct().ToArray());
        }
        finally
        {
            if (leader == system.Agreements) await system.Agreements.StartAsync();
        }
    }

    [Fact]
    public async Task Killing_the_active_dashboard_consumer_leaves_the_feed_of_another_instance_going()
    {
        await using var second = system.Instance("dashboard", 2);
        await second.StartAsync();
        await using var feed = await FeedStream.OpenAsync(system, at: second.Address);
        using var clerk = await system.ClientAsync("committee", "RU-YEV", "birobidzhan-clerk");
        object Body(string what) => new { kind = "cooperation", title = Api.UniqueTitle(what), parties = new object[] { new { code = "RU-YEV" }, new { code = Partner } }, spheres = new[] { "culture" } };

        // Recorded by the suite's dashboard, the active consumer, and heard of by the second instance's feed.
        var before = await clerk.CreateAsync("/api/agreements", Body("Before the dashboard dies"));
        await feed.WaitForStreamAsync(before, "AgreementRegistered");

        await system.Dashboard.KillAsync();
        try
        {
            // The broker hands the queue to the second instance, which records the next event and feeds it.
            var after = await clerk.CreateAsync("/api/agreements", Body("After the dashboard died"));
            await feed.WaitForStreamAsync(after, "AgreementRegistered");
            Assert.Single(feed.Events, e => FeedStream.StreamOf(e.Data) == after);
        }
        finally
        {
            await system.Dashboard.StartAsync();
        }
    }

    private static async Task<int> DashboardCountAsync(HttpClient ministry, string partner) =>
        (await ministry.GetJsonAsync($"/api/dashboard/summary?partner={Uri.EscapeDataString(partner)}")).GetProperty("agreements").GetProperty("total").GetInt32();

    /// <summary>
    /// Reads through the gateway as a client does while an instance has just died: a 503 (the request went to the dead one
    /// before the gateway took it out) is asked again; anything else but the answer fails. Optionally until a condition holds.
    /// </summary>
    private static async Task<JsonElement> ReadAsync(HttpClient client, string path, Func<JsonElement, bool>? until = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            using (var response = await client.GetAsync(path))
            {
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var body = await response.JsonAsync();
                    if (until is null || until(body)) return body;
                }
                else Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"GET {path} did not answer as expected within 90 s.");
            await Task.Delay(200);
        }
    }

    private static bool Registered(JsonElement message, string marker)
    {
        var body = message.GetProperty("message");
        return body.GetProperty("metadata").GetProperty("eventType").GetString() == "agreement_registered"
            && body.TryGetProperty("title", out var title) && title.GetString()!.StartsWith(marker, StringComparison.Ordinal);
    }

    /// <summary>The one instance whose readiness says it leads, once exactly one does.</summary>
    private static async Task<ServiceProcess> LeaderAsync(IReadOnlyList<ServiceProcess> instances, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var leading = new List<ServiceProcess>();
            foreach (var instance in instances)
            {
                try
                {
                    var health = JsonDocument.Parse(await http.GetStringAsync(new Uri(instance.Address, "/health/ready"))).RootElement;
                    if (health.GetProperty("checks").GetProperty("leadership").GetProperty("data").GetProperty("leader").GetBoolean()) leading.Add(instance);
                }
                catch (HttpRequestException) { }
                catch (TaskCanceledException) { }
            }
            if (leading.Count == 1) return leading[0];
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{leading.Count} of {instances.Count} instances lead after {timeout}.");
            await Task.Delay(250);
        }
    }
}
