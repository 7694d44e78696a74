using System.Net;
using System.Text.Json;
using static Cooperation.Api.Tests.DashboardTests;

namespace Cooperation.Api.Tests;

/// <summary>
/// The dashboard's plans carried out and dormant agreements, read from the events it records. In the dashboard's collection,
/// since other tests there restart it.
/// </summary>
[Collection(nameof(DashboardTests))]
public class DashboardPlansTests(CooperationSystem system)
{
    private static string Path(string route, string partner, string? since = null) =>
        $"/api/dashboard/{route}?partner={Uri.EscapeDataString(partner)}" + (since is null ? "" : $"&since={since}");

    private static Guid[] Ids(JsonElement list, string property = "items") =>
        list.GetProperty(property).EnumerateArray().Select(a => a.GetProperty("id").GetGuid()).ToArray();

    private static async Task<Guid> ItemAsync(HttpClient client, Guid plan, object item)
    {
        using var added = await client.PostAsync($"/api/agreements/{plan}/items", item);
        Assert.True(added.StatusCode == HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        return (await added.JsonAsync()).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task Each_plan_shows_its_items_done_open_overdue_and_cancelled()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var ministry = await system.ClientAsync("ministry");
        var partner = UniquePartner();
        var plan = await RegisterAsync(vitebsk, Agreement(partner, "plan-of-events", "2023-02"));
        await RegisterAsync(vitebsk, Agreement(partner, "twinning", "2013"));
        await ItemAsync(vitebsk, plan, new { title = "Overdue fair", due = "2023-10" });
        await ItemAsync(vitebsk, plan, new { title = "Open forum", due = "2099" });
        var done = await ItemAsync(vitebsk, plan, new { title = "Concert", due = "2023" });
        var cancelled = await ItemAsync(vitebsk, plan, new { title = "Film week" });
        using (var r = await vitebsk.PostAsync($"/api/agreements/{plan}/items/{done}/completion", new { on = "2023-06-12" })) Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        using (var r = await vitebsk.PostAsync($"/api/agreements/{plan}/items/{cancelled}/cancellation", new { reason = "No hall" })) Assert.Equal(HttpStatusCode.OK, r.StatusCode);

        var plans = await ministry.EventuallyAsync(Path("plans", partner), p => p.GetProperty("plans").EnumerateArray().Any(x => x.GetProperty("cancelled").GetInt32() == 1));
        var progress = Assert.Single(plans.GetProperty("plans").EnumerateArray());
        Assert.Equal(plan, progress.GetProperty("id").GetGuid());
        Assert.Equal((1, 1, 1, 1, 4), (progress.GetProperty("done").GetInt32(), progress.GetProperty("open").GetInt32(), progress.GetProperty("overdue").GetInt32(),
            progress.GetProperty("cancelled").GetInt32(), progress.GetProperty("total").GetInt32()));
    }

    [Fact]
    public async Task Dormant_agreements_are_those_in_force_on_the_date_with_nothing_since_the_longest_dormant_first()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var ministry = await system.ClientAsync("ministry");
        var partner = UniquePartner();
        var signedOnly = await RegisterAsync(vitebsk, Agreement(partner, "twinning", "2015-03-10"));
        var amendedBefore = await RegisterAsync(vitebsk, Agreement(partner, "cooperation", "2014"));
        using (var r = await vitebsk.PostAsync($"/api/agreements/{amendedBefore}/amendments", new { summary = "Tourism added", effectiveOn = "2016-05" })) Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var amendedSince = await RegisterAsync(vitebsk, Agreement(partner, "memorandum", "2014"));
        using (var r = await vitebsk.PostAsync($"/api/agreements/{amendedSince}/amendments", new { summary = "Youth added", effectiveOn = "2019-02" })) Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var signedLater = await RegisterAsync(vitebsk, Agreement(partner, "memorandum", "2021"));
        var terminated = await RegisterAsync(vitebsk, Agreement(partner, "memorandum", "2012"));
        using (var r = await vitebsk.PostAsync($"/api/agreements/{terminated}/termination", new { on = "2017-04", reason = "Replaced" })) Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var plan = await RegisterAsync(vitebsk, Agreement(partner, "plan-of-events", "2016-09-01"));
        var draft = await RegisterAsync(vitebsk, Agreement(partner, "memorandum", signedOn: null));

        // The dashboard records one service's events in their order: once the plan is listed, everything before it has arrived.
        var dormant = await ministry.EventuallyAsync(Path("dormant", partner, "2018-01-01"), d => Ids(d).SequenceEqual([signedOnly, amendedBefore, plan]));
        Assert.Equal(3, dormant.GetProperty("total").GetInt32());
        var last = dormant.GetProperty("items")[1].GetProperty("lastActivity");
        Assert.Equal(("2016-05", "amended", "Tourism added"), (last.GetProperty("on").GetString(), last.GetProperty("kind").GetString(), last.GetProperty("title").GetString()));
        Assert.Equal(("2015-03-10", "signed"), (dormant.GetProperty("items")[0].GetProperty("lastActivity").GetProperty("on").GetString(),
            dormant.GetProperty("items")[0].GetProperty("lastActivity").GetProperty("kind").GetString()));
        Assert.DoesNotContain(draft, Ids(dormant));

        // A visit linked to one, a plan item added to another: both drop out.
        var visit = await vitebsk.CreateAsync("/api/delegations/visits", Api.Visit(Api.UniqueTitle("Dormant no more"), plannedFrom: "2019-10"));
        using (var r = await vitebsk.PostNamingAgreementAsync($"/api/delegations/visits/{visit}/documents", Api.Document("Protocol on twinning", signedOnly)))
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var item = await ItemAsync(vitebsk, plan, new { title = "Forum", due = "2017" });
        await ministry.EventuallyAsync(Path("dormant", partner, "2018-01-01"), d => Ids(d).SequenceEqual([amendedBefore]));

        // Read for a day still to come, the plan's last activity is the item's completion, the newest of that day.
        using (var r = await vitebsk.PostAsync($"/api/agreements/{plan}/items/{item}/completion", new { on = DateTime.UtcNow.ToString("yyyy-MM-dd") }))
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var tomorrow = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd");
        var ahead = await ministry.EventuallyAsync(Path("dormant", partner, tomorrow),
            d => d.GetProperty("items").EnumerateArray().Any(a => a.GetProperty("id").GetGuid() == plan
                && a.GetProperty("lastActivity").GetProperty("kind").GetString() == "plan-item-completed"));
        Assert.Equal("Forum", ahead.GetProperty("items").EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == plan).GetProperty("lastActivity").GetProperty("title").GetString());
        Assert.Equal("visit-linked", ahead.GetProperty("items").EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == signedOnly).GetProperty("lastActivity").GetProperty("kind").GetString());
    }

    [Fact]
    public async Task A_visit_held_under_an_agreement_without_signing_anything_is_activity_under_it()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var ministry = await system.ClientAsync("ministry");
        var partner = UniquePartner();
        var heldUnder = await RegisterAsync(vitebsk, Agreement(partner, "cooperation", "2004"));
        var untouched = await RegisterAsync(vitebsk, Agreement(partner, "memorandum", "2005"));
        await ministry.EventuallyAsync(Path("dormant", partner, "2010"), d => Ids(d).SequenceEqual([heldUnder, untouched]));

        // The governor's first visit "within the agreement in force", in September 2017: nothing signed during it.
        var visit = Api.Merge(Visit(partner, "incoming", "2017-09"), new { heldUnder });
        using (var r = await vitebsk.PostNamingAgreementAsync("/api/delegations/visits", visit)) Assert.Equal(HttpStatusCode.Created, r.StatusCode);

        await ministry.EventuallyAsync(Path("dormant", partner, "2010"), d => Ids(d).SequenceEqual([untouched]));
        // Dormant again from a date after the visit, with the visit as its last activity.
        var later = await ministry.EventuallyAsync(Path("dormant", partner, "2018"), d => Ids(d).Contains(heldUnder));
        var last = later.GetProperty("items").EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == heldUnder).GetProperty("lastActivity");
        Assert.Equal(("2017-09", "visit-held-under"), (last.GetProperty("on").GetString(), last.GetProperty("kind").GetString()));
    }

    [Theory]
    [InlineData("", "since")]
    [InlineData("?since=last%20year", "since")]
    [InlineData("?since=2018-02-30", "since")]
    [InlineData("?since=2018&pageSize=0", "pageSize")]
    [InlineData("?since=2018&region=Atlantis", "region")]
    public async Task The_dormant_list_refuses_a_missing_or_bad_date_with_422_naming_it(string query, string field)
    {
        using var ministry = await system.ClientAsync("ministry");
        using var response = await ministry.GetAsync($"/api/dashboard/dormant{query}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(field, (await response.JsonAsync()).ErrorFields());
    }

    [Fact]
    public async Task Only_the_ministry_and_auditors_read_plans_and_dormant_agreements()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var auditor = await system.ClientAsync("auditor");
        using var committeePlans = await vitebsk.GetAsync("/api/dashboard/plans");
        using var committeeDormant = await vitebsk.GetAsync("/api/dashboard/dormant?since=2018");
        using var auditorDormant = await auditor.GetAsync("/api/dashboard/dormant?since=2018");
        Assert.Equal(HttpStatusCode.Forbidden, committeePlans.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, committeeDormant.StatusCode);
        Assert.Equal(HttpStatusCode.OK, auditorDormant.StatusCode);
    }
}
