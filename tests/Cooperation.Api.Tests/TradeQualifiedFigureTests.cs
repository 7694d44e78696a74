using System.Net;
using System.Text.Json;

namespace Cooperation.Api.Tests;

/// <summary>Figures the sources state roughly ("about 345", "more than 190 percent"): stored, read back and checked as the ranges they state.</summary>
public class TradeQualifiedFigureTests(CooperationSystem system)
{
    private static object Report(int y, object figures) => Api.Merge(new
    {
        reporter = new { code = "BY-MA" }, partner = new { code = "CN" }, period = new { from = $"{y}" }, flow = "goods", currency = "USD", unit = "million",
    }, figures);

    [Fact]
    public async Task An_about_figure_is_kept_with_its_qualifier_and_checked_as_the_range_it_states()
    {
        await using var queue = await EventQueue.BindAsync(system.RabbitMq);
        using var mogilev = await system.ClientAsync("committee", "BY-MA", "mogilev-clerk");
        var y = Api.FreshYear();

        // 20 + 7 = 27: an exact turnover of 30 contradicts them, "about 30" (27 to 33) does not, "about 32" (28.8 to 35.2) does.
        using var exact = await mogilev.PostAsync("/api/trade/reports", Report(y, new { exports = 20m, imports = 7m, turnover = 30m }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, exact.StatusCode);
        Assert.Contains("turnover", (await exact.JsonAsync()).ErrorFields());
        using var outside = await mogilev.PostAsync("/api/trade/reports", Report(y, new { exports = 20m, imports = 7m, turnover = 32m, qualifiers = new { turnover = "about" } }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, outside.StatusCode);
        var problem = await outside.JsonAsync();
        Assert.Contains("turnover", problem.ErrorFields());
        Assert.Contains("about 32", problem.GetProperty("errors").GetProperty("turnover")[0].GetString());

        using var filed = await mogilev.PostAsync("/api/trade/reports", Report(y, new { exports = 20m, imports = 7m, turnover = 30m, qualifiers = new { turnover = "about" } }));
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var id = (await filed.JsonAsync()).GetProperty("id").GetGuid();
        var read = await mogilev.GetJsonAsync($"/api/trade/reports/{id}");
        // The figure stays a number, so a client that knows no qualifiers reads it as before.
        Assert.Equal(30m, read.GetProperty("turnover").GetDecimal());
        Assert.Equal("about", read.GetProperty("qualifiers").GetProperty("turnover").GetString());
        Assert.False(read.GetProperty("qualifiers").TryGetProperty("exports", out _));
        var message = Assert.Single(await queue.ForStreamAsync(id, 1)).GetProperty("message");
        Assert.Equal("about", message.GetProperty("figures").GetProperty("qualifiers").GetProperty("turnover").GetString());

        // Restated without a qualifier, the figure becomes exact: 30 against 27 is refused, 27 is taken, and the history says what it was.
        using var madeExact = await mogilev.PostAsync($"/api/trade/reports/{id}/revisions", new { turnover = 30m, reason = "exact figures" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, madeExact.StatusCode);
        using var revised = await mogilev.PostAsync($"/api/trade/reports/{id}/revisions", new { turnover = 27m, reason = "final figures" });
        Assert.Equal(HttpStatusCode.OK, revised.StatusCode);
        var now = await revised.JsonAsync();
        Assert.Equal(JsonValueKind.Null, now.GetProperty("qualifiers").ValueKind);
        var change = now.GetProperty("revisions")[0].GetProperty("changes")[0];
        Assert.Equal(("about", JsonValueKind.Null), (change.GetProperty("fromQualifier").GetString(), change.GetProperty("toQualifier").ValueKind));
    }

    [Fact]
    public async Task Growth_of_more_than_a_figure_is_a_lower_bound_and_the_series_says_so()
    {
        using var mogilev = await system.ClientAsync("committee", "BY-MA");
        var y = Api.FreshYear();
        // Exports doubled and imports grew 10 %, from 10 each: turnover grew 55 %. "More than 50" agrees; "more than 90" does not.
        var figures = new { exports = 20m, imports = 11m, exportsGrowthPercent = 100m, importsGrowthPercent = 10m };
        using var refused = await mogilev.PostAsync("/api/trade/reports", Report(y, Api.Merge(figures, new { growthPercent = 90m, qualifiers = new { growthPercent = "at-least" } })));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("growthPercent", (await refused.JsonAsync()).ErrorFields());
        using var filed = await mogilev.PostAsync("/api/trade/reports", Report(y, Api.Merge(figures, new { growthPercent = 50m, qualifiers = new { growthPercent = "at-least" } })));
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);

        var series = await mogilev.GetJsonAsync($"/api/trade/turnover?reporter=BY-MA&partner=CN&from={y}&to={y}");
        var point = series.GetProperty("series")[0].GetProperty("points")[0];
        Assert.Equal((50m, "reported"), (point.GetProperty("growthPercent").GetDecimal(), point.GetProperty("growthBasis").GetString()));
        Assert.Equal("at-least", point.GetProperty("qualifiers").GetProperty("growthPercent").GetString());
    }

    public static TheoryData<string, string> BadQualifiers => new()
    {
        { """{"turnover":30,"qualifiers":{"turnover":"roughly"}}""", "qualifiers.turnover" },
        { """{"turnover":30,"qualifiers":{"weight":"about"}}""", "qualifiers.weight" },
        { """{"turnover":30,"qualifiers":{"exports":"about"}}""", "qualifiers.exports" },
        { """{"exports":3,"commodities":{"exports":[{"name":"Flax","value":1,"qualifiers":{"value":"almost"}}]}}""", "commodities.exports[0].qualifiers.value" },
        { """{"exports":3,"commodities":{"exports":[{"name":"Flax","qualifiers":{"sharePercent":"about"}}]}}""", "commodities.exports[0].qualifiers.sharePercent" },
    };

    [Theory]
    [MemberData(nameof(BadQualifiers))]
    public async Task Bad_qualifiers_are_refused_with_422_naming_the_field_and_store_nothing(string figures, string field)
    {
        using var mogilev = await system.ClientAsync("committee", "BY-MA");
        var y = Api.FreshYear();
        var body = Report(y, JsonSerializer.Deserialize<JsonElement>(figures));
        using var response = await mogilev.PostAsync("/api/trade/reports", body);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(field, (await response.JsonAsync()).ErrorFields());
        Assert.Equal(0, (await mogilev.GetJsonAsync($"/api/trade/reports?reporter=BY-MA&from={y}&to={y}")).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task A_cost_a_count_and_a_visit_size_may_be_qualified_too()
    {
        using var mogilev = await system.ClientAsync("committee", "BY-MA");
        var marker = Guid.NewGuid().ToString("N");
        using var project = await mogilev.PostAsync("/api/trade/projects", new
        {
            name = $"Dairy plant {marker}", region = "BY-MA", partners = new object[] { new { country = "CN" } },
            cost = 270m, currency = "USD", qualifiers = new { cost = "about" },
        });
        Assert.Equal(HttpStatusCode.Created, project.StatusCode);
        var registered = await project.JsonAsync();
        Assert.Equal((270m, "about"), (registered.GetProperty("cost").GetProperty("amount").GetDecimal(), registered.GetProperty("cost").GetProperty("qualifier").GetString()));
        Assert.Equal("unnamed", registered.GetProperty("partners")[0].GetProperty("level").GetString());
        using var costless = await mogilev.PostAsync("/api/trade/projects", new
        {
            name = $"Costless {marker}", region = "BY-MA", partners = new object[] { new { code = "CN" } }, qualifiers = new { cost = "about" },
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, costless.StatusCode);
        Assert.Contains("qualifiers.cost", (await costless.JsonAsync()).ErrorFields());

        // "More than 50" companies, 60 of them joint ventures: an exact total of 50 cannot hold 60, one of more than 50 can.
        var day = $"{Api.FreshYear()}-07-01";
        using var exact = await mogilev.PostAsync("/api/trade/foreign-invested-companies", new { region = "BY-MA", asOf = day, total = 50, jointVentures = 60 });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, exact.StatusCode);
        Assert.Contains("jointVentures", (await exact.JsonAsync()).ErrorFields());
        using var counted = await mogilev.PostAsync("/api/trade/foreign-invested-companies",
            new { region = "BY-MA", asOf = day, total = 50, jointVentures = 60, qualifiers = new { total = "at-least" } });
        Assert.Equal(HttpStatusCode.Created, counted.StatusCode);
        Assert.Equal("at-least", (await counted.JsonAsync()).GetProperty("qualifiers").GetProperty("total").GetString());

        using var visit = await mogilev.PostAsync("/api/delegations/visits", Api.Merge(Api.Visit($"Delegation of more than 100 {marker}", host: "BY-MA"),
            new { size = 100, qualifiers = new { size = "at-least" } }));
        Assert.Equal(HttpStatusCode.Created, visit.StatusCode);
        var planned = await visit.JsonAsync();
        Assert.Equal((100, "at-least"), (planned.GetProperty("size").GetInt32(), planned.GetProperty("qualifiers").GetProperty("size").GetString()));
        using var sizeless = await mogilev.PostAsync("/api/delegations/visits", Api.Merge(Api.Visit($"Sizeless {marker}", host: "BY-MA"), new { size = (int?)null, qualifiers = new { size = "about" } }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, sizeless.StatusCode);
        Assert.Contains("qualifiers.size", (await sizeless.JsonAsync()).ErrorFields());
    }
}
