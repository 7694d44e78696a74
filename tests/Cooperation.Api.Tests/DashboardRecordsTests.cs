using System.Net;
using System.Text.Json;
using static Cooperation.Api.Tests.DashboardTests;

namespace Cooperation.Api.Tests;

/// <summary>
/// What the dashboard counts of the records beside agreements and visits: occasions upcoming and recent, exchanges per partner,
/// commission sessions as activity under the agreement that set the commission up, visits under way. Each counted from this
/// test's own partner. In the dashboard's collection, since other tests there restart it.
/// </summary>
[Collection(nameof(DashboardTests))]
public class DashboardRecordsTests(CooperationSystem system)
{
    private static string Summary(string partner) => $"/api/dashboard/summary?partner={Uri.EscapeDataString(partner)}";

    private static object Organisation(string partner) => new { name = partner, level = "organisation" };

    /// <summary>An occasion of Vitebsk Oblast's with this test's partner among its participants.</summary>
    private static object Occasion(string partner, string kind, string from, string? to = null) => new
    {
        kind, title = Api.UniqueTitle($"{kind} with {partner}"), from, to,
        organisers = new object[] { new { code = "BY-VI" } },
        participants = new[] { Organisation(partner) },
    };

    private static Guid[] Ids(JsonElement list) => list.EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToArray();

    [Fact]
    public async Task Occasions_are_counted_by_kind_and_status_the_recent_ones_listed_and_the_coming_ones_upcoming()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var ministry = await system.ClientAsync("ministry");
        var partner = UniquePartner();
        const string Occasions = "/api/delegations/occasions";
        var fair = await vitebsk.CreateAsync(Occasions, Occasion(partner, "fair", Day(-20), Day(-18)));
        var forum = await vitebsk.CreateAsync(Occasions, Occasion(partner, "forum", Day(-5)));
        var festival = await vitebsk.CreateAsync(Occasions, Occasion(partner, "festival", Day(10), Day(12)));
        var concert = await vitebsk.CreateAsync(Occasions, Occasion(partner, "concert", Day(15)));
        await SucceedsAsync(vitebsk.PostAsync($"{Occasions}/{fair}/held", new { outcomes = new[] { "Four contracts" } }));
        await SucceedsAsync(vitebsk.PostAsync($"{Occasions}/{concert}/cancellation", new { reason = "No hall" }));

        var summary = await ministry.EventuallyAsync(Summary(partner), s => s.GetProperty("occasions").GetProperty("byStatus").TryGetProperty("cancelled", out _)
            && s.GetProperty("occasions").GetProperty("byStatus").TryGetProperty("held", out _));
        var occasions = summary.GetProperty("occasions");
        Assert.Equal(4, occasions.GetProperty("total").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["fair"] = 1, ["forum"] = 1, ["festival"] = 1, ["concert"] = 1 }, Counts(occasions.GetProperty("byKind")));
        Assert.Equal(new Dictionary<string, int> { ["planned"] = 2, ["held"] = 1, ["cancelled"] = 1 }, Counts(occasions.GetProperty("byStatus")));
        // Recent: begun on or before today, the latest first; neither what is to come nor what was cancelled.
        Assert.Equal([forum, fair], Ids(occasions.GetProperty("recent")));
        Assert.Equal("held", occasions.GetProperty("recent")[1].GetProperty("status").GetString());

        // Upcoming: the festival alone (the concert was cancelled), within the days looked at.
        var upcoming = await ministry.GetJsonAsync($"/api/dashboard/upcoming?partner={Uri.EscapeDataString(partner)}");
        var entry = Assert.Single(upcoming.GetProperty("items").EnumerateArray());
        Assert.Equal(("occasion", festival, Day(10), Day(12), "BY-VI"), (entry.GetProperty("kind").GetString(), entry.GetProperty("id").GetGuid(),
            entry.GetProperty("from").GetString(), entry.GetProperty("to").GetString(), entry.GetProperty("region").GetString()));
        Assert.Empty((await ministry.GetJsonAsync($"/api/dashboard/upcoming?partner={Uri.EscapeDataString(partner)}&days=5")).GetProperty("items").EnumerateArray());
        Assert.Equal(0, (await ministry.GetJsonAsync(Summary(partner) + "&region=BY-MI")).GetProperty("occasions").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Exchanges_are_counted_by_kind_and_per_partner()
    {
        using var mogilev = await system.ClientAsync("committee", "BY-MA");
        using var ministry = await system.ClientAsync("ministry");
        var partner = UniquePartner();
        object Exchange(string kind, string direction, int count)
        {
            var (home, other) = (new { place = new { code = "BY-MA" }, institution = "Belarusian State Agricultural Academy" }, new { place = Organisation(partner), institution = (string?)null });
            return new
            {
                kind, direction, from = direction == "sent" ? (object)home : other, to = direction == "sent" ? (object)other : home,
                period = new { from = "2019-09", to = "2020-06" }, count,
            };
        }
        var exchange = await mogilev.CreateAsync("/api/delegations/exchanges", Exchange("students", "received", 18));
        await mogilev.CreateAsync("/api/delegations/exchanges", Exchange("students", "sent", 5));
        await mogilev.CreateAsync("/api/delegations/exchanges", Exchange("specialists", "received", 3));
        await SucceedsAsync(mogilev.PostAsync($"/api/delegations/exchanges/{exchange}/revisions", new { count = 20, reason = "The academy's report" }));

        var summary = await ministry.EventuallyAsync(Summary(partner), s => s.GetProperty("exchanges").GetProperty("total").GetInt32() == 3);
        var exchanges = summary.GetProperty("exchanges");
        Assert.Equal(new Dictionary<string, int> { ["students"] = 2, ["specialists"] = 1 }, Counts(exchanges.GetProperty("byKind")));
        Assert.Equal(new Dictionary<string, int> { [partner] = 3 }, Counts(exchanges.GetProperty("byPartner")));
        Assert.Equal(3, (await ministry.GetJsonAsync(Summary(partner) + "&region=BY-MA")).GetProperty("exchanges").GetProperty("total").GetInt32());
        Assert.Equal(0, (await ministry.GetJsonAsync(Summary(partner) + "&region=BY-VI")).GetProperty("exchanges").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_session_of_a_commission_set_up_by_an_agreement_keeps_the_agreement_from_being_dormant()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var ministry = await system.ClientAsync("ministry");
        var partner = UniquePartner();
        var agreement = await RegisterAsync(vitebsk, Agreement(partner, "cooperation", "2015-03-10"));
        var untouched = await RegisterAsync(vitebsk, Agreement(partner, "memorandum", "2015-04-01"));
        var dormant = $"/api/dashboard/dormant?partner={Uri.EscapeDataString(partner)}&since=2018-01-01";
        await ministry.EventuallyAsync(dormant, d => Ids(d.GetProperty("items")).Length == 2);

        var commission = await vitebsk.CreateAsync("/api/agreements/commissions", new
        {
            kind = "working-group", title = Api.UniqueTitle("Working group"), foundingAgreementId = agreement,
            parties = new object[] { new { code = "BY-VI", level = "region" }, Organisation(partner) },
        });
        await SucceedsAsync(vitebsk.PostAsync($"/api/agreements/commissions/{commission}/sessions", new { number = 2, on = "2019-03", agenda = new[] { "Trade fairs" } }));

        var after = await ministry.EventuallyAsync(dormant, d => Ids(d.GetProperty("items")).SequenceEqual([untouched]));
        Assert.Equal(1, after.GetProperty("total").GetInt32());
        var later = await ministry.GetJsonAsync($"/api/dashboard/dormant?partner={Uri.EscapeDataString(partner)}&since=2020-01-01");
        var session = later.GetProperty("items").EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == agreement).GetProperty("lastActivity");
        Assert.Equal(("2019-03", "commission-session", "Trade fairs"), (session.GetProperty("on").GetString(), session.GetProperty("kind").GetString(),
            session.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task Visits_begun_are_listed_under_way_and_are_not_overdue()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var ministry = await system.ClientAsync("ministry");
        var partner = UniquePartner();
        var begun = await vitebsk.CreateAsync("/api/delegations/visits", Visit(partner, "incoming", Day(-3)));
        var overdue = await vitebsk.CreateAsync("/api/delegations/visits", Visit(partner, "outgoing", Day(-3)));
        await SucceedsAsync(vitebsk.PostAsync($"/api/delegations/visits/{begun}/start", new { on = Day(-2) }));

        // The counts (the tally) and the lists (the rows) are read one after the other: waited for both.
        var summary = await ministry.EventuallyAsync(Summary(partner), s => s.GetProperty("visits").GetProperty("underWay").GetArrayLength() == 1
            && s.GetProperty("visits").GetProperty("byStatus").TryGetProperty("under-way", out _));
        var underWay = Assert.Single(summary.GetProperty("visits").GetProperty("underWay").EnumerateArray());
        Assert.Equal((begun, Day(-2), "incoming", "BY-VI"), (underWay.GetProperty("id").GetGuid(), underWay.GetProperty("startedOn").GetString(),
            underWay.GetProperty("direction").GetString(), underWay.GetProperty("region").GetString()));
        Assert.Equal([overdue], Ids(summary.GetProperty("visits").GetProperty("overdue")));
        Assert.Equal(1, summary.GetProperty("visits").GetProperty("byStatus").GetProperty("under-way").GetInt32());
    }
}
