using System.Net;
using System.Text.Json;

namespace Cooperation.Api.Tests;

public class TradeTests(CooperationSystem system)
{
    private static object GoodsReport(string from, string? to = null, object? figures = null, string partner = "CN") => Api.Merge(new
    {
        reporter = new { code = "BY-HR" },
        partner = new { code = partner },
        period = new { from, to },
        flow = "goods",
        currency = "USD",
        unit = "million",
    }, figures ?? new { exports = 21.1m, imports = 6.2m, balance = 15m, growthPercent = 5m });

    private static string[] Types(JsonElement history) => history.EnumerateArray().Select(e => e.GetProperty("type").GetString()!).ToArray();

    [Fact]
    public async Task A_filed_report_is_answered_with_its_figures_and_version_and_published_to_the_exchange()
    {
        await using var queue = await EventQueue.BindAsync(system.RabbitMq);
        using var grodno = await system.ClientAsync("committee", "BY-HR", "grodno-clerk");
        var y = Api.FreshYear();

        using var filed = await grodno.PostAsync("/api/trade/reports", Api.Merge(GoodsReport($"{y}-01", $"{y}-02"), new
        {
            commodities = new
            {
                exports = new[] { new { name = "Caprolactam", hsCode = "2933.71", value = (decimal?)12.5m } },
                imports = new[] { new { name = "Toys", hsCode = "9503", value = (decimal?)null } },
            },
        }));

        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        Assert.Equal("\"1\"", filed.Headers.ETag?.Tag);
        var report = await filed.JsonAsync();
        var id = report.GetProperty("id").GetGuid();
        Assert.Equal($"/api/trade/reports/{id}", filed.Headers.Location?.ToString());
        Assert.Equal("year-to-date", report.GetProperty("period").GetProperty("kind").GetString());
        Assert.Equal(21.1m, report.GetProperty("exports").GetDecimal());
        Assert.Equal(JsonValueKind.Null, report.GetProperty("turnover").ValueKind);
        Assert.Equal(27.3m, report.GetProperty("derived").GetProperty("turnover").GetDecimal());
        Assert.Equal("293371", report.GetProperty("commodities").GetProperty("exports")[0].GetProperty("hsCode").GetString());
        Assert.Equal("grodno-clerk", report.GetProperty("filedBy").GetString());

        var read = await grodno.GetJsonAsync($"/api/trade/reports/{id}");
        Assert.Equal("15", read.GetProperty("balance").GetRawText());

        var message = Assert.Single(await queue.ForStreamAsync(id, 1));
        Assert.Contains("urn:message:Cooperation.Contracts.Trade:TradeReportFiled", message.GetProperty("messageType").EnumerateArray().Select(t => t.GetString()));
        var body = message.GetProperty("message");
        Assert.Equal("trade", body.GetProperty("metadata").GetProperty("service").GetString());
        Assert.Equal("BY-HR", body.GetProperty("metadata").GetProperty("actor").GetProperty("region").GetString());
        // MassTransit writes decimals as strings, which keeps every digit as reported.
        Assert.Equal("6.2", body.GetProperty("figures").GetProperty("imports").GetString());
        Assert.Equal($"{y}-01", body.GetProperty("periodFrom").GetString());
    }

    [Fact]
    public async Task Figures_that_contradict_each_other_are_refused_with_422_naming_them_and_nothing_is_stored()
    {
        using var grodno = await system.ClientAsync("committee", "BY-HR");
        var y = Api.FreshYear();

        using var refused = await grodno.PostAsync("/api/trade/reports",
            GoodsReport($"{y}-01", $"{y}-02", new { exports = 21.1m, imports = 6.2m, turnover = 23.7m, balance = 15m }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var problem = await refused.JsonAsync();
        Assert.Contains("turnover", problem.ErrorFields());
        Assert.Contains("exports", problem.ErrorFields());
        Assert.Contains("without turnover", problem.GetProperty("detail").GetString());
        var stored = await grodno.GetJsonAsync($"/api/trade/reports?reporter=BY-HR&partner=CN&from={y}&to={y}");
        Assert.Equal(0, stored.GetProperty("total").GetInt64());

        using var rounded = await grodno.PostAsync("/api/trade/reports",
            GoodsReport($"{y}-01", $"{y}-02", new { exports = 36.6m, imports = 139.4m, turnover = 176m }));
        Assert.Equal(HttpStatusCode.Created, rounded.StatusCode);
    }

    [Fact]
    public async Task A_revision_appends_with_its_reason_and_the_earlier_figures_stay_readable()
    {
        await using var queue = await EventQueue.BindAsync(system.RabbitMq);
        using var grodno = await system.ClientAsync("committee", "BY-HR", "grodno-clerk");
        var y = Api.FreshYear();
        using var filed = await grodno.PostAsync("/api/trade/reports", GoodsReport($"{y}", $"{y}"));
        var id = (await filed.JsonAsync()).GetProperty("id").GetGuid();
        await Task.Delay(1100);
        var beforeRevision = DateTimeOffset.UtcNow;
        await Task.Delay(1100);

        using var revised = await grodno.PostAsync($"/api/trade/reports/{id}/revisions",
            new { imports = 6.3m, balance = 14.8m, reason = "Final figures of the statistics committee" }, ifMatch: "\"1\"");
        Assert.Equal(HttpStatusCode.OK, revised.StatusCode);
        Assert.Equal("\"2\"", revised.Headers.ETag?.Tag);
        using var withdrawn = await grodno.PostAsync($"/api/trade/reports/{id}/revisions", new { withdraw = new[] { "growthPercent" }, reason = "Growth was of exports" });
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);

        var now = await grodno.GetJsonAsync($"/api/trade/reports/{id}");
        Assert.Equal((6.3m, 14.8m, 3), (now.GetProperty("imports").GetDecimal(), now.GetProperty("balance").GetDecimal(), now.GetProperty("version").GetInt32()));
        Assert.Equal(JsonValueKind.Null, now.GetProperty("growthPercent").ValueKind);
        var firstRevision = now.GetProperty("revisions")[0];
        Assert.Equal("Final figures of the statistics committee", firstRevision.GetProperty("reason").GetString());
        Assert.Equal(6.2m, firstRevision.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("figure").GetString() == "imports").GetProperty("from").GetDecimal());

        var original = await grodno.GetJsonAsync($"/api/trade/reports/{id}?version=1");
        Assert.Equal((6.2m, 5m), (original.GetProperty("imports").GetDecimal(), original.GetProperty("growthPercent").GetDecimal()));
        var then = await grodno.GetJsonAsync($"/api/trade/reports/{id}?asOf={Uri.EscapeDataString(beforeRevision.ToString("O"))}");
        Assert.Equal(6.2m, then.GetProperty("imports").GetDecimal());

        var history = await grodno.GetJsonAsync($"/api/trade/reports/{id}/history");
        Assert.Equal(["trade_report_filed", "trade_report_revised", "trade_report_revised"], Types(history));
        Assert.Equal("Growth was of exports", history[2].GetProperty("data").GetProperty("reason").GetString());
        Assert.Equal("grodno-clerk", history[1].GetProperty("actor").GetProperty("sub").GetString());

        using var stale = await grodno.PostAsync($"/api/trade/reports/{id}/revisions", new { imports = 6.4m, balance = 14.7m, reason = "x" }, ifMatch: "\"1\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        using var contradicting = await grodno.PostAsync($"/api/trade/reports/{id}/revisions", new { exports = 30m, reason = "typo" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, contradicting.StatusCode);
        Assert.Contains("exports", (await contradicting.JsonAsync()).ErrorFields());
        using var nothing = await grodno.PostAsync($"/api/trade/reports/{id}/revisions", new { imports = 6.3m, reason = "again" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, nothing.StatusCode);
        Assert.Equal(3, (await grodno.GetJsonAsync($"/api/trade/reports/{id}/history")).GetArrayLength());

        var messages = await queue.ForStreamAsync(id, 3);
        Assert.Equal(3, messages.Count);
        var revision = messages[1].GetProperty("message");
        Assert.Equal("6.3", revision.GetProperty("changes").GetProperty("imports").GetString());
        Assert.Equal("Final figures of the statistics committee", revision.GetProperty("reason").GetString());
        Assert.Equal(["growthPercent"], messages[2].GetProperty("message").GetProperty("withdrawn").EnumerateArray().Select(w => w.GetString()!).ToArray());
    }

    [Fact]
    public async Task A_second_report_for_the_same_period_is_a_conflict_while_a_retry_returns_the_first_answer()
    {
        using var grodno = await system.ClientAsync("committee", "BY-HR");
        var y = Api.FreshYear();
        var body = GoodsReport($"{y}-04", $"{y}-06");
        var key = Guid.NewGuid().ToString();

        using var first = await grodno.PostAsync("/api/trade/reports", body, idempotencyKey: key);
        using var retry = await grodno.PostAsync("/api/trade/reports", body, idempotencyKey: key);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        var id = (await first.JsonAsync()).GetProperty("id").GetGuid();
        Assert.Equal(id, (await retry.JsonAsync()).GetProperty("id").GetGuid());

        using var second = await grodno.PostAsync("/api/trade/reports", GoodsReport($"{y}-04", $"{y}-06", new { exports = 22m }));
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains(id.ToString(), (await second.JsonAsync()).GetProperty("detail").GetString());
        Assert.Equal(1, (await grodno.GetJsonAsync($"/api/trade/reports/{id}/history")).GetArrayLength());
    }

    [Fact]
    public async Task The_turnover_series_computes_growth_from_the_year_before_and_never_mixes_period_lengths()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        var y = Api.FreshYear();
        async Task File(object body)
        {
            using var response = await vitebsk.PostAsync("/api/trade/reports", body);
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        }
        object Report(string from, string to, object figures, string flow = "goods", string unit = "million") => Api.Merge(new
        {
            reporter = new { name = "Витебская область" },
            partner = new { name = "Монголия" },
            period = new { from, to },
            flow,
            currency = "USD",
            unit,
        }, figures);

        await File(Report($"{y - 1}", $"{y - 1}", new { turnover = 149200m }, unit: "thousand"));
        await File(Report($"{y}", $"{y}", new { exports = 36.6m, imports = 139.4m, turnover = 176m, growthPercent = 18m }));
        await File(Report($"{y}-01", $"{y}-05", new { exports = 10m, exportsGrowthPercent = 60.3m }));
        await File(Report($"{y}-01", $"{y}-05", new { exports = 11.6m, imports = 4.5m }, flow: "services"));
        await File(Report($"{y + 1}", $"{y + 1}", new { growthPercent = -2.5m }));

        var answer = await vitebsk.GetJsonAsync($"/api/trade/turnover?reporter=BY-VI&partner=Mongolia&from={y - 1}&to={y + 1}");
        Assert.Equal("MN", answer.GetProperty("partner").GetProperty("code").GetString());
        var series = answer.GetProperty("series").EnumerateArray().ToArray();
        Assert.Equal(["goods:year", "goods:year-to-date", "services:year-to-date"],
            series.Select(s => $"{s.GetProperty("flow").GetString()}:{s.GetProperty("periodKind").GetString()}").ToArray());

        var years = series[0].GetProperty("points").EnumerateArray().ToArray();
        Assert.Equal([$"{y - 1}", $"{y}", $"{y + 1}"], years.Select(p => p.GetProperty("period").GetProperty("label").GetString()!).ToArray());
        Assert.Equal(149.2m, years[0].GetProperty("turnover").GetDecimal());
        Assert.Equal((18.0m, "computed"), (years[1].GetProperty("growthPercent").GetDecimal(), years[1].GetProperty("growthBasis").GetString()));
        Assert.Equal(-102.8m, years[1].GetProperty("balance").GetDecimal());
        Assert.Equal((-2.5m, "reported"), (years[2].GetProperty("growthPercent").GetDecimal(), years[2].GetProperty("growthBasis").GetString()));
        Assert.Equal(16.1m, series[2].GetProperty("points")[0].GetProperty("turnover").GetDecimal());

        var window = await vitebsk.GetJsonAsync($"/api/trade/turnover?reporter=BY-VI&partner=MN&from={y}&to={y}&flow=goods&unit=thousand");
        var year = window.GetProperty("series")[0].GetProperty("points").EnumerateArray().Single();
        Assert.Equal((176000m, 18.0m), (year.GetProperty("turnover").GetDecimal(), year.GetProperty("growthPercent").GetDecimal()));

        using var bad = await vitebsk.GetAsync("/api/trade/turnover?partner=Atlantis&unit=billion");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Equal(["partner", "reporter", "unit"], (await bad.JsonAsync()).ErrorFields().Order().ToArray());
    }

    public static TheoryData<string, string> BadReports => new()
    {
        { """{"reporter":{"code":"BY-HR"},"partner":{"code":"CN"},"period":{"from":"2001"},"flow":"weapons","currency":"USD","unit":"million","exports":1}""", "flow" },
        { """{"reporter":{"code":"BY-HR"},"partner":{"code":"CN"},"period":{"from":"2001-05","to":"2001-01"},"flow":"goods","currency":"USD","unit":"million","exports":1}""", "period" },
        { """{"reporter":{"code":"BY-HR"},"partner":{"code":"CN"},"flow":"goods","currency":"USD","unit":"million","exports":1}""", "period" },
        { """{"reporter":{"code":"BY-HR"},"partner":{"code":"CN"},"period":{"from":"May 2001"},"flow":"goods","currency":"USD","unit":"million","exports":1}""", "period.from" },
        { """{"reporter":{"code":"BY-HR"},"partner":{"code":"CN"},"period":{"from":"2099"},"flow":"goods","currency":"USD","unit":"million","exports":1}""", "period.to" },
        { """{"reporter":{"code":"BY-HR"},"partner":{"code":"CN"},"period":{"from":"2001"},"flow":"goods","currency":"USX","unit":"million","exports":1}""", "currency" },
        { """{"reporter":{"code":"BY-HR"},"partner":{"code":"CN"},"period":{"from":"2001"},"flow":"goods","unit":"million","exports":1}""", "currency" },
        { """{"reporter":{"code":"BY-HR"},"partner":{"code":"CN"},"period":{"from":"2001"},"flow":"goods","currency":"USD","unit":"billion","exports":1}""", "unit" },
        { """{"reporter":{"code":"BY-HR"},"partner":{"code":"CN"},"period":{"from":"2001"},"flow":"goods","currency":"USD","unit":"million","exports":-1}""", "exports" },
        { """{"reporter":{"code":"BY-HR"},"partner":{"code":"CN"},"period":{"from":"2001"},"flow":"goods","growthPercent":-130}""", "growthPercent" },
        { """{"reporter":{"code":"BY-HR"},"partner":{"name":"Atlantis"},"period":{"from":"2001"},"flow":"goods","growthPercent":3}""", "partner" },
        { """{"reporter":{"code":"BY-HR","name":"Grodno Azot","level":"organisation"},"partner":{"code":"CN"},"period":{"from":"2001"},"flow":"goods","growthPercent":3}""", "reporter" },
        { """{"reporter":{"code":"BY-HR"},"partner":{"code":"BY-HR-GRODNO"},"period":{"from":"2001"},"flow":"goods","growthPercent":3}""", "partner" },
        { """{"reporter":{"code":"BY-HR"},"partner":{"code":"CN"},"period":{"from":"2001"},"flow":"goods"}""", "figures" },
        { """{"reporter":{"code":"BY-HR"},"partner":{"code":"CN"},"period":{"from":"2001"},"flow":"goods","commodities":{"exports":[{"name":"Flax","hsCode":"53A"}]}}""", "commodities.exports[0].hsCode" },
        { """{"reporter":{"code":"BY-HR"},"partner":{"code":"CN"},"period":{"from":"2001"},"flow":"goods","currency":"USD","unit":"million","exports":1,"commodities":{"exports":[{"name":"Flax","value":3}]}}""", "commodities.exports" },
        { """{"reporter":{"code":"BY-HR"},"partner":{"code":"CN"},"period":{"from":"2001"},"flow":"goods","currency":"USD","unit":"million","exports":1e20}""", "exports" },
    };

    [Theory]
    [MemberData(nameof(BadReports))]
    public async Task Bad_reports_are_refused_with_422_naming_the_field_and_store_nothing(string body, string field)
    {
        using var grodno = await system.ClientAsync("committee", "BY-HR");
        using var response = await grodno.PostJsonAsync("/api/trade/reports", body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.Contains(field, problem.ErrorFields());
        Assert.True(problem.TryGetProperty("traceId", out _));
        Assert.Equal(0, (await grodno.GetJsonAsync("/api/trade/reports?reporter=BY-HR&from=2001&to=2001")).GetProperty("total").GetInt64());
    }

    [Theory]
    [InlineData("""{"reporter":{"code":"BY-HR"},"partner":{"code":"CN"},"period":{"from":"2001"},"flow":"goods","exports":"a lot"}""", "exports")]
    [InlineData("""{"reporter":{"code":"BY-HR"},"partner":{"code":"CN"},"period":"2001","flow":"goods","exports":1}""", "period")]
    public async Task A_report_of_the_wrong_shape_is_refused_with_400_naming_the_field(string body, string field)
    {
        using var grodno = await system.ClientAsync("committee", "BY-HR");
        using var response = await grodno.PostJsonAsync("/api/trade/reports", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await response.JsonAsync()).ErrorFields());
    }

    [Fact]
    public async Task Committees_report_for_their_own_region_the_ministry_for_the_country_and_auditors_only_read()
    {
        var y = Api.FreshYear();
        using var gomel = await system.ClientAsync("committee", "BY-HO");
        using var notGomels = await gomel.PostAsync("/api/trade/reports", GoodsReport($"{y}"));
        Assert.Equal(HttpStatusCode.Forbidden, notGomels.StatusCode);

        using var auditor = await system.ClientAsync("auditor");
        using var audit = await auditor.PostAsync("/api/trade/reports", GoodsReport($"{y}"));
        Assert.Equal(HttpStatusCode.Forbidden, audit.StatusCode);

        using var ministry = await system.ClientAsync("ministry");
        var id = await ministry.CreateAsync("/api/trade/reports", new
        {
            reporter = new { code = "BY" },
            partner = new { name = "Курская область" },
            period = new { from = $"{y}" },
            flow = "goods",
            growthPercent = 90m,
        });
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync($"/api/trade/reports/{id}")).StatusCode);

        using var revisedByGomel = await gomel.PostAsync($"/api/trade/reports/{id}/revisions", new { growthPercent = 91m, reason = "x" });
        Assert.Equal(HttpStatusCode.Forbidden, revisedByGomel.StatusCode);

        using var anonymous = await system.Http.GetAsync($"/api/trade/reports/{id}");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await auditor.GetAsync($"/api/trade/reports/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task An_investment_project_travels_from_proposed_to_operating_with_its_cost_estimates_kept()
    {
        await using var queue = await EventQueue.BindAsync(system.RabbitMq);
        using var minskOblast = await system.ClientAsync("committee", "BY-MI", "minsk-oblast-clerk");
        var marker = Guid.NewGuid().ToString("N");
        using var agreement = await minskOblast.PostAsync("/api/agreements", new
        {
            kind = "cooperation", title = $"Cooperation of Minsk Oblast and Yiwu {marker}", signedOn = "2015-05",
            parties = new object[] { new { code = "BY-MI" }, new { name = "Yiwu" } },
        });
        var agreementId = (await agreement.JsonAsync()).GetProperty("id").GetGuid();
        using var unknown = await minskOblast.PostAsync("/api/trade/projects", new
        {
            name = $"Unknown agreement {marker}", region = "BY-MI", partners = new object[] { new { name = "Yiwu" } }, agreementId = Guid.NewGuid(),
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Contains("agreementId", (await unknown.JsonAsync()).ErrorFields());

        using var registered = await minskOblast.PostNamingAgreementAsync("/api/trade/projects", new
        {
            name = $"Logistics sub-park {marker}",
            region = "Смолевичский район",
            partners = new object[] { new { name = "Yiwu" }, new { name = "China Merchants Group", level = "organisation", country = "CN" } },
            cost = 120m,
            currency = "USD",
            status = "proposed",
            agreementId,
        });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var project = await registered.JsonAsync();
        var id = project.GetProperty("id").GetGuid();
        Assert.Equal(("BY-MI-SMOLEVICHI-DISTRICT", "BY-MI"), (project.GetProperty("place").GetProperty("code").GetString(), project.GetProperty("region").GetString()));
        Assert.Equal("million", project.GetProperty("cost").GetProperty("unit").GetString());

        using var agreed = await minskOblast.PostAsync($"/api/trade/projects/{id}/status", new { status = "agreed", on = "2016-05" });
        using var costed = await minskOblast.PostAsync($"/api/trade/projects/{id}/cost", new { cost = 135.5m, currency = "USD", costUnit = "million", reason = "Design estimate" });
        using var building = await minskOblast.PostAsync($"/api/trade/projects/{id}/status", new { status = "under-construction" });
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], new[] { agreed.StatusCode, costed.StatusCode, building.StatusCode });
        using var back = await minskOblast.PostAsync($"/api/trade/projects/{id}/status", new { status = "proposed" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, back.StatusCode);
        Assert.Contains("status", (await back.JsonAsync()).ErrorFields());
        using var bareCancel = await minskOblast.PostAsync($"/api/trade/projects/{id}/status", new { status = "cancelled" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bareCancel.StatusCode);
        using var operating = await minskOblast.PostAsync($"/api/trade/projects/{id}/status", new { status = "operating", on = "2019" });
        Assert.Equal("\"5\"", operating.Headers.ETag?.Tag);
        using var afterwards = await minskOblast.PostAsync($"/api/trade/projects/{id}/status", new { status = "cancelled", reason = "late" });
        Assert.Equal(HttpStatusCode.Conflict, afterwards.StatusCode);

        var now = await minskOblast.GetJsonAsync($"/api/trade/projects/{id}");
        Assert.Equal("operating", now.GetProperty("status").GetString());
        Assert.Equal(["proposed", "agreed", "under-construction", "operating"],
            now.GetProperty("statusHistory").EnumerateArray().Select(s => s.GetProperty("status").GetString()!).ToArray());
        Assert.Equal([120m, 135.5m], now.GetProperty("costHistory").EnumerateArray().Select(c => c.GetProperty("cost").GetProperty("amount").GetDecimal()).ToArray());
        Assert.Equal("proposed", (await minskOblast.GetJsonAsync($"/api/trade/projects/{id}?version=1")).GetProperty("status").GetString());
        Assert.Equal(["investment_project_registered", "investment_project_status_changed", "investment_project_cost_revised",
            "investment_project_status_changed", "investment_project_status_changed"], Types(await minskOblast.GetJsonAsync($"/api/trade/projects/{id}/history")));

        async Task<int> Count(string query) => (await minskOblast.GetJsonAsync($"/api/trade/projects?q={marker}&{query}")).GetProperty("total").GetInt32();
        Assert.Equal(1, await Count("region=BY-MI"));
        Assert.Equal(0, await Count("region=BY-VI"));
        Assert.Equal(1, await Count("partner=CN"));
        Assert.Equal(1, await Count("partner=" + Uri.EscapeDataString("Иу")));
        Assert.Equal(1, await Count("status=operating"));
        Assert.Equal(0, await Count("status=proposed"));
        Assert.Equal(1, await Count($"agreementId={agreementId}"));
        using var badList = await minskOblast.GetAsync("/api/trade/projects?status=dreaming");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badList.StatusCode);

        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var notVitebsks = await vitebsk.PostAsync($"/api/trade/projects/{id}/cost", new { cost = 1m, currency = "USD", reason = "x" });
        Assert.Equal(HttpStatusCode.Forbidden, notVitebsks.StatusCode);

        var messages = await queue.ForStreamAsync(id, 5);
        Assert.Contains("urn:message:Cooperation.Contracts.Trade:InvestmentProjectRegistered", messages[0].GetProperty("messageType").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(agreementId, messages[0].GetProperty("message").GetProperty("agreementId").GetGuid());
        Assert.Equal("operating", messages[4].GetProperty("message").GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("""{"region":"BY-MI","partners":[{"code":"CN"}]}""", "name")]
    [InlineData("""{"name":"P","partners":[{"code":"CN"}]}""", "region")]
    [InlineData("""{"name":"P","region":"Narnia","partners":[{"code":"CN"}]}""", "region")]
    [InlineData("""{"name":"P","region":"BY-MI","partners":[]}""", "partners")]
    [InlineData("""{"name":"P","region":"BY-MI","partners":[{"code":"CN"}],"status":"dreaming"}""", "status")]
    [InlineData("""{"name":"P","region":"BY-MI","partners":[{"code":"CN"}],"cost":-5,"currency":"USD"}""", "cost")]
    [InlineData("""{"name":"P","region":"BY-MI","partners":[{"code":"CN"}],"cost":5}""", "currency")]
    [InlineData("""{"name":"P","region":"BY-MI","partners":[{"code":"CN"}],"currency":"USD"}""", "cost")]
    public async Task Bad_projects_are_refused_with_422_naming_the_field(string body, string field)
    {
        using var minskOblast = await system.ClientAsync("committee", "BY-MI");
        using var response = await minskOblast.PostJsonAsync("/api/trade/projects", body);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(field, (await response.JsonAsync()).ErrorFields());
    }

    [Fact]
    public async Task Counts_of_companies_with_foreign_investment_are_recorded_once_and_corrected_by_revision()
    {
        using var minskOblast = await system.ClientAsync("committee", "BY-MI");
        var day = $"{Api.FreshYear()}-07-01";
        var count = new { region = "BY-MI", partner = new { code = "CN" }, asOf = day, total = 9, jointVentures = 3, foreignOwned = 6 };

        var id = await minskOblast.CreateAsync("/api/trade/foreign-invested-companies", count);
        using var again = await minskOblast.PostAsync("/api/trade/foreign-invested-companies", count with { total = 10, foreignOwned = 7 });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using var wrongSum = await minskOblast.PostAsync($"/api/trade/foreign-invested-companies/{id}/revisions", new { total = 10, jointVentures = 3, foreignOwned = 6, reason = "x" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrongSum.StatusCode);
        Assert.Contains("total", (await wrongSum.JsonAsync()).ErrorFields());

        using var revised = await minskOblast.PostAsync($"/api/trade/foreign-invested-companies/{id}/revisions",
            new { total = 10, jointVentures = 4, foreignOwned = 6, reason = "A joint venture registered in June was missed" });
        Assert.Equal(HttpStatusCode.OK, revised.StatusCode);
        var now = await revised.JsonAsync();
        Assert.Equal((10, 9), (now.GetProperty("total").GetInt32(), now.GetProperty("revisions")[0].GetProperty("previous").GetProperty("total").GetInt32()));
        Assert.Equal(9, (await minskOblast.GetJsonAsync($"/api/trade/foreign-invested-companies/{id}?version=1")).GetProperty("total").GetInt32());
        Assert.Equal(2, (await minskOblast.GetJsonAsync($"/api/trade/foreign-invested-companies/{id}/history")).GetArrayLength());

        var listed = await minskOblast.GetJsonAsync("/api/trade/foreign-invested-companies?region=BY-MI&partner=China");
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetGuid() == id);

        using var grodno = await system.ClientAsync("committee", "BY-HR");
        using var notGrodnos = await grodno.PostAsync("/api/trade/foreign-invested-companies", count with { asOf = $"{Api.FreshYear()}" });
        Assert.Equal(HttpStatusCode.Forbidden, notGrodnos.StatusCode);
        using var negative = await minskOblast.PostAsync("/api/trade/foreign-invested-companies", count with { total = -1, jointVentures = 0 });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, negative.StatusCode);
    }
}
