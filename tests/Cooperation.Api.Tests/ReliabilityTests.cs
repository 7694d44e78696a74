using System.Collections.Concurrent;
using System.Net;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Cooperation.Api.Tests;

/// <summary>Outages of the broker, the database and the service itself; these stop shared processes, so they run one at a time.</summary>
[Collection(nameof(ReliabilityTests))]
[CollectionDefinition(nameof(ReliabilityTests), DisableParallelization = true)]
public class ReliabilityTests(CooperationSystem system)
{
    [Fact]
    public async Task Writes_made_while_the_broker_is_down_are_delivered_once_each_after_it_returns()
    {
        await using var queue = await EventQueue.BindAsync(system.RabbitMq);
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        var ids = new List<Guid>();

        await system.BrokerAsync("stop");
        try
        {
            for (var i = 0; i < 3; i++)
            {
                using var created = await vitebsk.PostAsync("/api/agreements", Api.Twinning(Api.UniqueTitle($"During outage {i}")));
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                ids.Add((await created.JsonAsync()).GetProperty("id").GetGuid());
            }
        }
        finally
        {
            await system.BrokerAsync("start");
        }

        foreach (var id in ids)
        {
            var messages = await queue.ForStreamAsync(id, 2, TimeSpan.FromSeconds(90));
            Assert.Equal(2, messages.Count);
            Assert.Equal(2, messages.Select(m => m.GetProperty("messageId").GetGuid()).Distinct().Count());
        }
    }

    [Fact]
    public async Task Writes_while_PostgreSQL_restarts_answer_503_with_Retry_After_and_every_acknowledged_one_is_kept()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        var answers = new ConcurrentQueue<(HttpStatusCode Status, Guid? Id)>();
        using var stop = new CancellationTokenSource();
        // A write load across the outage: every answer is the record (201) or "retry later" (503), never anything else.
        var load = Enumerable.Range(0, 3).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                using var answer = await vitebsk.PostAsync("/api/agreements", Api.Twinning(Api.UniqueTitle($"Under load {writer}-{i}")));
                answers.Enqueue((answer.StatusCode, answer.StatusCode == HttpStatusCode.Created ? (await answer.JsonAsync()).GetProperty("id").GetGuid() : null));
                await Task.Delay(50);
            }
        })).ToArray();
        var during = Api.Twinning(Api.UniqueTitle("During the database outage"));
        var key = Guid.NewGuid().ToString();
        var refused = new List<HttpResponseMessage>();

        await Until(() => answers.Count(a => a.Status == HttpStatusCode.Created) >= 3);
        await system.PostgresAsync("stop");
        try
        {
            for (var i = 0; i < 3; i++) refused.Add(await vitebsk.PostAsync("/api/agreements", during, idempotencyKey: key));
        }
        finally
        {
            await system.PostgresAsync("start");
        }

        // The same write, retried as the answer asks, is made once the database is back.
        HttpResponseMessage retried;
        var attempts = 0;
        while ((retried = await vitebsk.PostAsync("/api/agreements", during, idempotencyKey: key)).StatusCode == HttpStatusCode.ServiceUnavailable && ++attempts < 60)
        {
            retried.Dispose();
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        var afterRestart = answers.Count;
        await Until(() => answers.Skip(afterRestart).Count(a => a.Status == HttpStatusCode.Created) >= 3);
        await stop.CancelAsync();
        await Task.WhenAll(load);

        foreach (var answer in refused)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
            Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
            Assert.Equal(503, (await answer.JsonAsync()).GetProperty("status").GetInt32());
            Assert.True(answer.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 and <= 30 }, $"Retry-After: {answer.Headers.RetryAfter}");
            answer.Dispose();
        }
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        var id = (await retried.JsonAsync()).GetProperty("id").GetGuid();
        retried.Dispose();
        var history = await vitebsk.GetJsonAsync($"/api/agreements/{id}/history");
        Assert.Equal(["agreement_registered", "agreement_signed"], history.EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToArray());
        Assert.All(answers, a => Assert.Contains(a.Status, new[] { HttpStatusCode.Created, HttpStatusCode.ServiceUnavailable }));
        // Nothing acknowledged is lost: every 201 of the load reads back.
        var acknowledged = answers.Where(a => a.Id is not null).Select(a => a.Id!.Value).ToList();
        Assert.True(acknowledged.Count >= 6);
        foreach (var created in acknowledged)
        {
            using var read = await vitebsk.GetAsync($"/api/agreements/{created}");
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }
    }

    [Fact]
    public async Task When_the_database_drops_every_connection_the_services_answer_every_request_on_fresh_ones()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var admin = await system.ClientAsync("admin", sub: "reliability-admin");
        var agreement = await Audit.AgreementWithEventsAsync(vitebsk);
        // Requests at once, so each service's pool (and the identity provider's) holds several connections, idle once they are answered.
        object Account() => new { userName = $"drop-{Guid.NewGuid():N}"[..20], displayName = "Reliability test auditor", role = "auditor" };
        var warm = Enumerable.Range(0, 18).Select(i => (i % 3) switch
        {
            0 => vitebsk.PostAsync("/api/agreements", Api.Twinning(Api.UniqueTitle($"Warming {i}"))),
            1 => vitebsk.PostAsync("/api/delegations/visits", Api.Visit(Api.UniqueTitle($"Warming {i}"))),
            _ => admin.PostAsync("/api/identity/users", Account()),
        });
        foreach (var answer in await Task.WhenAll(warm))
        {
            Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
            answer.Dispose();
        }

        // As a failover or a restart does: every connection the services hold is gone, though the server answers new ones.
        await using (var connection = await Database.OpenAsync(system.Postgres))
            Assert.True(await Database.ScalarAsync<long>(connection,
                "select count(*) filter (where pg_terminate_backend(pid)) from pg_stat_activity where pid <> pg_backend_pid() and datname = current_database()") > 2);

        var agreements = new List<HttpStatusCode>();
        var delegations = new List<HttpStatusCode>();
        var accounts = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using (var extended = await vitebsk.PostAsync($"/api/agreements/{agreement}/extension", new { validUntil = $"{2030 + i}" }))
                agreements.Add(extended.StatusCode);
            using (var planned = await vitebsk.PostAsync("/api/delegations/visits", Api.Visit(Api.UniqueTitle($"After the drop {i}"))))
                delegations.Add(planned.StatusCode);
            using (var created = await admin.PostAsync("/api/identity/users", Account()))
                accounts.Add(created.StatusCode);
        }
        // Each service's first reads meet dropped connections; they run again on fresh ones, and no request is refused.
        Assert.All(agreements, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.All(delegations, s => Assert.Equal(HttpStatusCode.Created, s));
        Assert.All(accounts, s => Assert.Equal(HttpStatusCode.Created, s));
    }

    [Fact]
    public async Task Events_written_concurrently_are_published_once_each_in_the_order_of_the_log()
    {
        await using var queue = await EventQueue.BindAsync(system.RabbitMq);
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        var ids = new ConcurrentDictionary<Guid, bool>();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async writer =>
        {
            for (var i = 0; i < 10; i++)
            {
                using var created = await vitebsk.PostAsync("/api/agreements", Api.Twinning(Api.UniqueTitle($"In order {writer}-{i}"), signedOn: null));
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                ids[(await created.JsonAsync()).GetProperty("id").GetGuid()] = true;
            }
        }));

        // One registration each, published together in pages: they arrive once each, in the order the log gave them.
        var published = await queue.ReceiveAsync(ids.Count, m => ids.ContainsKey(EventQueue.StreamOf(m)), TimeSpan.FromSeconds(90));
        var sequences = published.Select(m => m.GetProperty("message").GetProperty("metadata").GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(ids.Count, published.Count);
        Assert.Equal(ids.Count, sequences.Distinct().Count());
        Assert.Equal(sequences.Order(), sequences);
    }

    [Fact]
    public async Task An_event_whose_commit_is_held_past_the_stale_threshold_is_published_once_and_in_order()
    {
        await using var queue = await EventQueue.BindAsync(system.RabbitMq);
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        var late = await vitebsk.CreateAsync("/api/agreements", Api.Twinning(Api.UniqueTitle("Committed late"), validUntil: "2020"));
        Assert.Equal(2, (await queue.ForStreamAsync(late, 2)).Count);

        // A session of its own holds the agreement's view row, so the extension's transaction takes its sequence number for
        // the event, then waits at the view's update, uncommitted, while later writes commit after it.
        await using var holder = await Database.OpenAsync(system.Postgres);
        await using var hold = await holder.BeginTransactionAsync();
        Assert.Equal(1, await Database.ScalarAsync<int>(holder, "select 1 from agreements.mt_doc_agreementdetails where id = $1 for update", late));
        var extension = vitebsk.PostAsync($"/api/agreements/{late}/extension", new { validUntil = "2021" });
        await using (var watcher = await Database.OpenAsync(system.Postgres))
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (await Database.ScalarAsync<long>(watcher,
                       "select count(*) from pg_locks where not granted and locktype = 'transactionid'") == 0)
            {
                Assert.True(DateTime.UtcNow < deadline, "The extension never reached the held row.");
                await Task.Delay(100);
            }
        }
        var after = await vitebsk.CreateAsync("/api/agreements", Api.Twinning(Api.UniqueTitle("Committed after")));
        // Longer than the daemon's stale-sequence threshold (3 s), after which a gap used to be skipped for good.
        await Task.Delay(TimeSpan.FromSeconds(6));
        await hold.RollbackAsync();
        using (var extended = await extension) Assert.Equal(HttpStatusCode.OK, extended.StatusCode);

        var published = await queue.ReceiveAsync(5, m => EventQueue.StreamOf(m) == late || EventQueue.StreamOf(m) == after, TimeSpan.FromSeconds(60));
        var sequences = published.Select(m => m.GetProperty("message").GetProperty("metadata").GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(5, published.Count);
        Assert.Equal(sequences.Distinct().Count(), sequences.Count);
        // The held event took its number before the later ones: it is published before them, as the log orders it.
        Assert.Equal(sequences.Order(), sequences);
        var extensionEvent = Assert.Single(published, m => m.GetProperty("message").GetProperty("metadata").GetProperty("eventType").GetString() == "agreement_extended");
        Assert.Equal(late, EventQueue.StreamOf(extensionEvent));
        Assert.True(extensionEvent.GetProperty("message").GetProperty("metadata").GetProperty("sequence").GetInt64()
            < published.Where(m => EventQueue.StreamOf(m) == after).Min(m => m.GetProperty("message").GetProperty("metadata").GetProperty("sequence").GetInt64()));
    }

    [Fact]
    public async Task A_replay_asked_for_while_the_broker_is_down_answers_503_with_Retry_After_and_is_taken_once_it_is_back()
    {
        await using var own = await EventQueue.DeclareAsync(system.RabbitMq);
        using var auditor = await system.ClientAsync("auditor", sub: $"auditor-{Guid.NewGuid():N}");
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        var id = await Audit.AgreementWithEventsAsync(vitebsk);
        var sequences = await Audit.SequencesAsync(vitebsk, id);
        var request = new { queue = own.Name, fromSequence = sequences[0], toSequence = sequences[^1] };

        await system.BrokerAsync("stop");
        HttpResponseMessage refused;
        try
        {
            refused = await auditor.PostAsync("/api/agreements/replays", request);
        }
        finally
        {
            await system.BrokerAsync("start");
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 and <= 30 }, $"Retry-After: {refused.Headers.RetryAfter}");
        refused.Dispose();
        using var accepted = await auditor.PostAsync("/api/agreements/replays", request);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var replay = await Audit.FinishedAsync(auditor, $"/api/agreements/replays/{(await accepted.JsonAsync()).GetProperty("id").GetGuid()}");
        Assert.Equal("completed", replay.GetProperty("status").GetString());
        Assert.Equal(sequences.Length, (await own.ReceiveAsync(sequences.Length)).Count);
    }

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition() && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.True(condition(), "The write load made no progress within 60 s.");
    }

    [Fact]
    public async Task An_event_committed_just_before_the_service_is_killed_is_still_published_once()
    {
        await using var queue = await EventQueue.BindAsync(system.RabbitMq);
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        Guid id;

        // With the broker down the commit cannot have been published when the process dies.
        await system.BrokerAsync("stop");
        try
        {
            using var created = await vitebsk.PostAsync("/api/agreements", Api.Twinning(Api.UniqueTitle("Before the crash")));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            id = (await created.JsonAsync()).GetProperty("id").GetGuid();
            await system.Agreements.KillAsync();
        }
        finally
        {
            await system.BrokerAsync("start");
        }
        await system.Agreements.StartAsync();

        var messages = await queue.ForStreamAsync(id, 2, TimeSpan.FromSeconds(90));
        Assert.Equal(2, messages.Count);
        Assert.Equal(2, messages.Select(m => m.GetProperty("messageId").GetGuid()).Distinct().Count());
    }

    [Fact]
    public async Task A_visit_document_recorded_while_Agreements_is_down_and_delivered_twice_registers_one_agreement_once()
    {
        const string consumerQueue = "register-visit-document";
        await using var queue = await EventQueue.BindAsync(system.RabbitMq);
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var planned = await vitebsk.PostAsync("/api/delegations/visits", Api.Visit(Api.UniqueTitle("While Agreements is down")));
        var visitId = (await planned.JsonAsync()).GetProperty("id").GetGuid();
        Guid agreementId;

        await system.Agreements.KillAsync();
        try
        {
            using var recorded = await vitebsk.PostAsync($"/api/delegations/visits/{visitId}/documents", Api.Document(Api.UniqueTitle("Memorandum")));
            Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
            agreementId = (await recorded.JsonAsync()).GetProperty("documents")[0].GetProperty("agreementId").GetGuid();

            // The same event once more in the consumer's queue, as a redelivery after a lost acknowledgement would leave it.
            var messages = await queue.ForStreamAsync(visitId, 2);
            var document = Assert.Single(messages, m => m.GetProperty("message").GetProperty("metadata").GetProperty("eventType").GetString() == "document_signed");
            await queue.RedeliverAsync(document, consumerQueue);
        }
        finally
        {
            await system.Agreements.StartAsync();
        }

        var agreement = await vitebsk.EventuallyAsync($"/api/agreements/{agreementId}", a => a.GetProperty("visits").GetArrayLength() > 0, TimeSpan.FromSeconds(60));
        await queue.DrainedAsync(consumerQueue, TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(2));  // let a duplicate in flight finish before counting

        var history = await vitebsk.GetJsonAsync($"/api/agreements/{agreementId}/history");
        Assert.Equal(["agreement_registered", "agreement_signed", "visit_linked"], history.EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToArray());
        Assert.Equal(visitId, Assert.Single((await vitebsk.GetJsonAsync($"/api/agreements/{agreementId}")).GetProperty("visits").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal(agreement.GetProperty("title").GetString(), (await vitebsk.GetJsonAsync($"/api/agreements/{agreementId}")).GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_classic_queue_an_earlier_version_declared_becomes_a_quorum_queue_at_start_with_every_message_it_held()
    {
        const string queue = "dashboard-log";
        var sac = new Dictionary<string, object?> { ["x-single-active-consumer"] = true };
        var quorum = new Dictionary<string, object?>(sac) { ["x-queue-type"] = "quorum" };
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var ministry = await system.ClientAsync("ministry");
        // A partner of this test's alone, so that the count is of its own agreements, whatever other tests write meanwhile.
        var partner = DashboardTests.UniquePartner();

        // The dashboard stopped, once it has consumed what it was sent, and its queue as an earlier version left it: classic,
        // bound to its exchange, and holding messages.
        var factory = new ConnectionFactory { Uri = new Uri(system.RabbitMq) };
        await using var connection = await factory.CreateConnectionAsync();
        await using (var probe = await connection.CreateChannelAsync())
            for (var waited = 0; (await probe.QueueDeclarePassiveAsync(queue)).MessageCount > 0 && waited < 600; waited++) await Task.Delay(100);
        await system.Dashboard.KillAsync();
        await using (var channel = await connection.CreateChannelAsync())
        {
            await channel.QueueDeleteAsync(queue);
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, sac);
            await channel.QueueBindAsync(queue, queue, "");
        }
        var ids = new List<Guid>();
        try
        {
            for (var i = 0; i < 5; i++)
            {
                using var created = await vitebsk.PostAsync("/api/agreements",
                    DashboardTests.Agreement(partner, "twinning", "2014-05-20", title: Api.UniqueTitle($"Held in a classic queue {i}")));
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                ids.Add((await created.JsonAsync()).GetProperty("id").GetGuid());
            }
            await using var probe = await connection.CreateChannelAsync();
            for (var waited = 0; (await probe.QueueDeclarePassiveAsync(queue)).MessageCount < 10 && waited < 600; waited++) await Task.Delay(100);
            Assert.True((await probe.QueueDeclarePassiveAsync(queue)).MessageCount >= 10, "the classic queue never held the five registrations and signatures");
        }
        finally
        {
            await system.Dashboard.StartAsync();
        }

        // Counted once each, from the messages the classic queue held, by a dashboard now reading a quorum queue.
        var summary = $"/api/dashboard/summary?partner={Uri.EscapeDataString(partner)}";
        await ministry.EventuallyAsync(summary, s => s.GetProperty("agreements").GetProperty("total").GetInt32() >= ids.Count, TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(ids.Count, (await ministry.GetJsonAsync(summary)).GetProperty("agreements").GetProperty("total").GetInt32());
        await using (var channel = await connection.CreateChannelAsync())
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, quorum);
        var classic = await Assert.ThrowsAsync<OperationInterruptedException>(async () =>
        {
            await using var channel = await connection.CreateChannelAsync();
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, sac);
        });
        Assert.Equal((ushort)406, classic.ShutdownReason?.ReplyCode);
        var gone = await Assert.ThrowsAsync<OperationInterruptedException>(async () =>
        {
            await using var channel = await connection.CreateChannelAsync();
            await channel.QueueDeclarePassiveAsync($"{queue}_migrating");
        });
        Assert.Equal((ushort)404, gone.ShutdownReason?.ReplyCode);
    }
}
