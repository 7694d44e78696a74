using System.Net;

namespace Cooperation.Api.Tests;

/// <summary>A party the source does not name, known only by its country: "a Chinese party".</summary>
public class PartyByCountryTests(CooperationSystem system)
{
    [Fact]
    public async Task An_agreement_with_a_party_known_only_by_its_country_is_stored_and_read_back_as_unnamed()
    {
        await using var queue = await EventQueue.BindAsync(system.RabbitMq);
        using var minsk = await system.ClientAsync("committee", "BY-HM", "minsk-city-clerk");
        var title = Api.UniqueTitle("Agreement on cooperation in tourism between Minsk and a Chinese party");

        using var registered = await minsk.PostAsync("/api/agreements", new
        {
            kind = "cooperation", title, signedOn = "2005-12", parties = new object[] { new { code = "BY-HM" }, new { country = "CN" } },
        });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var id = (await registered.JsonAsync()).GetProperty("id").GetGuid();

        var party = (await minsk.GetJsonAsync($"/api/agreements/{id}")).GetProperty("parties")[1];
        Assert.Equal(("unnamed", "CN", "A party of China, not named"),
            (party.GetProperty("level").GetString(), party.GetProperty("country").GetString(), party.GetProperty("name").GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, party.GetProperty("code").ValueKind);
        var listed = await minsk.GetJsonAsync($"/api/agreements?party=CN&q={Uri.EscapeDataString(title)}");
        Assert.Equal(1, listed.GetProperty("total").GetInt64());
        var published = (await queue.ForStreamAsync(id, 2)).Select(m => m.GetProperty("message"))
            .Single(m => m.TryGetProperty("parties", out _)).GetProperty("parties")[1];
        Assert.Equal(("unnamed", "CN"), (published.GetProperty("level").GetString(), published.GetProperty("country").GetString()));
    }

    [Theory]
    [InlineData("""{"country":"XX"}""", "parties[1].country")]
    [InlineData("""{"country":"CN-HL"}""", "parties[1].country")]
    [InlineData("""{"level":"unnamed"}""", "parties[1].country")]
    [InlineData("""{"level":"unnamed","country":"CN","name":"Harbin"}""", "parties[1].level")]
    [InlineData("""{"code":"XX-YY"}""", "parties[1]")]
    public async Task A_bad_party_is_refused_with_422_naming_its_field(string party, string field)
    {
        using var minsk = await system.ClientAsync("committee", "BY-HM");
        var title = Api.UniqueTitle("Refused");
        using var response = await minsk.PostJsonAsync("/api/agreements",
            $$"""{"kind":"cooperation","title":"{{title}}","parties":[{"code":"BY-HM"},{{party}}]}""");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(field, (await response.JsonAsync()).ErrorFields());
        Assert.Equal(0, (await minsk.GetJsonAsync($"/api/agreements?q={Uri.EscapeDataString(title)}")).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task A_party_known_only_by_its_country_grants_no_territory()
    {
        using var minsk = await system.ClientAsync("committee", "BY-HM");
        using var alone = await minsk.PostAsync("/api/agreements", new
        {
            kind = "cooperation", title = Api.UniqueTitle("Unnamed parties alone"), parties = new object[] { new { country = "BY" }, new { country = "CN" } },
        });
        Assert.Equal(HttpStatusCode.Forbidden, alone.StatusCode);
        using var ministry = await system.ClientAsync("ministry");
        using var national = await ministry.PostAsync("/api/agreements", new
        {
            kind = "cooperation", title = Api.UniqueTitle("Unnamed parties alone"), parties = new object[] { new { country = "BY" }, new { country = "CN" } },
        });
        Assert.Equal(HttpStatusCode.Forbidden, national.StatusCode);
    }
}
