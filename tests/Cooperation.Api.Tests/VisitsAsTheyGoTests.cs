using System.Net;
using System.Text.Json;

namespace Cooperation.Api.Tests;

/// <summary>
/// Visits as they really go: under way between the start its committee reports and its completion, held at a venue that is
/// neither host nor guest, with members beside the head, under an agreement; and visits a source only counts for a period.
/// </summary>
public class VisitsAsTheyGoTests(CooperationSystem system)
{
    private const string Visits = "/api/delegations/visits";
    private const string Counts = "/api/delegations/visit-counts";

    /// <summary>An outgoing visit of Grodno Oblast's free economic zone to China, held at an exhibition in Moscow.</summary>
    private static object Exhibition(string purpose, string plannedFrom = "2007-03-25", string? plannedTo = "2007-03-29") => new
    {
        direction = "outgoing",
        host = new { name = "Free Economic Zone Grodnoinvest", level = "organisation", country = "BY", region = "BY-HR" },
        guests = new object[] { new { code = "CN" } },
        venue = new { name = "Москва" },
        members = new object[] { new { name = "Mikhail Aksyonov", position = "Minister of Industry" }, new { position = "Representatives of enterprises" } },
        head = new { position = "Director of the zone" },
        plannedFrom,
        plannedTo,
        purpose,
        occasion = "National Exhibition of the PRC in Moscow",
    };

    [Fact]
    public async Task A_visit_reported_under_way_reads_under_way_until_completed_and_never_overdue()
    {
        await using var queue = await EventQueue.BindAsync(system.RabbitMq);
        using var grodno = await system.ClientAsync("committee", "BY-HR");
        var purpose = Api.UniqueTitle("Under way");
        var id = await grodno.CreateAsync(Visits, Exhibition(purpose, "2023", null));
        Assert.Equal("overdue", (await grodno.GetJsonAsync($"{Visits}/{id}")).GetProperty("status").GetString());

        using var started = await grodno.PostAsync($"{Visits}/{id}/start", new { on = "2023" }, idempotencyKey: $"start-{id}");
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        Assert.Equal("\"2\"", started.Headers.ETag?.Tag);
        var visit = await started.JsonAsync();
        Assert.Equal(("under-way", "2023"), (visit.GetProperty("status").GetString(), visit.GetProperty("startedOn").GetString()));
        // A retry with the same key answers the first answer; a second start is a conflict.
        using (var retry = await grodno.PostAsync($"{Visits}/{id}/start", new { on = "2023" }, idempotencyKey: $"start-{id}"))
            Assert.Equal((HttpStatusCode.OK, "\"2\""), (retry.StatusCode, retry.Headers.ETag?.Tag));
        using (var again = await grodno.PostAsync($"{Visits}/{id}/start", new { on = "2023" })) Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using (var cancel = await grodno.PostAsync($"{Visits}/{id}/cancellation", new { reason = "Cut short" })) Assert.Equal(HttpStatusCode.Conflict, cancel.StatusCode);

        var underWay = await grodno.GetJsonAsync($"{Visits}?region=BY-HR&status=under-way&pageSize=200");
        Assert.Contains(id, underWay.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("id").GetGuid()));
        var overdue = await grodno.GetJsonAsync($"{Visits}?region=BY-HR&status=overdue&from=2023&to=2023&pageSize=200");
        Assert.DoesNotContain(id, overdue.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("id").GetGuid()));
        var message = (await queue.ForStreamAsync(id, 2))[1];
        Assert.Equal("2023", message.GetProperty("message").GetProperty("on").GetString());

        using var completed = await grodno.PostAsync($"{Visits}/{id}/completion", new { from = "2023-05", to = "2023-06" }, ifMatch: "\"2\"");
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        Assert.Equal("completed", (await completed.JsonAsync()).GetProperty("status").GetString());
        Assert.Equal("under-way", (await grodno.GetJsonAsync($"{Visits}/{id}?version=2")).GetProperty("status").GetString());
        Assert.Equal(["visit_planned", "visit_started", "visit_completed"],
            (await grodno.GetJsonAsync($"{Visits}/{id}/history")).EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToArray());
    }

    [Fact]
    public async Task A_venue_of_a_third_place_and_the_members_beside_the_head_read_back_and_are_published()
    {
        await using var queue = await EventQueue.BindAsync(system.RabbitMq);
        using var grodno = await system.ClientAsync("committee", "BY-HR");
        var y = Api.FreshYear();
        var id = await grodno.CreateAsync(Visits, Exhibition(Api.UniqueTitle("Exhibition"), $"{y}-03-25", $"{y}-03-29"));

        var visit = await grodno.GetJsonAsync($"{Visits}/{id}");
        Assert.Equal(("RU-MOW", "Moscow"), (visit.GetProperty("venue").GetProperty("code").GetString(), visit.GetProperty("venue").GetProperty("name").GetString()));
        Assert.Equal(["Mikhail Aksyonov", null], visit.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("name").GetString()).ToArray());
        Assert.Equal("Representatives of enterprises", visit.GetProperty("members")[1].GetProperty("position").GetString());
        // Moscow is where it was held, not a partner: the visit is listed with China, not with Russia.
        Assert.Contains(id, (await grodno.GetJsonAsync($"{Visits}?partner=CN&from={y}-03&to={y}-03")).GetProperty("items").EnumerateArray().Select(v => v.GetProperty("id").GetGuid()));
        Assert.DoesNotContain(id, (await grodno.GetJsonAsync($"{Visits}?partner=RU-MOW&from={y}-03&to={y}-03")).GetProperty("items").EnumerateArray().Select(v => v.GetProperty("id").GetGuid()));

        var planned = Assert.Single(await queue.ForStreamAsync(id, 1)).GetProperty("message");
        Assert.Equal("RU-MOW", planned.GetProperty("venue").GetProperty("code").GetString());
        Assert.Equal(2, planned.GetProperty("members").GetArrayLength());
    }

    [Fact]
    public async Task A_visit_held_under_an_agreement_shows_it_and_only_the_agreements_own_committees_may_name_it()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var gomel = await system.ClientAsync("committee", "BY-HO");
        var title = Api.UniqueTitle("Agreement in force");
        var agreement = await vitebsk.CreateAsync("/api/agreements", Api.Twinning(title, signedOn: "2004"));

        using var planned = await vitebsk.PostNamingAgreementAsync(Visits, Api.Merge(Api.Visit(Api.UniqueTitle("Within the agreement"), plannedFrom: "2017-09"),
            new { heldUnder = agreement }));
        Assert.Equal(HttpStatusCode.Created, planned.StatusCode);
        var id = (await planned.JsonAsync()).GetProperty("id").GetGuid();
        // Its signature reaches Delegations a moment after its registration.
        var visit = await vitebsk.EventuallyAsync($"{Visits}/{id}", v => v.GetProperty("heldUnderAgreement").GetProperty("status").GetString() == "signed");
        Assert.Equal(agreement, visit.GetProperty("heldUnder").GetGuid());
        Assert.Equal((title, "signed"), (visit.GetProperty("heldUnderAgreement").GetProperty("title").GetString(),
            visit.GetProperty("heldUnderAgreement").GetProperty("status").GetString()));

        // Gomel may not hold its visits under Vitebsk's agreement; an agreement no one registered is 422 naming heldUnder.
        using var foreign = await gomel.PostAsync(Visits, Api.Merge(Api.Visit(Api.UniqueTitle("Not ours"), host: "BY-HO"), new { heldUnder = agreement }));
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        using var unknown = await vitebsk.PostAsync(Visits, Api.Merge(Api.Visit(Api.UniqueTitle("Unknown")), new { heldUnder = Guid.NewGuid() }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Contains("heldUnder", (await unknown.JsonAsync()).ErrorFields());
    }

    [Theory]
    [InlineData("""{"direction":"outgoing","host":{"code":"BY-HR"},"guests":[{"code":"CN"}],"plannedFrom":"2020","venue":{"name":"Atlantis"}}""", "venue")]
    [InlineData("""{"direction":"outgoing","host":{"code":"BY-HR"},"guests":[{"code":"CN"}],"plannedFrom":"2020","venue":{"code":"CN"}}""", "venue")]
    [InlineData("""{"direction":"outgoing","host":{"code":"BY-HR"},"guests":[{"code":"CN"}],"plannedFrom":"2020","members":[{"name":" "}]}""", "members[0]")]
    [InlineData("""{"direction":"outgoing","host":{"code":"BY-HR"},"guests":[{"code":"CN"}],"plannedFrom":"2020","members":[{"position":"Minister"},{}]}""", "members[1]")]
    [InlineData("""{"direction":"outgoing","host":{"code":"BY-HR"},"guests":[{"code":"CN"}],"plannedFrom":"2020","heldUnder":"not-an-id"}""", "heldUnder")]
    public async Task Bad_venues_members_and_agreements_are_refused_with_4xx_naming_the_field(string body, string field)
    {
        using var grodno = await system.ClientAsync("committee", "BY-HR");
        using var response = await grodno.PostJsonAsync(Visits, body);
        Assert.True(response.StatusCode is HttpStatusCode.UnprocessableEntity or HttpStatusCode.BadRequest, $"{(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains((await response.JsonAsync()).ErrorFields(), f => f.Equals(field, StringComparison.OrdinalIgnoreCase) || f.EndsWith("." + field, StringComparison.OrdinalIgnoreCase) || f == "$." + field);
    }

    [Fact]
    public async Task A_start_in_the_future_or_without_a_date_is_refused_naming_on_and_changes_nothing()
    {
        using var grodno = await system.ClientAsync("committee", "BY-HR");
        using var gomel = await system.ClientAsync("committee", "BY-HO");
        var id = await grodno.CreateAsync(Visits, Exhibition(Api.UniqueTitle("Not yet")));
        foreach (var body in new object[] { new { on = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd") }, new { on = (string?)null }, new { on = "soon" } })
        {
            using var refused = await grodno.PostAsync($"{Visits}/{id}/start", body);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Contains("on", (await refused.JsonAsync()).ErrorFields());
        }
        using (var other = await gomel.PostAsync($"{Visits}/{id}/start", new { on = "2007-03" })) Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        using (var missing = await grodno.PostAsync($"{Visits}/{Guid.NewGuid()}/start", new { on = "2007-03" })) Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(1, (await grodno.GetJsonAsync($"{Visits}/{id}/history")).GetArrayLength());
    }

    private static object Count(string partner, string direction, int year, int count = 22) => new
    {
        direction,
        host = new { name = "Благовещенск" },
        partner = new { name = partner, level = "organisation", country = "CN" },
        period = new { from = year.ToString(), to = year.ToString() },
        count,
        source = new { title = "Blagoveshchensk city administration: international relations in 2011", quote = "Из КНР было принято 22 делегации" },
        note = "The seed names none of them.",
    };

    [Fact]
    public async Task Visits_counted_for_a_period_are_a_record_with_its_history_version_and_revisions()
    {
        await using var queue = await EventQueue.BindAsync(system.RabbitMq);
        using var amur = await system.ClientAsync("committee", "RU-AMU");
        var partner = DashboardTests.UniquePartner();
        var year = Api.FreshYear();

        using var created = await amur.PostAsync(Counts, Count(partner, "incoming", year), idempotencyKey: $"count-{partner}");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("\"1\"", created.Headers.ETag?.Tag);
        var count = await created.JsonAsync();
        var id = count.GetProperty("id").GetGuid();
        Assert.Equal($"{Counts}/{id}", created.Headers.Location?.ToString());
        Assert.Equal(("RU-AMU-BLAGOVESHCHENSK", 22, year.ToString()), (count.GetProperty("host").GetProperty("code").GetString(), count.GetProperty("count").GetInt32(),
            count.GetProperty("period").GetProperty("from").GetString()));
        Assert.Equal("Из КНР было принято 22 делегации", count.GetProperty("source").GetProperty("quote").GetString());
        using (var retry = await amur.PostAsync(Counts, Count(partner, "incoming", year), idempotencyKey: $"count-{partner}"))
            Assert.Equal((HttpStatusCode.Created, id), (retry.StatusCode, (await retry.JsonAsync()).GetProperty("id").GetGuid()));
        using (var twice = await amur.PostAsync(Counts, Count(partner, "incoming", year, 23))) Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        var outgoing = await amur.CreateAsync(Counts, Count(partner, "outgoing", year));
        Assert.NotEqual(id, outgoing);

        using (var stale = await amur.PostAsync($"{Counts}/{id}/revisions", new { count = 24, reason = "x" }, ifMatch: "\"7\"")) Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        using var revised = await amur.PostAsync($"{Counts}/{id}/revisions", new { count = 22, qualifiers = new { count = "at-least" }, reason = "The report says at least" }, ifMatch: "\"1\"");
        Assert.Equal(HttpStatusCode.OK, revised.StatusCode);
        var now = await revised.JsonAsync();
        Assert.Equal("at-least", now.GetProperty("qualifiers").GetProperty("count").GetString());
        Assert.Equal(22, now.GetProperty("revisions")[0].GetProperty("previousCount").GetInt32());
        Assert.False((await amur.GetJsonAsync($"{Counts}/{id}?version=1")).TryGetProperty("qualifiers", out var q) && q.ValueKind != JsonValueKind.Null);
        Assert.Equal(["visits_counted", "visits_recounted"],
            (await amur.GetJsonAsync($"{Counts}/{id}/history")).EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToArray());

        var listed = await amur.GetJsonAsync($"{Counts}?region=RU-AMU&from={year}&to={year}&pageSize=200");
        Assert.Equal(new[] { id, outgoing }.Order(), listed.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).Order());
        var incoming = await amur.GetJsonAsync($"{Counts}?region=RU-AMU&direction=incoming&from={year}&to={year}&pageSize=200");
        Assert.Equal(id, Assert.Single(incoming.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());

        var messages = await queue.ForStreamAsync(id, 2);
        Assert.Contains("urn:message:Cooperation.Contracts.Delegations:VisitsCounted", messages[0].GetProperty("messageType").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("at-least", messages[1].GetProperty("message").GetProperty("qualifier").GetString());
    }

    [Theory]
    [InlineData("""{"direction":"across","host":{"code":"RU-AMU-BLAGOVESHCHENSK"},"partner":{"code":"CN"},"period":{"from":"2011","to":"2011"},"count":22}""", "direction")]
    [InlineData("""{"direction":"incoming","host":{"name":"Atlantis"},"partner":{"code":"CN"},"period":{"from":"2011","to":"2011"},"count":22}""", "host")]
    [InlineData("""{"direction":"incoming","host":{"code":"RU-AMU-BLAGOVESHCHENSK"},"period":{"from":"2011","to":"2011"},"count":22}""", "partner")]
    [InlineData("""{"direction":"incoming","host":{"code":"RU-AMU-BLAGOVESHCHENSK"},"partner":{"code":"CN"},"count":22}""", "period")]
    [InlineData("""{"direction":"incoming","host":{"code":"RU-AMU-BLAGOVESHCHENSK"},"partner":{"code":"CN"},"period":{"from":"2011-13","to":"2011"},"count":22}""", "period.from")]
    [InlineData("""{"direction":"incoming","host":{"code":"RU-AMU-BLAGOVESHCHENSK"},"partner":{"code":"CN"},"period":{"from":"2011","to":"2010"},"count":22}""", "period.to")]
    [InlineData("""{"direction":"incoming","host":{"code":"RU-AMU-BLAGOVESHCHENSK"},"partner":{"code":"CN"},"period":{"from":"2099","to":"2099"},"count":22}""", "period.from")]
    [InlineData("""{"direction":"incoming","host":{"code":"RU-AMU-BLAGOVESHCHENSK"},"partner":{"code":"CN"},"period":{"from":"2011","to":"2011"}}""", "count")]
    [InlineData("""{"direction":"incoming","host":{"code":"RU-AMU-BLAGOVESHCHENSK"},"partner":{"code":"CN"},"period":{"from":"2011","to":"2011"},"count":-1}""", "count")]
    [InlineData("""{"direction":"incoming","host":{"code":"RU-AMU-BLAGOVESHCHENSK"},"partner":{"code":"CN"},"period":{"from":"2011","to":"2011"},"count":22,"qualifiers":{"count":"roughly"}}""", "qualifiers.count")]
    [InlineData("""{"direction":"incoming","host":{"code":"RU-AMU-BLAGOVESHCHENSK"},"partner":{"code":"RU-AMU-BLAGOVESHCHENSK"},"period":{"from":"2011","to":"2011"},"count":22}""", "partner")]
    public async Task Bad_counts_are_refused_with_422_naming_the_field(string body, string field)
    {
        using var amur = await system.ClientAsync("committee", "RU-AMU");
        using var response = await amur.PostJsonAsync(Counts, body);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(field, (await response.JsonAsync()).ErrorFields());
    }

    [Fact]
    public async Task Only_the_hosts_committee_counts_its_visits_and_corrects_the_count()
    {
        using var amur = await system.ClientAsync("committee", "RU-AMU");
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        var partner = DashboardTests.UniquePartner();
        using (var foreign = await vitebsk.PostAsync(Counts, Count(partner, "incoming", 2011))) Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        var id = await amur.CreateAsync(Counts, Count(partner, "incoming", 2011));
        using (var other = await vitebsk.PostAsync($"{Counts}/{id}/revisions", new { count = 3, reason = "Ours" })) Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        using var nothing = await amur.PostAsync($"{Counts}/{id}/revisions", new { count = 22, reason = "Again" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, nothing.StatusCode);
        Assert.Contains("count", (await nothing.JsonAsync()).ErrorFields());
        using var noReason = await amur.PostAsync($"{Counts}/{id}/revisions", new { count = 21 });
        Assert.Contains("reason", (await noReason.JsonAsync()).ErrorFields());
        Assert.Equal(1, (await amur.GetJsonAsync($"{Counts}/{id}/history")).GetArrayLength());
    }
}
