using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Cooperation.Api.Tests;

/// <summary>
/// Occasions: events that are not a visit (fairs, forums, exhibitions, city days), recurring in numbered editions, with their
/// venue, organisers and participants, the visits made to them and what came of them.
/// </summary>
public class OccasionsTests(CooperationSystem system)
{
    private const string Occasions = "/api/delegations/occasions";

    /// <summary>An edition of a fair held in Harbin, with Vitebsk Oblast among the participants.</summary>
    private static object Fair(string series, int edition, string from = "2012-06", string? to = null, string participant = "BY-VI") => new
    {
        kind = "fair",
        title = $"{edition}th {series}",
        series,
        edition,
        venue = new { code = "CN-HL-HARBIN" },
        from,
        to,
        organisers = new object[] { new { code = "CN-HL" } },
        participants = new object[] { new { code = participant } },
        source = new { title = "Regional cooperation of Belarus with China", quote = $"visited the {edition}rd Harbin International Economic and Trade Fair" },
        note = "The stand of Vitebsk Oblast within the National Exposition.",
    };

    [Fact]
    public async Task An_occasion_is_registered_revised_and_held_with_its_history_versions_and_the_visits_made_to_it()
    {
        await using var queue = await EventQueue.BindAsync(system.RabbitMq);
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        var series = Api.UniqueTitle("Harbin Fair");

        using var created = await vitebsk.PostAsync(Occasions, Fair(series, 23), idempotencyKey: $"occasion-{series}");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("\"1\"", created.Headers.ETag?.Tag);
        var occasion = await created.JsonAsync();
        var id = occasion.GetProperty("id").GetGuid();
        Assert.Equal($"{Occasions}/{id}", created.Headers.Location?.ToString());
        Assert.Equal(("fair", 23, "planned", "CN-HL-HARBIN"), (occasion.GetProperty("kind").GetString(), occasion.GetProperty("edition").GetInt32(),
            occasion.GetProperty("status").GetString(), occasion.GetProperty("venue").GetProperty("code").GetString()));
        Assert.Equal("visited the 23rd Harbin International Economic and Trade Fair", occasion.GetProperty("source").GetProperty("quote").GetString());
        using (var retry = await vitebsk.PostAsync(Occasions, Fair(series, 23), idempotencyKey: $"occasion-{series}"))
            Assert.Equal((HttpStatusCode.Created, id), (retry.StatusCode, (await retry.JsonAsync()).GetProperty("id").GetGuid()));
        var registeredAt = occasion.GetProperty("updatedAt").GetDateTimeOffset();

        // A visit made to it names it, and the occasion lists the visit.
        var visit = await vitebsk.CreateAsync("/api/delegations/visits", Api.Merge(Api.Visit(Api.UniqueTitle("To the fair"), plannedFrom: "2012-06"),
            new { direction = "outgoing", guests = new object[] { new { code = "CN-HL-HARBIN" } }, occasionId = id }));
        Assert.Equal(id, (await vitebsk.GetJsonAsync($"/api/delegations/visits/{visit}")).GetProperty("occasionId").GetGuid());
        var withVisit = await vitebsk.GetJsonAsync($"{Occasions}/{id}");
        Assert.Equal(visit, Assert.Single(withVisit.GetProperty("visits").EnumerateArray()).GetProperty("id").GetGuid());

        var revision = Api.Merge(Fair(series, 23, "2012-06-14", "2012-06-18"), new { reason = "The fair's own programme gives the days" });
        using (var stale = await vitebsk.PostAsync($"{Occasions}/{id}/revisions", revision, ifMatch: "\"7\""))
            Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        using var revised = await vitebsk.PostAsync($"{Occasions}/{id}/revisions", revision, ifMatch: "\"1\"");
        Assert.Equal(HttpStatusCode.OK, revised.StatusCode);
        Assert.Equal(("2012-06-14", "2012-06-18"), ((await revised.JsonAsync()).GetProperty("from").GetString(), (await revised.JsonAsync()).GetProperty("to").GetString()));
        using var held = await vitebsk.PostAsync($"{Occasions}/{id}/held", new { outcomes = new[] { "A stand of Vitebsk Oblast with four companies" } }, ifMatch: "\"2\"");
        Assert.Equal(HttpStatusCode.OK, held.StatusCode);
        Assert.Equal("held", (await held.JsonAsync()).GetProperty("status").GetString());
        using (var again = await vitebsk.PostAsync($"{Occasions}/{id}/held", new { })) Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var then = await vitebsk.GetJsonAsync($"{Occasions}/{id}?asOf={Uri.EscapeDataString(registeredAt.AddMilliseconds(1).ToString("O"))}");
        Assert.Equal(("2012-06", "planned"), (then.GetProperty("from").GetString(), then.GetProperty("status").GetString()));
        Assert.Equal("2012-06-14", (await vitebsk.GetJsonAsync($"{Occasions}/{id}?version=2")).GetProperty("from").GetString());
        Assert.Equal(["occasion_registered", "occasion_revised", "occasion_held"],
            (await vitebsk.GetJsonAsync($"{Occasions}/{id}/history")).EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToArray());

        // Listed by the participant's region, the venue as partner, kind, series and days.
        foreach (var filter in new[] { $"region=BY-VI&kind=fair&from=2012-06-15&to=2012-06-15", "partner=CN-HL-HARBIN&status=held", "partner=CN&kind=fair" })
        {
            var listed = await vitebsk.GetJsonAsync($"{Occasions}?{filter}&series={Uri.EscapeDataString(series)}&pageSize=200");
            Assert.Equal(id, Assert.Single(listed.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        }
        Assert.Empty((await vitebsk.GetJsonAsync($"{Occasions}?kind=forum&series={Uri.EscapeDataString(series)}")).GetProperty("items").EnumerateArray());
        using var csv = new HttpRequestMessage(HttpMethod.Get, $"{Occasions}?series={Uri.EscapeDataString(series)}");
        csv.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var download = await vitebsk.SendAsync(csv);
        Assert.Equal(("text/csv", true), (download.Content.Headers.ContentType?.MediaType, (await download.Content.ReadAsStringAsync()).Contains($"23th {series}")));

        var messages = await queue.ForStreamAsync(id, 3);
        Assert.Contains("urn:message:Cooperation.Contracts.Delegations:OccasionRegistered", messages[0].GetProperty("messageType").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(23, messages[0].GetProperty("message").GetProperty("occasion").GetProperty("edition").GetInt32());
        Assert.Equal("2012-06-14", messages[1].GetProperty("message").GetProperty("occasion").GetProperty("from").GetString());
        Assert.Equal("A stand of Vitebsk Oblast with four companies", messages[2].GetProperty("message").GetProperty("outcomes")[0].GetString());
        var planned = Assert.Single(await queue.ForStreamAsync(visit, 1)).GetProperty("message");
        Assert.Equal(id, planned.GetProperty("occasionId").GetGuid());
    }

    [Fact]
    public async Task Only_committees_whose_territory_holds_organises_or_takes_part_write_an_occasion()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var gomel = await system.ClientAsync("committee", "BY-HO");
        using var ministry = await system.ClientAsync("ministry");
        var series = Api.UniqueTitle("Kursk Korennaya Fair");
        using (var foreign = await gomel.PostAsync(Occasions, Fair(series, 1))) Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        var id = await vitebsk.CreateAsync(Occasions, Fair(series, 1));
        using (var other = await gomel.PostAsync($"{Occasions}/{id}/cancellation", new { reason = "Not ours" })) Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        // A revision may not move the occasion out of the writer's own territory.
        using (var away = await vitebsk.PostAsync($"{Occasions}/{id}/revisions", Api.Merge(Fair(series, 1, participant: "BY-HO"), new { reason = "Moved" })))
            Assert.Equal(HttpStatusCode.Forbidden, away.StatusCode);
        Assert.Equal(1, (await vitebsk.GetJsonAsync($"{Occasions}/{id}/history")).GetArrayLength());
        // The ministry writes national occasions: one with a country among its parties.
        using (var national = await ministry.PostAsync(Occasions, Api.Merge(Fair(series, 2), new { participants = new object[] { new { code = "BY" } } })))
            Assert.Equal(HttpStatusCode.Created, national.StatusCode);

        using var cancelled = await vitebsk.PostAsync($"{Occasions}/{id}/cancellation", new { reason = "Postponed a year" });
        Assert.Equal("cancelled", (await cancelled.JsonAsync()).GetProperty("status").GetString());
        using (var held = await vitebsk.PostAsync($"{Occasions}/{id}/held", new { })) Assert.Equal(HttpStatusCode.Conflict, held.StatusCode);
    }

    [Theory]
    [InlineData("""{"kind":"party","title":"x","venue":{"code":"CN-HL-HARBIN"},"from":"2012"}""", "kind")]
    [InlineData("""{"kind":"fair","venue":{"code":"CN-HL-HARBIN"},"from":"2012"}""", "title")]
    [InlineData("""{"kind":"fair","title":"x","venue":{"code":"CN-HL-HARBIN"}}""", "from")]
    [InlineData("""{"kind":"fair","title":"x","venue":{"code":"CN-HL-HARBIN"},"from":"2012-13"}""", "from")]
    [InlineData("""{"kind":"fair","title":"x","venue":{"code":"CN-HL-HARBIN"},"from":"2012-06","to":"2012-05"}""", "to")]
    [InlineData("""{"kind":"fair","title":"x","venue":{"code":"CN-HL-HARBIN"},"from":"2012","edition":23}""", "edition")]
    [InlineData("""{"kind":"fair","title":"x","series":"s","venue":{"code":"CN-HL-HARBIN"},"from":"2012","edition":0}""", "edition")]
    [InlineData("""{"kind":"fair","title":"x","venue":{"name":"Atlantis"},"from":"2012"}""", "venue")]
    [InlineData("""{"kind":"fair","title":"x","from":"2012"}""", "venue")]
    [InlineData("""{"kind":"fair","title":"x","from":"2012","participants":[{"code":"BY-VI"},{"name":"Atlantis"}]}""", "participants[1]")]
    [InlineData("""{"kind":"fair","title":"x","from":"2012","organisers":[{"code":"XX-NOWHERE"}],"participants":[{"code":"BY-VI"}]}""", "organisers[0]")]
    public async Task Bad_occasions_are_refused_with_422_naming_the_field(string body, string field)
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var response = await vitebsk.PostJsonAsync(Occasions, body);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains((await response.JsonAsync()).ErrorFields(), f => f == field || f.StartsWith(field + ".", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_revision_without_a_reason_an_occasion_not_begun_and_a_visit_naming_no_occasion_are_refused_and_change_nothing()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        var series = Api.UniqueTitle("Forum");
        var next = DateTime.UtcNow.AddYears(1).Year.ToString();
        var id = await vitebsk.CreateAsync(Occasions, Fair(series, 5, from: next));
        using (var noReason = await vitebsk.PostAsync($"{Occasions}/{id}/revisions", Fair(series, 5, from: next)))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
            Assert.Contains("reason", (await noReason.JsonAsync()).ErrorFields());
        }
        using (var early = await vitebsk.PostAsync($"{Occasions}/{id}/held", new { })) Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        using (var missing = await vitebsk.PostAsync($"{Occasions}/{Guid.NewGuid()}/held", new { })) Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(1, (await vitebsk.GetJsonAsync($"{Occasions}/{id}/history")).GetArrayLength());

        using var visit = await vitebsk.PostAsync("/api/delegations/visits", Api.Merge(Api.Visit(Api.UniqueTitle("To nothing")), new { occasionId = Guid.NewGuid() }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, visit.StatusCode);
        Assert.Contains("occasionId", (await visit.JsonAsync()).ErrorFields());
    }
}
