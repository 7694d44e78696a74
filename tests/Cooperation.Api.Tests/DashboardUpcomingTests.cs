using System.Net;
using System.Text.Json;
using static Cooperation.Api.Tests.DashboardTests;

namespace Cooperation.Api.Tests;

/// <summary>
/// What is coming (visits still planned and plan items still open in the next days) and the dashboard as it stood at a past
/// moment, each counted from this test's own partner. In the dashboard's collection, since other tests there restart it.
/// </summary>
[Collection(nameof(DashboardTests))]
public class DashboardUpcomingTests(CooperationSystem system)
{
    private static string Moment(DateTimeOffset moment) => moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'");

    private static (string Kind, string From)[] Entries(JsonElement upcoming) =>
        upcoming.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("kind").GetString()!, i.GetProperty("from").GetString()!)).ToArray();

    private static async Task<Guid> ItemAsync(HttpClient client, Guid plan, string title, string due)
    {
        using var added = await client.PostAsync($"/api/agreements/{plan}/items", new { title, due });
        Assert.True(added.StatusCode == HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        return (await added.JsonAsync()).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task Upcoming_lists_visits_still_planned_and_open_plan_items_of_the_next_days_by_date()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var ministry = await system.ClientAsync("ministry");
        var partner = UniquePartner();
        var soon = await vitebsk.CreateAsync("/api/delegations/visits", Visit(partner, "incoming", Day(20)));
        await vitebsk.CreateAsync("/api/delegations/visits", Visit(partner, "outgoing", Day(60)));
        var cancelled = await vitebsk.CreateAsync("/api/delegations/visits", Visit(partner, "incoming", Day(10)));
        using (var r = await vitebsk.PostAsync($"/api/delegations/visits/{cancelled}/cancellation", new { reason = "Postponed sine die" })) Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var plan = await RegisterAsync(vitebsk, Agreement(partner, "plan-of-events", "2025-01"));
        var fair = await ItemAsync(vitebsk, plan, "Trade fair", Day(3));
        await ItemAsync(vitebsk, plan, "Youth forum", Day(40));
        var concert = await ItemAsync(vitebsk, plan, "Concert", Day(15));
        using (var r = await vitebsk.PostAsync($"/api/agreements/{plan}/items/{concert}/completion", new { on = Day(0) })) Assert.Equal(HttpStatusCode.OK, r.StatusCode);

        var path = $"/api/dashboard/upcoming?partner={Uri.EscapeDataString(partner)}";
        var month = await ministry.EventuallyAsync(path + "&days=90", u => u.GetProperty("items").GetArrayLength() == 4);
        Assert.Equal([("plan-item", Day(3)), ("visit", Day(20)), ("plan-item", Day(40)), ("visit", Day(60))], Entries(month));
        var upcoming = await ministry.GetJsonAsync(path);
        Assert.Equal(30, upcoming.GetProperty("days").GetInt32());
        Assert.Equal([("plan-item", Day(3)), ("visit", Day(20))], Entries(upcoming));
        var visit = upcoming.GetProperty("items")[1];
        Assert.Equal((soon, "incoming", "BY-VI"), (visit.GetProperty("id").GetGuid(), visit.GetProperty("direction").GetString(), visit.GetProperty("region").GetString()));
        Assert.Equal((plan, fair), (upcoming.GetProperty("items")[0].GetProperty("id").GetGuid(), upcoming.GetProperty("items")[0].GetProperty("itemId").GetGuid()));
        Assert.Empty(Entries(await ministry.GetJsonAsync(path + "&region=BY-MI")));

        // Spheres are counted on the summary (the plan's one), and investment projects counted and listed.
        var project = await vitebsk.CreateAsync("/api/trade/projects", new
        {
            name = Api.UniqueTitle("Dairy plant"), region = "BY-VI", partners = new object[] { new { name = partner, level = "organisation" } },
            cost = 12m, currency = "USD", status = "agreed",
        });
        var summary = await ministry.EventuallyAsync($"/api/dashboard/summary?partner={Uri.EscapeDataString(partner)}",
            s => s.GetProperty("projects").GetProperty("total").GetInt32() == 1);
        Assert.Equal(1, summary.GetProperty("agreements").GetProperty("bySphere").GetProperty("trade-economic").GetInt32());
        Assert.Equal(1, summary.GetProperty("projects").GetProperty("byStatus").GetProperty("agreed").GetInt32());
        var listed = Assert.Single(summary.GetProperty("projects").GetProperty("latest").EnumerateArray());
        Assert.Equal((project, "BY-VI", 12m), (listed.GetProperty("id").GetGuid(), listed.GetProperty("region").GetString(), listed.GetProperty("cost").GetDecimal()));
    }

    [Theory]
    [InlineData("?days=0", "days")]
    [InlineData("?days=367", "days")]
    [InlineData("?days=soon", "days")]
    [InlineData("?days=-5", "days")]
    [InlineData("?region=Atlantis", "region")]
    public async Task Upcoming_refuses_a_bad_span_or_region_with_422_naming_it(string query, string field)
    {
        using var ministry = await system.ClientAsync("ministry");
        using var response = await ministry.GetAsync("/api/dashboard/upcoming" + query);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal([field], (await response.JsonAsync()).ErrorFields());
    }

    [Fact]
    public async Task The_summary_plans_and_dormant_ties_as_of_a_moment_count_only_what_the_dashboard_had_received_by_then()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var ministry = await system.ClientAsync("ministry");
        var partner = UniquePartner();
        var before = DateTimeOffset.UtcNow;
        await Task.Delay(1100);
        var twinning = await RegisterAsync(vitebsk, Agreement(partner, "twinning", "2013"));
        var plan = await RegisterAsync(vitebsk, Agreement(partner, "plan-of-events", "2016-02"));
        await ministry.EventuallyAsync($"/api/dashboard/summary?partner={Uri.EscapeDataString(partner)}", s => s.GetProperty("agreements").GetProperty("total").GetInt32() == 2);
        var middle = DateTimeOffset.UtcNow;
        await Task.Delay(1100);
        var memorandum = await RegisterAsync(vitebsk, Agreement(partner, "memorandum", "2014"));
        using (var r = await vitebsk.PostAsync($"/api/agreements/{twinning}/termination", new { on = "2017-04", reason = "Replaced" })) Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var dormant = $"/api/dashboard/dormant?since=2018-01-01&partner={Uri.EscapeDataString(partner)}";
        await ministry.EventuallyAsync(dormant, d => d.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetGuid()).SequenceEqual([memorandum, plan]));

        var summary = $"/api/dashboard/summary?partner={Uri.EscapeDataString(partner)}";
        var then = await ministry.GetJsonAsync($"{summary}&asOf={Moment(middle)}");
        Assert.Equal(2, then.GetProperty("agreements").GetProperty("total").GetInt32());
        Assert.Equal(2, then.GetProperty("agreements").GetProperty("byStatus").GetProperty("signed").GetInt32());
        Assert.Equal(middle.UtcDateTime, then.GetProperty("moment").GetDateTimeOffset().UtcDateTime);
        Assert.Equal(middle.UtcDateTime.Date, DateTime.Parse(then.GetProperty("asOf").GetString()!));
        var now = await ministry.GetJsonAsync(summary);
        Assert.Equal(3, now.GetProperty("agreements").GetProperty("total").GetInt32());
        Assert.Equal(JsonValueKind.Null, now.GetProperty("moment").ValueKind);
        Assert.True(then.GetProperty("logPosition").GetInt64() < now.GetProperty("logPosition").GetInt64());
        Assert.True(then.GetProperty("eventsConsumed").GetInt64() < now.GetProperty("eventsConsumed").GetInt64());
        var nothing = await ministry.GetJsonAsync($"{summary}&asOf={Moment(before)}");
        Assert.Equal(0, nothing.GetProperty("agreements").GetProperty("total").GetInt32());

        var plans = $"/api/dashboard/plans?partner={Uri.EscapeDataString(partner)}";
        Assert.Empty((await ministry.GetJsonAsync($"{plans}&asOf={Moment(before)}")).GetProperty("plans").EnumerateArray());
        Assert.Equal(plan, Assert.Single((await ministry.GetJsonAsync($"{plans}&asOf={Moment(middle)}")).GetProperty("plans").EnumerateArray()).GetProperty("id").GetGuid());
        // Then the twinning was not yet terminated, nor the memorandum registered.
        var dormantThen = await ministry.GetJsonAsync($"{dormant}&asOf={Moment(middle)}");
        Assert.Equal([twinning, plan], dormantThen.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetGuid()));
    }

    [Theory]
    [InlineData("/api/dashboard/summary?asOf=yesterday")]
    [InlineData("/api/dashboard/summary?asOf=2999-01-01T00:00:00Z")]
    [InlineData("/api/dashboard/plans?asOf=2024-13-01")]
    [InlineData("/api/dashboard/dormant?since=2018&asOf=2999-01-01")]
    public async Task A_moment_in_the_future_or_not_a_timestamp_is_422_naming_asOf(string path)
    {
        using var ministry = await system.ClientAsync("ministry");
        using var response = await ministry.GetAsync(path);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(["asOf"], (await response.JsonAsync()).ErrorFields());
    }
}
