using System.Net;
using System.Text.Json;

namespace Cooperation.Api.Tests;

/// <summary>Where each fact comes from: the source and note a record is written with, kept in its events and shown where it is read.</summary>
public class ProvenanceTests(CooperationSystem system)
{
    private static object SourceOf(string document) => new
    {
        title = document,
        quote = "с провинциями Шаньдун (2004 г.), Хейлунцзян (2005 г.)",
        locator = "p. 2, section \"Interregional cooperation\"",
        url = "https://vitebsk-region.gov.by/cooperation",
    };

    [Fact]
    public async Task An_agreement_keeps_its_source_and_note_and_an_amendment_its_own_source()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        var document = Api.UniqueTitle("Vitebsk Oblast Executive Committee: interregional cooperation");
        using var created = await vitebsk.PostAsync("/api/agreements", new
        {
            kind = "cooperation",
            title = Api.UniqueTitle("Agreement with Shandong"),
            parties = new object[] { new { code = "BY-VI" }, new { code = "CN-SD" } },
            signedOn = "2004",
            source = SourceOf(document),
            note = "Also in seed 001 ('contacts with Shandong (2004)').",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var answer = await created.JsonAsync();
        var id = answer.GetProperty("id").GetGuid();
        AssertSource(answer.GetProperty("source"), document);
        Assert.Equal("Also in seed 001 ('contacts with Shandong (2004)').", answer.GetProperty("note").GetString());

        using var amended = await vitebsk.PostAsync($"/api/agreements/{id}/amendments", new
        {
            summary = "Cooperation in tourism added",
            effectiveOn = "2018",
            source = new { title = "Protocol of 2018", quote = "дополнить статьёй о туризме" },
        });
        Assert.Equal(HttpStatusCode.OK, amended.StatusCode);

        var read = await vitebsk.GetJsonAsync($"/api/agreements/{id}");
        AssertSource(read.GetProperty("source"), document);
        var amendment = Assert.Single(read.GetProperty("amendments").EnumerateArray().ToList());
        Assert.Equal("Protocol of 2018", amendment.GetProperty("source").GetProperty("title").GetString());
        Assert.Equal("дополнить статьёй о туризме", amendment.GetProperty("source").GetProperty("quote").GetString());

        // The history shows each event as stored: the registration with its source and note, the amendment with its own.
        var history = (await vitebsk.GetJsonAsync($"/api/agreements/{id}/history")).EnumerateArray().ToList();
        var registered = history.Single(e => e.GetProperty("type").GetString() == "agreement_registered").GetProperty("data");
        AssertSource(registered.GetProperty("source"), document);
        Assert.Equal("Also in seed 001 ('contacts with Shandong (2004)').", registered.GetProperty("note").GetString());
        Assert.Equal("Protocol of 2018",
            history.Single(e => e.GetProperty("type").GetString() == "agreement_amended").GetProperty("data").GetProperty("source").GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_visit_and_an_investment_project_keep_their_source_and_note()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var minskOblast = await system.ClientAsync("committee", "BY-MI");
        var document = Api.UniqueTitle("Seed 000");
        using var planned = await vitebsk.PostAsync("/api/delegations/visits", new
        {
            direction = "incoming",
            host = new { code = "BY-VI" },
            guests = new object[] { new { code = "CN-HL" } },
            plannedFrom = "2017",
            purpose = Api.UniqueTitle("International Investment Forum"),
            source = SourceOf(document),
            note = "The seed gives the year only.",
        });
        Assert.Equal(HttpStatusCode.Created, planned.StatusCode);
        var visit = await vitebsk.GetJsonAsync($"/api/delegations/visits/{(await planned.JsonAsync()).GetProperty("id").GetGuid()}");
        AssertSource(visit.GetProperty("source"), document);
        Assert.Equal("The seed gives the year only.", visit.GetProperty("note").GetString());

        using var registered = await minskOblast.PostAsync("/api/trade/projects", new
        {
            name = Api.UniqueTitle("Logistics sub-park"),
            region = "BY-MI",
            partners = new object[] { new { name = "Yiwu" } },
            source = SourceOf(document),
            note = "The cost is not stated.",
        });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var project = await minskOblast.GetJsonAsync($"/api/trade/projects/{(await registered.JsonAsync()).GetProperty("id").GetGuid()}");
        AssertSource(project.GetProperty("source"), document);
        Assert.Equal("The cost is not stated.", project.GetProperty("note").GetString());
    }

    [Theory]
    [InlineData("""{"source":{"quote":"words"}}""", "source.title")]
    [InlineData("""{"source":{"title":"t","url":"javascript:alert(1)"}}""", "source.url")]
    [InlineData("""{"source":{"title":"t","locator":"LONG"}}""", "source.locator")]
    [InlineData("""{"source":{"title":"t","quote":"HUGE"}}""", "source.quote")]
    [InlineData("""{"note":"HUGE"}""", "note")]
    public async Task A_bad_source_or_note_is_refused_with_422_naming_the_field(string provenance, string field)
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        var title = Api.UniqueTitle("Refused for its source");
        var body = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(
            provenance.Replace("LONG", new string('p', 301)).Replace("HUGE", new string('q', 4001)))!;
        body["kind"] = JsonSerializer.SerializeToElement("twinning");
        body["title"] = JsonSerializer.SerializeToElement(title);
        body["parties"] = JsonSerializer.SerializeToElement(new object[] { new { code = "BY-VI" }, new { code = "CN-SD" } });
        using var refused = await vitebsk.PostJsonAsync("/api/agreements", JsonSerializer.Serialize(body));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal([field], (await refused.JsonAsync()).ErrorFields());
        Assert.Equal(0, (await vitebsk.GetJsonAsync($"/api/agreements?q={Uri.EscapeDataString(title)}")).GetProperty("items").GetArrayLength());
    }

    private static void AssertSource(JsonElement source, string document)
    {
        Assert.Equal(document, source.GetProperty("title").GetString());
        Assert.Equal("с провинциями Шаньдун (2004 г.), Хейлунцзян (2005 г.)", source.GetProperty("quote").GetString());
        Assert.Equal("p. 2, section \"Interregional cooperation\"", source.GetProperty("locator").GetString());
        Assert.Equal("https://vitebsk-region.gov.by/cooperation", source.GetProperty("url").GetString());
    }
}
