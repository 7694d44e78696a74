using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using RabbitMQ.Client;
using static Cooperation.Api.Tests.Database;

namespace Cooperation.Api.Tests;

public class AuditTests(CooperationSystem system)
{
    [Fact]
    public async Task The_log_lists_events_in_global_order_with_their_metadata_and_pages_by_sequence()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI", "vitebsk-clerk");
        using var auditor = await system.ClientAsync("auditor", sub: "auditor-1");
        vitebsk.DefaultRequestHeaders.Add("X-Correlation-Id", "audit-log-test");
        var first = await Audit.AgreementWithEventsAsync(vitebsk);
        var second = await Audit.AgreementWithEventsAsync(vitebsk);
        var sequences = (await Audit.SequencesAsync(vitebsk, first)).Concat(await Audit.SequencesAsync(vitebsk, second)).ToArray();
        var history = await vitebsk.GetJsonAsync($"/api/agreements/{first}/history");

        var page1 = await auditor.GetJsonAsync($"/api/agreements/events?after={sequences[0] - 1}&limit=4");
        var page2 = await auditor.GetJsonAsync($"/api/agreements/events?after={page1.GetProperty("next").GetInt64()}&limit=4");

        var items = page1.GetProperty("items").EnumerateArray().Concat(page2.GetProperty("items").EnumerateArray()).ToList();
        var read = items.Select(e => e.GetProperty("sequence").GetInt64()).ToArray();
        Assert.Equal(read.Order().ToArray(), read);
        Assert.Equal(read.Length, read.Distinct().Count());
        Assert.Equal(4, page1.GetProperty("items").GetArrayLength());
        Assert.Equal(read[3], page1.GetProperty("next").GetInt64());
        Assert.Equal(sequences[0], read[0]);
        // Ours appear in their order among whatever other writers appended meanwhile.
        Assert.Equal(sequences, read.Where(sequences.Contains).ToArray());

        var registered = items[0];
        Assert.Equal("agreement_registered", registered.GetProperty("type").GetString());
        Assert.Equal(first, registered.GetProperty("streamId").GetGuid());
        Assert.Equal(1, registered.GetProperty("version").GetInt64());
        Assert.Equal("vitebsk-clerk", registered.GetProperty("actor").GetProperty("sub").GetString());
        Assert.Equal("BY-VI", registered.GetProperty("actor").GetProperty("region").GetString());
        Assert.Equal("audit-log-test", registered.GetProperty("correlationId").GetString());
        Assert.True(registered.TryGetProperty("recordedAt", out _));
        Assert.Equal(first, registered.GetProperty("data").GetProperty("agreementId").GetGuid());
        var hash = registered.GetProperty("hash").GetString();
        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.Equal(hash, history[0].GetProperty("hash").GetString());
        Assert.NotEqual(hash, history[1].GetProperty("hash").GetString());
    }

    [Fact]
    public async Task An_ndjson_export_streams_the_whole_range_one_event_a_line()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var ministry = await system.ClientAsync("ministry", sub: "ministry-1");
        var id = await Audit.AgreementWithEventsAsync(vitebsk, extensions: 3);
        var sequences = await Audit.SequencesAsync(vitebsk, id);
        var (after, to) = (sequences[0] - 1, sequences[^1]);
        var expected = (await ministry.GetJsonAsync($"/api/agreements/events?after={after}&to={to}&limit=1000"))
            .GetProperty("items").EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()).ToArray();

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/agreements/events?after={after}&to={to}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/x-ndjson"));
        using var response = await ministry.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var events = lines.Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(expected, events.Select(e => e.GetProperty("sequence").GetInt64()).ToArray());
        Assert.Equal(sequences, events.Where(e => e.GetProperty("streamId").GetGuid() == id).Select(e => e.GetProperty("sequence").GetInt64()).ToArray());
        Assert.All(events, e => Assert.Matches("^[0-9a-f]{64}$", e.GetProperty("hash").GetString()));
    }

    [Theory]
    [InlineData("/api/agreements/events?after=-1", "after")]
    [InlineData("/api/agreements/events?limit=0", "limit")]
    [InlineData("/api/agreements/events?limit=5000", "limit")]
    [InlineData("/api/agreements/events?after=10&to=5", "to")]
    public async Task Bad_log_arguments_are_refused_with_422_naming_the_field(string path, string field)
    {
        using var auditor = await system.ClientAsync("auditor", sub: "auditor-1");
        using var response = await auditor.GetAsync(path);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(field, (await response.JsonAsync()).ErrorFields());
    }

    [Fact]
    public async Task Committees_cannot_read_the_log_or_replay_or_rebuild()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var ministry = await system.ClientAsync("ministry", sub: "ministry-1");
        using var auditor = await system.ClientAsync("auditor", sub: "auditor-1");
        using var log = await vitebsk.GetAsync("/api/agreements/events");
        using var replay = await ministry.PostAsync("/api/agreements/replays", new { queue = "anything" });
        using var rebuild = await auditor.PostAsync("/api/agreements/rebuilds", new { });
        Assert.Equal(HttpStatusCode.Forbidden, log.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, replay.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, rebuild.StatusCode);
    }

    [Fact]
    public async Task A_replay_puts_the_range_complete_and_in_order_into_the_auditors_queue_and_nowhere_else()
    {
        await using var live = await EventQueue.BindAsync(system.RabbitMq);
        await using var own = await EventQueue.DeclareAsync(system.RabbitMq);
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var auditor = await system.ClientAsync("auditor", sub: "auditor-1");
        var id = await Audit.AgreementWithEventsAsync(vitebsk, extensions: 2);
        var sequences = await Audit.SequencesAsync(vitebsk, id);
        var range = (await auditor.GetJsonAsync($"/api/agreements/events?after={sequences[0] - 1}&to={sequences[^1]}&limit=1000"))
            .GetProperty("items").EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()).ToArray();
        await live.ForStreamAsync(id, 4);

        using var started = await auditor.PostAsync("/api/agreements/replays", new { queue = own.Name, fromSequence = sequences[0], toSequence = sequences[^1] });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var replayId = (await started.JsonAsync()).GetProperty("id").GetGuid();
        Assert.Equal($"/api/agreements/replays/{replayId}", started.Headers.Location?.ToString());
        var replay = await Audit.FinishedAsync(auditor, $"/api/agreements/replays/{replayId}");

        Assert.Equal("completed", replay.GetProperty("status").GetString());
        Assert.Equal(range.Length, replay.GetProperty("published").GetInt64());
        var received = await own.ReceiveAsync(range.Length);
        Assert.Equal(range, received.Select(m => m.GetProperty("headers").GetProperty("cooperation-sequence").GetInt64()).ToArray());
        Assert.All(received, m => Assert.Equal(replayId.ToString(), m.GetProperty("headers").GetProperty("cooperation-replay").GetString()));
        Assert.All(received, m => Assert.Equal(m.GetProperty("messageId").GetGuid(), m.GetProperty("message").GetProperty("metadata").GetProperty("eventId").GetGuid()));
        Assert.Contains("urn:message:Cooperation.Contracts.Agreements:AgreementExtended",
            received.SelectMany(m => m.GetProperty("messageType").EnumerateArray().Select(t => t.GetString())));

        // The live exchange carried each of the record's events once, and no replay.
        var liveMessages = await live.ForStreamAsync(id, 4);
        Assert.Equal(4, liveMessages.Count);
        Assert.All(liveMessages, m => Assert.False(m.GetProperty("headers").TryGetProperty("cooperation-replay", out _)));
    }

    [Theory]
    [InlineData("""{"fromSequence":1}""", "queue")]
    [InlineData("""{"queue":"amq.direct"}""", "queue")]
    [InlineData("""{"queue":"cooperation.events"}""", "queue")]
    [InlineData("""{"queue":"has spaces"}""", "queue")]
    [InlineData("""{"queue":"audit-2026"}""", "queue")]
    [InlineData("""{"queue":"replay."}""", "queue")]
    [InlineData("""{"queue":"replay.q","fromSequence":0}""", "fromSequence")]
    [InlineData("""{"queue":"replay.q","fromSequence":5,"toSequence":4}""", "toSequence")]
    [InlineData("""{"queue":"replay.q","fromSequence":999999999}""", "fromSequence")]
    [InlineData("""{"queue":"replay.q","fromSequence":1,"toSequence":100001}""", "toSequence")]
    public async Task Bad_replay_requests_are_refused_with_422_naming_the_field(string body, string field)
    {
        using var auditor = await system.ClientAsync("auditor", sub: "auditor-1");
        using var response = await auditor.PostJsonAsync("/api/agreements/replays", body);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(field, (await response.JsonAsync()).ErrorFields());
    }

    [Fact]
    public async Task A_replay_into_a_queue_that_exists_with_other_settings_is_refused_at_once_naming_the_queue_and_what_differs()
    {
        using var auditor = await system.ClientAsync("auditor", sub: $"auditor-{Guid.NewGuid():N}");
        await using var connection = await new ConnectionFactory { Uri = new Uri(system.RabbitMq) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var transient = $"replay.tests-{Guid.NewGuid():N}";
        var exclusive = $"replay.tests-{Guid.NewGuid():N}";
        var limited = $"replay.tests-{Guid.NewGuid():N}";
        await channel.QueueDeclareAsync(transient, durable: false, exclusive: false, autoDelete: false);
        await channel.QueueDeclareAsync(exclusive, durable: true, exclusive: true, autoDelete: false);
        await channel.QueueDeclareAsync(limited, durable: true, exclusive: false, autoDelete: false, arguments: new Dictionary<string, object?> { ["x-max-length"] = 10 });
        try
        {
            foreach (var (queue, differs) in new[] { (transient, "durable"), (exclusive, "exclusive"), (limited, "x-max-length") })
            {
                using var refused = await auditor.PostAsync("/api/agreements/replays", new { queue });
                Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
                var problem = await refused.JsonAsync();
                Assert.Equal(["queue"], problem.ErrorFields());
                Assert.Contains(differs, problem.GetProperty("errors").GetProperty("queue")[0].GetString());
            }
            // Asking changed nothing: each queue is still there as it was declared.
            await channel.QueueDeclarePassiveAsync(transient);
            await channel.QueueDeclarePassiveAsync(limited);
            await channel.QueueDeclareAsync(transient, durable: false, exclusive: false, autoDelete: false);
            await channel.QueueDeclareAsync(limited, durable: true, exclusive: false, autoDelete: false, arguments: new Dictionary<string, object?> { ["x-max-length"] = 10 });
        }
        finally
        {
            await channel.QueueDeleteAsync(transient);
            await channel.QueueDeleteAsync(limited);
        }
    }

    [Fact]
    public async Task A_running_replay_whose_queue_has_changed_since_it_was_asked_for_fails_at_once_saying_what_differs()
    {
        using var auditor = await system.ClientAsync("auditor", sub: $"auditor-{Guid.NewGuid():N}");
        await using var connection = await new ConnectionFactory { Uri = new Uri(system.RabbitMq) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var queue = $"replay.tests-{Guid.NewGuid():N}";
        await channel.QueueDeclareAsync(queue, durable: false, exclusive: false, autoDelete: false);
        // A replay accepted and left running (by a leader that has since gone), whose queue was then declared anew, not durable.
        var id = Guid.CreateVersion7();
        await using (var db = await Database.OpenAsync(system.Postgres))
            await Database.ExecuteAsync(db,
                "insert into agreements.mt_doc_replay (id, data, mt_dotnet_type) values ($1, jsonb_build_object('id', $1::text, 'queue', $2::text, " +
                "'fromSequence', 1, 'toSequence', 1, 'status', 'Running', 'published', 0, 'lastSequence', 0, 'requestedBy', 'auditor-1', " +
                "'requestedAt', now()), 'Cooperation.Audit.Replay')", id, queue);
        try
        {
            var failed = await Audit.FinishedAsync(auditor, $"/api/agreements/replays/{id}");
            Assert.Equal("failed", failed.GetProperty("status").GetString());
            Assert.Contains(queue, failed.GetProperty("error").GetString());
            Assert.Contains("durable", failed.GetProperty("error").GetString());
            Assert.Equal(0u, (await channel.QueueDeclarePassiveAsync(queue)).MessageCount);
        }
        finally
        {
            await channel.QueueDeleteAsync(queue);
        }
    }

    [Fact]
    public async Task An_auditor_has_at_most_two_replays_running_and_one_that_cannot_deliver_holds_up_no_other()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var auditor = await system.ClientAsync("auditor", sub: $"auditor-{Guid.NewGuid():N}");
        using var another = await system.ClientAsync("auditor", sub: $"auditor-{Guid.NewGuid():N}");
        // The events of one registration, stored together: no other test's event falls between them in the replayed range.
        var id = await Audit.AgreementWithEventsAsync(vitebsk, extensions: 0);
        var sequences = await Audit.SequencesAsync(vitebsk, id);
        var range = new { fromSequence = sequences[0], toSequence = sequences[^1] };
        await using var own = await EventQueue.DeclareAsync(system.RabbitMq);
        await using var other = await EventQueue.DeclareAsync(system.RabbitMq);
        // A queue as replays need it, whose exchange also feeds a queue that refuses everything: every send is refused until that one goes.
        await using var connection = await new ConnectionFactory { Uri = new Uri(system.RabbitMq) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var refusing = $"tests-{Guid.NewGuid():N}";
        await channel.ExchangeDeclareAsync(own.Name, ExchangeType.Fanout, durable: true, autoDelete: false);
        await channel.QueueBindAsync(own.Name, own.Name, "");
        await channel.QueueDeclareAsync(refusing, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-max-length"] = 0, ["x-overflow"] = "reject-publish" });
        await channel.QueueBindAsync(refusing, own.Name, "");
        var stuck = new List<Guid>();
        try
        {
            for (var i = 0; i < 2; i++)
            {
                using var started = await auditor.PostAsync("/api/agreements/replays", new { queue = own.Name, range.fromSequence, range.toSequence });
                Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
                stuck.Add((await started.JsonAsync()).GetProperty("id").GetGuid());
            }
            using var third = await auditor.PostAsync("/api/agreements/replays", new { queue = other.Name, range.fromSequence, range.toSequence });
            Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
            Assert.Equal("application/problem+json", third.Content.Headers.ContentType?.MediaType);

            // Another auditor's replay runs beside the two that cannot deliver, and completes.
            using var beside = await another.PostAsync("/api/agreements/replays", new { queue = other.Name, range.fromSequence, range.toSequence });
            Assert.Equal(HttpStatusCode.Accepted, beside.StatusCode);
            var done = await Audit.FinishedAsync(another, $"/api/agreements/replays/{(await beside.JsonAsync()).GetProperty("id").GetGuid()}");
            Assert.Equal("completed", done.GetProperty("status").GetString());
            Assert.Equal(sequences.Length, (await other.ReceiveAsync(sequences.Length)).Count);
            foreach (var replay in stuck)
                Assert.Equal("running", (await auditor.GetJsonAsync($"/api/agreements/replays/{replay}")).GetProperty("status").GetString());
        }
        finally
        {
            await channel.QueueDeleteAsync(refusing);
        }

        // Once the queue takes messages, both complete, and the auditor may start another.
        foreach (var replay in stuck)
        {
            var finished = await Audit.FinishedAsync(auditor, $"/api/agreements/replays/{replay}");
            Assert.Equal("completed", finished.GetProperty("status").GetString());
            Assert.Equal(sequences.Length, finished.GetProperty("published").GetInt64());
        }
        using var next = await auditor.PostAsync("/api/agreements/replays", new { queue = other.Name, range.fromSequence, range.toSequence });
        Assert.Equal(HttpStatusCode.Accepted, next.StatusCode);
        Assert.Equal("completed", (await Audit.FinishedAsync(auditor, $"/api/agreements/replays/{(await next.JsonAsync()).GetProperty("id").GetGuid()}"))
            .GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ten_rebuilds_of_a_projection_requested_at_once_are_one_rebuild()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var admin = await system.ClientAsync("admin", sub: "admin-1");
        var id = await Audit.AgreementWithEventsAsync(vitebsk);
        const string projection = "AgreementDetails";

        // Holding the row lock of one stream keeps the rebuild from finishing (it replaces each stream's view under that lock).
        await using var connection = await OpenAsync(system.Postgres);
        var hold = await connection.BeginTransactionAsync();
        await ExecuteAsync(connection, "select version from agreements.mt_streams where id = $1 for update", id);
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
        {
            using var answer = await admin.PostAsync("/api/agreements/rebuilds", new { projection });
            return (answer.StatusCode, Id: (await answer.JsonAsync()).GetProperty("id").GetGuid());
        }));
        await hold.RollbackAsync();

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Accepted);
        Assert.Equal(9, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        var rebuild = Assert.Single(answers.Select(a => a.Id).Distinct());
        var finished = await Audit.FinishedAsync(admin, $"/api/agreements/rebuilds/{rebuild}");
        Assert.Equal("completed", finished.GetProperty("status").GetString());

        // Once it has finished, a new request starts a new rebuild.
        using var again = await admin.PostAsync("/api/agreements/rebuilds", new { projection });
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        var next = (await again.JsonAsync()).GetProperty("id").GetGuid();
        Assert.NotEqual(rebuild, next);
        Assert.Equal("completed", (await Audit.FinishedAsync(admin, $"/api/agreements/rebuilds/{next}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_rebuild_gives_the_same_read_model_as_before_and_repairs_a_damaged_one()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var admin = await system.ClientAsync("admin", sub: "admin-1");
        var id = await Audit.AgreementWithEventsAsync(vitebsk, extensions: 2);
        var untouched = await Audit.AgreementWithEventsAsync(vitebsk);
        var before = (await vitebsk.GetJsonAsync($"/api/agreements/{id}")).GetRawText();
        var untouchedBefore = (await vitebsk.GetJsonAsync($"/api/agreements/{untouched}")).GetRawText();

        // Damage one read model behind the service's back; the events stay as they were.
        await using (var connection = await Database.OpenAsync(system.Postgres))
            Assert.Equal(1, await Database.ExecuteAsync(connection,
                """update agreements.mt_doc_agreementdetails set data = jsonb_set(data, '{title}', '"damaged"') where id = $1""", id));
        Assert.Equal("damaged", (await vitebsk.GetJsonAsync($"/api/agreements/{id}")).GetProperty("title").GetString());

        using var started = await admin.PostAsync("/api/agreements/rebuilds", new { });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var rebuildId = (await started.JsonAsync()).GetProperty("id").GetGuid();
        // The service keeps answering while it rebuilds.
        using var during = await vitebsk.GetAsync($"/api/agreements/{untouched}");
        Assert.Equal(HttpStatusCode.OK, during.StatusCode);
        var rebuild = await Audit.FinishedAsync(admin, $"/api/agreements/rebuilds/{rebuildId}");

        Assert.Equal("completed", rebuild.GetProperty("status").GetString());
        Assert.True(rebuild.GetProperty("rebuilt").GetInt64() >= 2);
        Assert.Equal(before, (await vitebsk.GetJsonAsync($"/api/agreements/{id}")).GetRawText());
        Assert.Equal(untouchedBefore, (await vitebsk.GetJsonAsync($"/api/agreements/{untouched}")).GetRawText());
    }

    [Fact]
    public async Task Delegations_have_the_same_log_and_verification_with_nothing_of_their_own()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var auditor = await system.ClientAsync("auditor", sub: "auditor-1");
        var id = await vitebsk.CreateAsync("/api/delegations/visits", Api.Visit(Api.UniqueTitle("Audited visit"), plannedFrom: "2031-05"));
        using var moved = await vitebsk.PostAsync($"/api/delegations/visits/{id}/reschedule", new { plannedFrom = "2031-06", reason = "Forum dates" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var history = await vitebsk.GetJsonAsync($"/api/delegations/visits/{id}/history");
        var first = history[0].GetProperty("sequence").GetInt64();

        var log = await auditor.GetJsonAsync($"/api/delegations/events?after={first - 1}&limit=1000");
        var record = await auditor.GetJsonAsync($"/api/delegations/visits/{id}/verify");
        var whole = await auditor.GetJsonAsync("/api/delegations/events/verify");

        var ours = log.GetProperty("items").EnumerateArray().Where(e => e.GetProperty("streamId").GetGuid() == id).ToArray();
        Assert.Equal(history.EnumerateArray().Select(h => h.GetProperty("hash").GetString()), ours.Select(e => e.GetProperty("hash").GetString()));
        Assert.True(record.GetProperty("intact").GetBoolean(), record.GetRawText());
        Assert.Equal(2, record.GetProperty("checked").GetInt64());
        Assert.True(whole.GetProperty("intact").GetBoolean(), whole.GetRawText());
        using var missing = await auditor.GetAsync($"/api/delegations/visits/{Guid.NewGuid()}/verify");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Trade_reports_and_projects_verify_where_they_are_read_and_rebuild_to_the_same_views()
    {
        using var grodno = await system.ClientAsync("committee", "BY-HR");
        using var minskOblast = await system.ClientAsync("committee", "BY-MI");
        using var auditor = await system.ClientAsync("auditor", sub: "auditor-1");
        using var admin = await system.ClientAsync("admin", sub: "admin-1");
        var y = Api.FreshYear();
        var report = await grodno.CreateAsync("/api/trade/reports", new
        {
            reporter = new { code = "BY-HR" }, partner = new { code = "CN" }, period = new { from = $"{y}-01", to = $"{y}-02" },
            flow = "goods", currency = "USD", unit = "million", exports = 21.1m, imports = 6.2m, balance = 14.9m, growthPercent = 5m,
        });
        using var revised = await grodno.PostAsync($"/api/trade/reports/{report}/revisions", new { imports = 6.4m, balance = 14.7m, reason = "Corrected imports" });
        Assert.Equal(HttpStatusCode.OK, revised.StatusCode);
        var project = await minskOblast.CreateAsync("/api/trade/projects", new
        {
            name = Api.UniqueTitle("Audited sub-park"), region = "Смолевичский район", partners = new object[] { new { name = "Yiwu" } },
            cost = 120m, currency = "USD", status = "proposed",
        });

        var reportVerified = await auditor.GetJsonAsync($"/api/trade/reports/{report}/verify");
        var projectVerified = await auditor.GetJsonAsync($"/api/trade/projects/{project}/verify");
        Assert.True(reportVerified.GetProperty("intact").GetBoolean(), reportVerified.GetRawText());
        Assert.Equal(2, reportVerified.GetProperty("checked").GetInt64());
        Assert.True(projectVerified.GetProperty("intact").GetBoolean(), projectVerified.GetRawText());
        Assert.Equal(6.2m, (await auditor.GetJsonAsync($"/api/trade/reports/{report}?version=1")).GetProperty("imports").GetDecimal());

        var reportBefore = (await auditor.GetJsonAsync($"/api/trade/reports/{report}")).GetRawText();
        var projectBefore = (await auditor.GetJsonAsync($"/api/trade/projects/{project}")).GetRawText();
        using var started = await admin.PostAsync("/api/trade/rebuilds", new { });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var rebuild = await Audit.FinishedAsync(admin, $"/api/trade/rebuilds/{(await started.JsonAsync()).GetProperty("id").GetGuid()}");

        Assert.Equal("completed", rebuild.GetProperty("status").GetString());
        Assert.Equal(reportBefore, (await auditor.GetJsonAsync($"/api/trade/reports/{report}")).GetRawText());
        Assert.Equal(projectBefore, (await auditor.GetJsonAsync($"/api/trade/projects/{project}")).GetRawText());
        // A view is rebuilt only from the streams it belongs to.
        await using var connection = await Database.OpenAsync(system.Postgres);
        Assert.Equal(0L, await Database.ScalarAsync<long>(connection,
            "select (select count(*) from trade.mt_doc_tradereportdetails where id = $1) + (select count(*) from trade.mt_doc_investmentprojectdetails where id = $2)",
            project, report));
    }

    [Fact]
    public async Task Each_services_OpenAPI_document_describes_its_audit_routes()
    {
        using var http = new HttpClient();
        // The dashboard keeps a consumer's log of other services' events, not an event store of its own records; the identity
        // provider keeps its accounts' record in a log of its own (/api/identity/events), with no replays or rebuilds.
        foreach (var (name, service) in system.Services.Where(s => s.Key is not ("dashboard" or "identity")))
        {
            var document = await http.GetStringAsync(new Uri(service.Address, "/openapi/v1.json"));
            Assert.Contains($"/api/{name}/events", document);
            Assert.Contains($"/api/{name}/events/verify", document);
            Assert.Contains($"/api/{name}/replays", document);
            Assert.Contains($"/api/{name}/rebuilds", document);
            Assert.Contains("/{id}/verify", document);
        }
        var delegations = await http.GetStringAsync(new Uri(system.Delegations.Address, "/openapi/v1.json"));
        Assert.Contains("/api/delegations/visits/{id}/verify", delegations);
        var trade = await http.GetStringAsync(new Uri(system.Services["trade"].Address, "/openapi/v1.json"));
        Assert.Contains("/api/trade/reports/{id}/verify", trade);
        Assert.Contains("/api/trade/projects/{id}/verify", trade);
    }

    [Fact]
    public async Task An_unknown_read_model_cannot_be_rebuilt()
    {
        using var admin = await system.ClientAsync("admin", sub: "admin-1");
        using var response = await admin.PostAsync("/api/agreements/rebuilds", new { projection = "nonsense" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("projection", (await response.JsonAsync()).ErrorFields());
    }

    [Fact]
    public async Task A_tombstone_written_by_another_instance_is_a_gap_to_the_audit_not_an_event()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var auditor = await system.ClientAsync("auditor", sub: "auditor-1");
        var before = await Audit.AgreementWithEventsAsync(vitebsk);

        // What Marten in another process leaves for a transaction that failed after taking its sequence number: an event of
        // type tombstone, its version equal to its sequence, in that process's own tombstone stream, whose row stays at 0.
        await using var connection = await OpenAsync(system.Postgres);
        var tombstone = await ScalarAsync<long>(connection, """
            with taken as (select nextval('agreements.mt_events_sequence') as seq, gen_random_uuid() as stream),
                 stream_row as (insert into agreements.mt_streams (id, version) select stream, 0 from taken)
            insert into agreements.mt_events (seq_id, id, stream_id, version, data, type, mt_dotnet_type)
            select seq, gen_random_uuid(), stream, seq, '{}', 'tombstone', 'JasperFx.Events.Tombstone, JasperFx.Events' from taken
            returning seq_id
            """);
        var after = await Audit.AgreementWithEventsAsync(vitebsk);
        var last = (await Audit.SequencesAsync(vitebsk, after))[^1];
        await Audit.SealedAsync(auditor, last);

        var log = await auditor.GetJsonAsync("/api/agreements/events/verify");
        var page = await auditor.GetJsonAsync($"/api/agreements/events?after={tombstone - 1}&limit=1");
        var sealedIn = (await auditor.GetJsonAsync("/api/agreements/events/checkpoints")).EnumerateArray()
            .Single(c => c.GetProperty("fromSequence").GetInt64() <= tombstone && c.GetProperty("toSequence").GetInt64() >= tombstone);

        Assert.True(log.GetProperty("intact").GetBoolean(), log.GetRawText());
        Assert.NotEqual(tombstone, page.GetProperty("items")[0].GetProperty("sequence").GetInt64());
        Assert.Contains(tombstone, sealedIn.GetProperty("gaps").EnumerateArray().Select(g => g.GetInt64()));
        Assert.True((await auditor.GetJsonAsync($"/api/agreements/{before}/verify")).GetProperty("intact").GetBoolean());
    }
}
