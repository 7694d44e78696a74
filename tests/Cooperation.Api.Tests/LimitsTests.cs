using System.Net;

namespace Cooperation.Api.Tests;

/// <summary>What one request may carry (the Limits configuration, at its defaults): beyond it, a 422 naming the field, or a 400 naming the header.</summary>
public class LimitsTests(CooperationSystem system)
{
    private const int Items = 100;

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"expected 422, got {(int)response.StatusCode}: {body}");
        Assert.Contains(field, (await response.JsonAsync()).ErrorFields());
    }

    private static object[] Many(int count, Func<int, object> item) => Enumerable.Range(0, count).Select(item).ToArray();

    public static TheoryData<string, string> AgreementFields => new()
    {
        { "parties", "parties" },
        { "signatories", "signatories" },
        { "party name", "parties[1].name" },
        { "party code", "parties[1].code" },
        { "title", "title" },
        { "javascript url", "source.url" },
    };

    [Theory]
    [MemberData(nameof(AgreementFields))]
    public async Task An_agreement_beyond_the_limits_is_refused_naming_the_field(string what, string field)
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        var title = Api.UniqueTitle("Limits");
        object[] parties = [new { code = "BY-VI" }, new { code = "CN-HL" }];
        object body = what switch
        {
            "parties" => new { kind = "twinning", title, parties = Many(Items + 1, i => new { level = "organisation", name = $"Company {i}" }) },
            "signatories" => new { kind = "twinning", title, parties, signedOn = "2014", signatories = Many(Items + 1, i => new { name = $"Signatory {i}" }) },
            "party name" => new { kind = "twinning", title, parties = new object[] { new { code = "BY-VI" }, new { level = "organisation", name = new string('n', 301) } } },
            "party code" => new { kind = "twinning", title, parties = new object[] { new { code = "BY-VI" }, new { level = "organisation", name = "Org", code = new string('C', 65) } } },
            "title" => new { kind = "twinning", title = new string('t', 501), parties },
            _ => new { kind = "twinning", title, parties, source = new { title = "Source", url = "javascript:alert(1)" } },
        };

        using var response = await vitebsk.PostAsync("/api/agreements", body);

        await AssertRefusedAsync(response, field);
        Assert.Equal(0, (await vitebsk.GetJsonAsync($"/api/agreements?q={Uri.EscapeDataString(title)}")).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task A_visit_with_too_many_guests_or_programme_items_is_refused_naming_the_field()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        var id = await vitebsk.CreateAsync("/api/delegations/visits", Api.Visit(Api.UniqueTitle("Limits")));

        using var guests = await vitebsk.PostAsync("/api/delegations/visits", new
        {
            direction = "incoming", host = new { code = "BY-VI" }, plannedFrom = "2019-10",
            guests = Many(Items + 1, i => new { level = "organisation", name = $"Guest {i}" }),
        });
        using var programme = await vitebsk.PostAsync($"/api/delegations/visits/{id}/programme", new
        {
            items = Many(Items + 1, i => new { kind = "meeting", description = $"Meeting {i}" }),
        });

        await AssertRefusedAsync(guests, "guests");
        await AssertRefusedAsync(programme, "items");
        Assert.Equal(0, (await vitebsk.GetJsonAsync($"/api/delegations/visits/{id}")).GetProperty("programme").GetArrayLength());
    }

    [Fact]
    public async Task A_trade_report_with_too_many_commodities_is_refused_naming_the_field()
    {
        using var grodno = await system.ClientAsync("committee", "BY-HR");

        var y = Api.FreshYear();
        using var response = await grodno.PostAsync("/api/trade/reports", new
        {
            reporter = new { code = "BY-HR" }, partner = new { code = "CN" }, period = new { from = $"{y}-01", to = $"{y}-02" },
            flow = "goods", currency = "USD", unit = "million", exports = 21.1m,
            commodities = new { exports = Many(Items + 1, i => new { name = $"Commodity {i}" }) },
        });

        await AssertRefusedAsync(response, "commodities.exports");
    }

    [Fact]
    public async Task A_write_with_an_overlong_correlation_id_is_refused_with_400_naming_the_header()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        var title = Api.UniqueTitle("Correlated");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/agreements")
        {
            Content = System.Net.Http.Json.JsonContent.Create(Api.Twinning(title), options: Api.Json),
        };
        request.Headers.Add("X-Correlation-Id", new string('x', 30 * 1024));

        using var response = await vitebsk.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("X-Correlation-Id", (await response.JsonAsync()).GetProperty("detail").GetString());
        Assert.Equal(0, (await vitebsk.GetJsonAsync($"/api/agreements?q={Uri.EscapeDataString(title)}")).GetProperty("total").GetInt64());
    }
}
