using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Cooperation.Api.Tests;

/// <summary>
/// Exchanges of people: students, teachers, specialists or another group sent or received between institutions and places
/// over a period or an academic year, with their number as the source states it, and institutions opened for them.
/// </summary>
public class ExchangesTests(CooperationSystem system)
{
    private const string Exchanges = "/api/delegations/exchanges";

    /// <summary>Chinese students at the Belarusian State Agricultural Academy (Mogilev Oblast), from a partner no other test names.</summary>
    private static object Students(string partner, string academicYear = "2011-2012", int count = 18) => new
    {
        kind = "students",
        direction = "received",
        from = new { place = new { code = "CN-HA" }, institution = partner },
        to = new { place = new { code = "BY-MA" }, institution = "Belarusian State Agricultural Academy" },
        academicYear,
        count,
        subject = "Agriculture",
        source = new { title = "Regional cooperation of Belarus with China", quote = "There are 18 Chinese students studying at the academy." },
        note = "The seed gives no year; the report's.",
    };

    [Fact]
    public async Task An_exchange_is_recorded_and_its_count_revised_with_history_versions_and_qualifiers()
    {
        await using var queue = await EventQueue.BindAsync(system.RabbitMq);
        using var mogilev = await system.ClientAsync("committee", "BY-MA");
        var partner = Api.UniqueTitle("Henan Agricultural University");
        var year = Api.FreshYear();
        var academicYear = $"{year}-{year + 1}";

        using var created = await mogilev.PostAsync(Exchanges, Students(partner, academicYear), idempotencyKey: $"exchange-{partner}");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("\"1\"", created.Headers.ETag?.Tag);
        var exchange = await created.JsonAsync();
        var id = exchange.GetProperty("id").GetGuid();
        Assert.Equal($"{Exchanges}/{id}", created.Headers.Location?.ToString());
        Assert.Equal((18, $"{year}-09", $"{year + 1}-08"), (exchange.GetProperty("count").GetInt32(), exchange.GetProperty("period").GetProperty("from").GetString(),
            exchange.GetProperty("period").GetProperty("to").GetString()));
        Assert.Equal(("Belarusian State Agricultural Academy", partner), (exchange.GetProperty("to").GetProperty("institution").GetString(),
            exchange.GetProperty("from").GetProperty("institution").GetString()));
        using (var retry = await mogilev.PostAsync(Exchanges, Students(partner, academicYear), idempotencyKey: $"exchange-{partner}"))
            Assert.Equal((HttpStatusCode.Created, id), (retry.StatusCode, (await retry.JsonAsync()).GetProperty("id").GetGuid()));
        var recordedAt = exchange.GetProperty("updatedAt").GetDateTimeOffset();

        using (var stale = await mogilev.PostAsync($"{Exchanges}/{id}/revisions", new { count = 20, reason = "x" }, ifMatch: "\"4\""))
            Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        using var revised = await mogilev.PostAsync($"{Exchanges}/{id}/revisions",
            new { count = 100, qualifiers = new { count = "at-most" }, reason = "The academy's report says up to 100" }, ifMatch: "\"1\"");
        Assert.Equal(HttpStatusCode.OK, revised.StatusCode);
        var now = await revised.JsonAsync();
        Assert.Equal(("at-most", 18), (now.GetProperty("qualifiers").GetProperty("count").GetString(), now.GetProperty("revisions")[0].GetProperty("previousCount").GetInt32()));
        Assert.Equal(18, (await mogilev.GetJsonAsync($"{Exchanges}/{id}?version=1")).GetProperty("count").GetInt32());
        Assert.Equal(18, (await mogilev.GetJsonAsync($"{Exchanges}/{id}?asOf={Uri.EscapeDataString(recordedAt.AddMilliseconds(1).ToString("O"))}")).GetProperty("count").GetInt32());
        Assert.Equal(["exchange_recorded", "exchange_revised"],
            (await mogilev.GetJsonAsync($"{Exchanges}/{id}/history")).EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToArray());

        foreach (var filter in new[] { "region=BY-MA&kind=students&direction=received", "partner=CN-HA", "partner=CN" })
        {
            var listed = await mogilev.GetJsonAsync($"{Exchanges}?{filter}&from={year + 1}-01&to={year + 1}-01&pageSize=200");
            Assert.Contains(id, listed.GetProperty("items").EnumerateArray().Select(x => x.GetProperty("id").GetGuid()));
        }
        Assert.DoesNotContain(id, (await mogilev.GetJsonAsync($"{Exchanges}?region=BY-MA&direction=sent&from={year + 1}-01&to={year + 1}-01&pageSize=200"))
            .GetProperty("items").EnumerateArray().Select(x => x.GetProperty("id").GetGuid()));
        using var csv = new HttpRequestMessage(HttpMethod.Get, $"{Exchanges}?region=BY-MA&from={year + 1}-01&to={year + 1}-01");
        csv.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var download = await mogilev.SendAsync(csv);
        Assert.Equal(("text/csv", true), (download.Content.Headers.ContentType?.MediaType, (await download.Content.ReadAsStringAsync()).Contains(partner)));

        var messages = await queue.ForStreamAsync(id, 2);
        Assert.Contains("urn:message:Cooperation.Contracts.Delegations:ExchangeRecorded", messages[0].GetProperty("messageType").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(("received", 18), (messages[0].GetProperty("message").GetProperty("direction").GetString(), messages[0].GetProperty("message").GetProperty("count").GetInt32()));
        Assert.Equal("at-most", messages[1].GetProperty("message").GetProperty("qualifier").GetString());
    }

    [Fact]
    public async Task An_institution_opened_reads_back_with_its_date_and_only_the_home_sides_committee_writes_the_exchange()
    {
        using var grodno = await system.ClientAsync("committee", "BY-HR");
        using var gomel = await system.ClientAsync("committee", "BY-HO");
        var centre = Api.UniqueTitle("China Cultural Centre");
        var body = new
        {
            kind = "other",
            direction = "received",
            from = new { place = new { code = "CN" }, institution = "Embassy of the People's Republic of China in Belarus" },
            to = new { place = new { code = "BY-HR-GRODNO" }, institution = "Yanka Kupala State University of Grodno" },
            period = new { from = "2007-03-22" },
            opened = new { name = centre, on = "2007-03-22" },
        };
        using (var foreign = await gomel.PostAsync(Exchanges, body)) Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        var id = await grodno.CreateAsync(Exchanges, body);
        var exchange = await grodno.GetJsonAsync($"{Exchanges}/{id}");
        Assert.Equal((centre, "2007-03-22"), (exchange.GetProperty("opened").GetProperty("name").GetString(), exchange.GetProperty("opened").GetProperty("on").GetString()));
        Assert.Equal(JsonValueKind.Null, exchange.GetProperty("count").ValueKind);
        using (var other = await gomel.PostAsync($"{Exchanges}/{id}/revisions", new { count = 3, reason = "Ours" })) Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        using var nothing = await grodno.PostAsync($"{Exchanges}/{id}/revisions", new { reason = "Again" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, nothing.StatusCode);
        Assert.Contains("count", (await nothing.JsonAsync()).ErrorFields());
        Assert.Equal(1, (await grodno.GetJsonAsync($"{Exchanges}/{id}/history")).GetArrayLength());
    }

    private const string Place = """{"place":{"code":"BY-MA"}}""";
    private const string China = """{"place":{"code":"CN"}}""";

    [Theory]
    [InlineData("""{"kind":"pupils","direction":"received","from":CN,"to":BY,"period":{"from":"2011"}}""", "kind")]
    [InlineData("""{"kind":"students","direction":"across","from":CN,"to":BY,"period":{"from":"2011"}}""", "direction")]
    [InlineData("""{"kind":"students","direction":"received","to":BY,"period":{"from":"2011"}}""", "from")]
    [InlineData("""{"kind":"students","direction":"received","from":{"place":{"name":"Atlantis"}},"to":BY,"period":{"from":"2011"}}""", "from.place")]
    [InlineData("""{"kind":"students","direction":"received","from":CN,"to":CN,"period":{"from":"2011"}}""", "to.place")]
    [InlineData("""{"kind":"students","direction":"received","from":CN,"to":BY}""", "period")]
    [InlineData("""{"kind":"students","direction":"received","from":CN,"to":BY,"period":{"from":"2011","to":"2010"}}""", "period.to")]
    [InlineData("""{"kind":"students","direction":"received","from":CN,"to":BY,"academicYear":"2011-2013"}""", "academicYear")]
    [InlineData("""{"kind":"students","direction":"received","from":CN,"to":BY,"period":{"from":"2011"},"count":0}""", "count")]
    [InlineData("""{"kind":"students","direction":"received","from":CN,"to":BY,"period":{"from":"2011"},"count":5,"qualifiers":{"count":"roughly"}}""", "qualifiers.count")]
    [InlineData("""{"kind":"students","direction":"received","from":CN,"to":BY,"period":{"from":"2011"},"qualifiers":{"count":"about"}}""", "qualifiers.count")]
    [InlineData("""{"kind":"other","direction":"received","from":CN,"to":BY,"period":{"from":"2007"},"opened":{"name":"Centre"}}""", "opened.on")]
    public async Task Bad_exchanges_are_refused_with_422_naming_the_field(string body, string field)
    {
        using var mogilev = await system.ClientAsync("committee", "BY-MA");
        using var response = await mogilev.PostJsonAsync(Exchanges, body.Replace(":CN", ":" + China).Replace(":BY", ":" + Place));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(field, (await response.JsonAsync()).ErrorFields());
    }
}
