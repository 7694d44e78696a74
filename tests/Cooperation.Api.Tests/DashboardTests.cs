using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cooperation.Api.Tests;

/// <summary>
/// The ministry's dashboard, fed by the events on the broker. These restart the dashboard and count what it has
/// consumed, so they run on their own, after the tests that run side by side.
/// </summary>
[Collection(nameof(DashboardTests))]
[CollectionDefinition(nameof(DashboardTests), DisableParallelization = true)]
public class DashboardTests(CooperationSystem system)
{
    [Fact]
    public async Task Agreements_written_through_the_API_are_counted_in_the_summary_once_each()
    {
        await using var feed = await FeedStream.OpenAsync(system);
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var ministry = await system.ClientAsync("ministry");
        var partner = UniquePartner();

        var twinning = await RegisterAsync(vitebsk, Agreement(partner, "twinning", "2014-05-20"));
        var memorandum = await RegisterAsync(vitebsk, Agreement(partner, "memorandum", signedOn: null));
        await SucceedsAsync(vitebsk.PostAsync($"/api/agreements/{memorandum}/signature", new { signedOn = "2019-03" }));
        await SucceedsAsync(vitebsk.PostAsync($"/api/agreements/{twinning}/termination", new { on = "2020-01-01", reason = "Superseded" }));

        await feed.WaitForStreamAsync(twinning, "AgreementRegistered", "AgreementSigned", "AgreementTerminated");
        await feed.WaitForStreamAsync(memorandum, "AgreementRegistered", "AgreementSigned");

        var agreements = (await SummaryAsync(ministry, partner)).GetProperty("agreements");
        Assert.Equal(2, agreements.GetProperty("total").GetInt32());
        Assert.Equal(Counts(("BY-VI", 2)), Counts(agreements.GetProperty("byRegion")));
        Assert.Equal(Counts((partner, 2)), Counts(agreements.GetProperty("byPartner")));
        Assert.Equal(Counts(("memorandum", 1), ("twinning", 1)), Counts(agreements.GetProperty("byKind")));
        Assert.Equal(Counts(("signed", 1), ("terminated", 1)), Counts(agreements.GetProperty("byStatus")));
        Assert.Equal(Counts(("2014", 1), ("2019", 1)), Counts(agreements.GetProperty("byYear")));

        var mine = feed.Events.Where(e => FeedStream.StreamOf(e.Data) == twinning || FeedStream.StreamOf(e.Data) == memorandum).ToList();
        Assert.Equal(5, mine.Count);
        Assert.Equal(5, mine.Select(e => FeedStream.EventIdOf(e.Data)).Distinct().Count());
    }

    [Fact]
    public async Task Agreements_signed_on_a_date_not_known_are_counted_as_signed_and_in_their_year_once_dated()
    {
        await using var feed = await FeedStream.OpenAsync(system);
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var ministry = await system.ClientAsync("ministry");
        var partner = UniquePartner();

        var registered = await RegisterAsync(vitebsk, new { kind = "memorandum", title = Api.UniqueTitle("Undated"), status = "signed",
            parties = new object[] { new { code = "BY-VI" }, new { name = partner, level = "organisation" } } });
        var dated = await RegisterAsync(vitebsk, Agreement(partner, "twinning", signedOn: null));
        await SucceedsAsync(vitebsk.PostAsync($"/api/agreements/{dated}/signature", new { }));
        await SucceedsAsync(vitebsk.PostAsync($"/api/agreements/{dated}/signature", new { signedOn = "2016" }));

        await feed.WaitForStreamAsync(registered, "AgreementRegistered", "AgreementSigned");
        await feed.WaitForStreamAsync(dated, "AgreementRegistered", "AgreementSigned", "AgreementSignatureDated");

        var agreements = (await SummaryAsync(ministry, partner)).GetProperty("agreements");
        Assert.Equal(Counts(("signed", 2)), Counts(agreements.GetProperty("byStatus")));
        Assert.Equal(Counts(("2016", 1)), Counts(agreements.GetProperty("byYear")));
    }

    [Fact]
    public async Task Visits_are_counted_by_direction_status_and_year_and_the_overdue_ones_listed_but_not_those_under_way()
    {
        await using var feed = await FeedStream.OpenAsync(system);
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var ministry = await system.ClientAsync("ministry");
        var partner = UniquePartner();

        var overdue = await PlanAsync(vitebsk, Visit(partner, "incoming", "2020-03"));
        var completed = await PlanAsync(vitebsk, Visit(partner, "outgoing", "2021-05"));
        await SucceedsAsync(vitebsk.PostAsync($"/api/delegations/visits/{completed}/completion", new { from = "2021-05-10", to = "2021-05-14" }));
        var cancelled = await PlanAsync(vitebsk, Visit(partner, "incoming", "2030-01"));
        await SucceedsAsync(vitebsk.PostAsync($"/api/delegations/visits/{cancelled}/cancellation", new { reason = "Postponed by the guests" }));
        // Begun in its planned month and not reported back: under way, not overdue, however long ago that month was.
        var underWay = await PlanAsync(vitebsk, Visit(partner, "outgoing", "2020-06"));
        await SucceedsAsync(vitebsk.PostAsync($"/api/delegations/visits/{underWay}/start", new { on = "2020-06" }));

        await feed.WaitForStreamAsync(overdue, "VisitPlanned");
        await feed.WaitForStreamAsync(underWay, "VisitPlanned", "VisitStarted");
        await feed.WaitForStreamAsync(completed, "VisitPlanned", "VisitCompleted");
        await feed.WaitForStreamAsync(cancelled, "VisitPlanned", "VisitCancelled");

        var summary = await SummaryAsync(ministry, partner);
        var visits = summary.GetProperty("visits");
        Assert.Equal(4, visits.GetProperty("total").GetInt32());
        Assert.Equal(Counts(("incoming", 2), ("outgoing", 2)), Counts(visits.GetProperty("byDirection")));
        Assert.Equal(Counts(("cancelled", 1), ("completed", 1), ("overdue", 1), ("under-way", 1)), Counts(visits.GetProperty("byStatus")));
        Assert.Equal(Counts(("2020", 2), ("2021", 1), ("2030", 1)), Counts(visits.GetProperty("byYear")));
        var listed = Assert.Single(visits.GetProperty("overdue").EnumerateArray());
        Assert.Equal(overdue, listed.GetProperty("id").GetGuid());
        Assert.Equal("BY-VI", listed.GetProperty("region").GetString());
        var asOf = DateOnly.Parse(summary.GetProperty("asOf").GetString()!);
        Assert.Equal(asOf.DayNumber - new DateOnly(2020, 3, 31).DayNumber, listed.GetProperty("daysOverdue").GetInt32());
        Assert.Equal(0, summary.GetProperty("agreements").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Trade_reports_form_a_series_per_region_and_partner_whose_latest_figures_follow_revisions()
    {
        await using var feed = await FeedStream.OpenAsync(system);
        // Trade partners are places: Mogilev Oblast's trade with New Zealand is this test's alone, in years of this run's own
        // (an earlier run on the same store filed its reports in other years).
        using var mogilev = await system.ClientAsync("committee", "BY-MA");
        using var ministry = await system.ClientAsync("ministry");
        const string partner = "NZ";
        var year = Api.FreshYear();
        string[] ours = [$"{year}", $"{year + 1}", $"{year + 2}-01"];

        var earlier = await FileAsync(mogilev, TradeReport(partner, ours[0], exports: 100, imports: 50, turnover: 150));
        var later = await FileAsync(mogilev, TradeReport(partner, ours[1], exports: 120, imports: 60, turnover: 180));
        var partYear = await FileAsync(mogilev, TradeReport(partner, ours[2], exports: 40, imports: 20, turnover: 60, to: $"{year + 2}-05"));
        await SucceedsAsync(mogilev.PostAsync($"/api/trade/reports/{later}/revisions",
            new { exports = 130m, turnover = 190m, reason = "Corrected by the customs statistics" }));

        await feed.WaitForStreamAsync(earlier, "TradeReportFiled");
        await feed.WaitForStreamAsync(later, "TradeReportFiled", "TradeReportRevised");
        await feed.WaitForStreamAsync(partYear, "TradeReportFiled");

        var trade = (await ministry.GetJsonAsync($"/api/dashboard/summary?region=BY-MA&partner={partner}")).GetProperty("trade");
        // January-May is charted apart from the whole years: periods of different lengths are never one line.
        var all = trade.GetProperty("series").EnumerateArray().ToArray();
        JsonElement[] Ours(JsonElement series) => series.GetProperty("points").EnumerateArray().Where(p => ours.Contains(p.GetProperty("periodFrom").GetString())).ToArray();
        Assert.Equal([12, 5], all.Select(s => s.GetProperty("months").GetInt32()));
        Assert.Equal([ours[2]], Ours(all[1]).Select(p => p.GetProperty("periodFrom").GetString()));
        var series = all[0];
        Assert.Equal("BY-MA", series.GetProperty("region").GetString());
        Assert.Equal(partner, series.GetProperty("partner").GetString());
        Assert.Equal([ours[0], ours[1]], Ours(series).Select(p => p.GetProperty("periodFrom").GetString()));
        Assert.Equal([150m, 190m], Ours(series).Select(p => p.GetProperty("turnover").GetDecimal()));
        // The revised year reads with its revision; the latest figures are the series' last period, whichever run filed it.
        var revised = Ours(series)[1];
        Assert.Equal(ours[1], revised.GetProperty("periodTo").GetString());
        Assert.Equal(130m, revised.GetProperty("exports").GetDecimal());
        Assert.Equal(60m, revised.GetProperty("imports").GetDecimal());
        Assert.True(revised.GetProperty("revised").GetBoolean());
        var last = series.GetProperty("points").EnumerateArray().Last();
        var latest = trade.GetProperty("latest").EnumerateArray().Single(p => p.GetProperty("periodFrom").GetString() == last.GetProperty("periodFrom").GetString());
        Assert.Equal(last.GetProperty("exports").GetDecimal(), latest.GetProperty("exports").GetDecimal());
        Assert.Equal(last.GetProperty("revised").GetBoolean(), latest.GetProperty("revised").GetBoolean());
    }

    [Fact]
    public async Task A_redelivered_event_is_recorded_and_counted_only_once()
    {
        await using var queue = await EventQueue.BindAsync(system.RabbitMq);
        await using var feed = await FeedStream.OpenAsync(system);
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var ministry = await system.ClientAsync("ministry");
        var partner = UniquePartner();

        var id = await RegisterAsync(vitebsk, Agreement(partner, "cooperation", "2021"));
        var published = await queue.ForStreamAsync(id, 2);
        await feed.WaitForStreamAsync(id, "AgreementRegistered", "AgreementSigned");
        var consumed = (await SummaryAsync(ministry)).GetProperty("eventsConsumed").GetInt64();

        foreach (var message in published) await queue.RedeliverAsync(message, "dashboard");
        // Published after the copies, so once it is in the feed the copies have been through the dashboard's queue.
        var marker = await RegisterAsync(vitebsk, Agreement(UniquePartner(), "cooperation", "2022"));
        await feed.WaitForStreamAsync(marker, "AgreementRegistered", "AgreementSigned");

        Assert.Equal(consumed + 2, (await SummaryAsync(ministry)).GetProperty("eventsConsumed").GetInt64());
        Assert.Equal(2, feed.Events.Count(e => FeedStream.StreamOf(e.Data) == id));
        var agreements = (await SummaryAsync(ministry, partner)).GetProperty("agreements");
        Assert.Equal(1, agreements.GetProperty("total").GetInt32());
        Assert.Equal(Counts(("signed", 1)), Counts(agreements.GetProperty("byStatus")));
    }

    [Fact]
    public async Task Events_published_while_the_dashboard_is_down_are_counted_once_after_it_restarts()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var ministry = await system.ClientAsync("ministry");
        var partner = UniquePartner();
        Guid id;

        await system.Dashboard.KillAsync();
        try
        {
            id = await RegisterAsync(vitebsk, Agreement(partner, "friendly-relations", "2016-06"));
            await SucceedsAsync(vitebsk.PostAsync($"/api/agreements/{id}/amendments", new { summary = "Adds tourism", effectiveOn = "2017" }));
        }
        finally
        {
            await system.Dashboard.StartAsync();
        }

        await using var feed = await OpenFeedOnceRoutedAsync("tail=50");
        var seen = await feed.WaitForStreamAsync(id, "AgreementRegistered", "AgreementSigned", "AgreementAmended");
        Assert.Equal(3, seen.Count(e => FeedStream.StreamOf(e.Data) == id));
        var agreements = (await SummaryAsync(ministry, partner)).GetProperty("agreements");
        Assert.Equal(1, agreements.GetProperty("total").GetInt32());
        Assert.Equal(Counts(("friendly-relations", 1)), Counts(agreements.GetProperty("byKind")));
        Assert.Equal(Counts(("2016", 1)), Counts(agreements.GetProperty("byYear")));
    }

    [Fact]
    public async Task Read_models_of_another_projection_version_are_rebuilt_from_the_dashboards_own_log_on_start()
    {
        await using (var feed = await FeedStream.OpenAsync(system))
        {
            using var vitebsk = await system.ClientAsync("committee", "BY-VI");
            var id = await RegisterAsync(vitebsk, Agreement(UniquePartner(), "protocol-of-intent", "2018-05-21"));
            await feed.WaitForStreamAsync(id, "AgreementRegistered", "AgreementSigned");
        }
        using var ministry = await system.ClientAsync("ministry");
        var before = await SummaryAsync(ministry);

        await system.Dashboard.KillAsync();
        try
        {
            // As a deployment of a new projection version finds them: rows it did not build, and no mark of a build by this version.
            await using var db = await Database.OpenAsync(system.Postgres);
            // Marten keeps each projection version's rows in a table of its own: mt_doc_agreementrow_<version>.
            var rows = "dashboard." + await Database.ScalarAsync<string>(db,
                "select table_name from information_schema.tables where table_schema = 'dashboard' and table_name like 'mt\\_doc\\_agreementrow\\_%'");
            await Database.ExecuteAsync(db, $"delete from {rows}; delete from dashboard.mt_doc_projectionbuilt where id like 'AgreementRow:%';");
            Assert.Equal(0L, await Database.ScalarAsync<long>(db, $"select count(*) from {rows}"));
        }
        finally
        {
            await system.Dashboard.StartAsync();
        }

        await WaitUntilRoutedAsync(ministry);
        var after = await SummaryAsync(ministry);
        Assert.True(before.GetProperty("agreements").GetProperty("total").GetInt32() > 0);
        Assert.Equal(before.GetProperty("agreements").GetRawText(), after.GetProperty("agreements").GetRawText());
        Assert.Equal(before.GetProperty("eventsConsumed").GetInt64(), after.GetProperty("eventsConsumed").GetInt64());
    }

    [Fact]
    public async Task The_feed_resumes_after_the_Last_Event_ID_it_is_given()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        await using (var live = await FeedStream.OpenAsync(system))
        {
            var id = await RegisterAsync(vitebsk, Agreement(UniquePartner(), "cooperation", "2010"));
            await live.WaitForStreamAsync(id, "AgreementRegistered", "AgreementSigned");
        }

        await using var tail = await FeedStream.OpenAsync(system, "tail=3");
        var last3 = await tail.WaitForAsync(seen => seen.Count == 3);
        await using var resumed = await FeedStream.OpenAsync(system, "tail=0", lastEventId: last3[0].Id);
        var after = await resumed.WaitForAsync(seen => seen.Count == 2);

        Assert.Equal(last3.Skip(1).Select(e => e.Id), after.Select(e => e.Id));
        Assert.Equal(last3.Skip(1).Select(e => FeedStream.EventIdOf(e.Data)), after.Select(e => FeedStream.EventIdOf(e.Data)));
        Assert.True(long.Parse(last3[0].Id!) < long.Parse(last3[1].Id!) && long.Parse(last3[1].Id!) < long.Parse(last3[2].Id!));
    }

    [Fact]
    public async Task Only_the_ministry_and_auditors_read_the_dashboard_while_its_page_is_open_to_all()
    {
        foreach (var (role, region, expected) in new[]
                 {
                     ("ministry", null, HttpStatusCode.OK), ("auditor", null, HttpStatusCode.OK),
                     ("committee", "BY-VI", HttpStatusCode.Forbidden), ("admin", null, HttpStatusCode.Forbidden),
                 })
        {
            using var client = await system.ClientAsync(role, region);
            using var summary = await client.GetAsync("/api/dashboard/summary");
            Assert.True(expected == summary.StatusCode, $"{role}: summary answered {(int)summary.StatusCode}");
            using var feed = await client.GetAsync("/api/dashboard/feed?tail=0", HttpCompletionOption.ResponseHeadersRead);
            Assert.True(expected == feed.StatusCode, $"{role}: feed answered {(int)feed.StatusCode}");
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await system.Http.GetAsync("/api/dashboard/summary")).StatusCode);

        using var page = await system.Http.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        var script = System.Text.RegularExpressions.Regex.Match(html, "src=\"(/dashboard/assets/[^\"]+\\.js)\"").Groups[1].Value;
        using var bundle = await system.Http.GetAsync(script);
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await system.Http.GetAsync("/dashboard/assets/missing.js")).StatusCode);
    }

    [Fact]
    public async Task Bad_filters_and_feed_positions_are_refused_naming_the_field()
    {
        using var ministry = await system.ClientAsync("ministry");
        foreach (var (path, lastEventId, field) in new[]
                 {
                     ("/api/dashboard/summary?region=XX-ZZ", null, "region"),
                     ($"/api/dashboard/summary?partner={new string('x', 201)}", null, "partner"),
                     ("/api/dashboard/feed?tail=1000", null, "tail"),
                     ("/api/dashboard/feed?after=-5", null, "after"),
                     ("/api/dashboard/feed?tail=abc", null, "tail"),
                     ("/api/dashboard/feed", "yesterday", "Last-Event-ID"),
                 })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
            using var response = await ministry.SendAsync(request);
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{path} answered {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(field, (await response.JsonAsync()).ErrorFields());
        }
    }

    [Fact]
    public async Task The_page_is_typed_from_the_OpenAPI_document_the_service_serves()
    {
        using var http = new HttpClient();
        var served = JsonNode.Parse(await http.GetStringAsync(new Uri(system.Dashboard.Address, "/openapi/v1.json")))!.AsObject();
        var typed = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(CooperationSystem.Root, "services/Dashboard/ClientApp/openapi.json")))!;
        // The servers list names the address the document was asked at; all the rest is the contract.
        served.Remove("servers");
        Assert.True(JsonNode.DeepEquals(served, typed),
            "services/Dashboard/ClientApp/openapi.json, from which the page's types are generated, is not the service's /openapi/v1.json "
            + $"(without servers): replace it with\n{served.ToJsonString(new JsonSerializerOptions { WriteIndented = true })}");
    }

    internal static string UniquePartner() => $"Test partner {Guid.NewGuid():N}";

    /// <summary>A day counted from today (UTC), as yyyy-MM-dd.</summary>
    internal static string Day(int fromToday) => DateTime.UtcNow.Date.AddDays(fromToday).ToString("yyyy-MM-dd");

    /// <summary>An agreement of Vitebsk Oblast with an organisation placed nowhere, so the partner is this test's alone.</summary>
    internal static object Agreement(string partner, string kind, string? signedOn, string region = "BY-VI", string? title = null) => new
    {
        kind,
        title = title ?? Api.UniqueTitle($"{kind} with {partner}"),
        parties = new object[] { new { code = region }, new { name = partner, level = "organisation" } },
        spheres = new[] { "trade-economic" },
        signedOn,
    };

    /// <summary>A visit to or from Vitebsk Oblast with an organisation placed nowhere as its guest.</summary>
    internal static object Visit(string partner, string direction, string plannedFrom) => new
    {
        direction,
        host = new { code = "BY-VI" },
        guests = new object[] { new { name = partner, level = "organisation" } },
        plannedFrom,
        purpose = Api.UniqueTitle("Talks"),
    };

    private static object TradeReport(string partner, string year, decimal exports, decimal imports, decimal turnover, string? to = null) => new
    {
        reporter = new { code = "BY-MA" },
        partner = new { code = partner },
        period = new { from = year, to = to ?? year },
        flow = "goods",
        currency = "USD",
        unit = "thousand",
        exports,
        imports,
        turnover,
    };

    private static Task<Guid> FileAsync(HttpClient client, object body) => client.CreateAsync("/api/trade/reports", body);

    private static Task<Guid> PlanAsync(HttpClient client, object body) => client.CreateAsync("/api/delegations/visits", body);

    internal static Task<Guid> RegisterAsync(HttpClient client, object body) => client.CreateAsync("/api/agreements", body);

    internal static async Task SucceedsAsync(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    internal static Task<JsonElement> SummaryAsync(HttpClient client, string? partner = null) =>
        client.GetJsonAsync(partner is null ? "/api/dashboard/summary" : $"/api/dashboard/summary?partner={Uri.EscapeDataString(partner)}");

    private static Dictionary<string, int> Counts(params (string Key, int Count)[] counts) => counts.ToDictionary(c => c.Key, c => c.Count);

    internal static Dictionary<string, int> Counts(JsonElement counts) =>
        counts.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());

    /// <summary>After a restart the gateway routes to the dashboard again once its health probe has seen it.</summary>
    private static async Task WaitUntilRoutedAsync(HttpClient ministry)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using var response = await ministry.GetAsync("/api/dashboard/summary");
            if (response.StatusCode == HttpStatusCode.OK) return;
            Assert.True(DateTime.UtcNow < deadline, $"The gateway still answers {(int)response.StatusCode} for the dashboard.");
            await Task.Delay(250);
        }
    }

    private async Task<FeedStream> OpenFeedOnceRoutedAsync(string query)
    {
        using var ministry = await system.ClientAsync("ministry");
        await WaitUntilRoutedAsync(ministry);
        return await FeedStream.OpenAsync(system, query);
    }
}
