using System.Net;
using System.Text.Json;

namespace Cooperation.Api.Tests;

/// <summary>Plans of events and programmes carried out: their items added, completed (by hand or by a visit) and cancelled.</summary>
public class PlanItemsTests(CooperationSystem system)
{
    private const string Visits = "/api/delegations/visits";

    private static object Plan(string title, string kind = "plan-of-events", string? signedOn = "2024-01-15") => new
    {
        kind,
        title,
        parties = new object[] { new { code = "BY-VI", level = "region" }, new { code = "CN-HL", level = "region" } },
        spheres = new[] { "culture" },
        signedOn,
    };

    private static async Task<JsonElement> AddAsync(HttpClient client, Guid plan, object item)
    {
        using var added = await client.PostAsync($"/api/agreements/{plan}/items", item);
        Assert.True(added.StatusCode == HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        return await added.JsonAsync();
    }

    [Fact]
    public async Task Items_are_added_completed_and_cancelled_and_the_plan_shows_its_progress_with_the_overdue_ones()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        var plan = await vitebsk.CreateAsync("/api/agreements", Plan(Api.UniqueTitle("Plan of events")));

        using var added = await vitebsk.PostAsync($"/api/agreements/{plan}/items",
            new { title = "Days of Heilongjiang culture in Vitebsk", due = "2099-09", sphere = "culture", responsible = "Department of culture" });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal("\"3\"", added.Headers.ETag?.Tag);
        var item = await added.JsonAsync();
        var open = item.GetProperty("id").GetGuid();
        Assert.Equal($"/api/agreements/{plan}/items/{open}", added.Headers.Location?.ToString());
        Assert.Equal(("open", "2099-09", "culture"), (item.GetProperty("state").GetString(), item.GetProperty("due").GetString(), item.GetProperty("sphere").GetString()));

        // Due in May 2020: overdue from the first of June 2020, the month counting to its end.
        var overdue = (await AddAsync(vitebsk, plan, new { title = "Exhibition of Vitebsk painters in Harbin", due = "2020-05" })).GetProperty("id").GetGuid();
        Assert.Equal("overdue", (await vitebsk.GetJsonAsync($"/api/agreements/{plan}/items/{overdue}")).GetProperty("state").GetString());
        var done = (await AddAsync(vitebsk, plan, new { title = "Youth exchange", due = "2020" })).GetProperty("id").GetGuid();
        var cancelled = (await AddAsync(vitebsk, plan, new { title = "Film week" })).GetProperty("id").GetGuid();

        var key = Guid.NewGuid().ToString();
        var completion = new { on = "2020-11-02", note = "Forty students from Harbin" };
        using var completed = await vitebsk.PostAsync($"/api/agreements/{plan}/items/{done}/completion", completion, idempotencyKey: key);
        using var retried = await vitebsk.PostAsync($"/api/agreements/{plan}/items/{done}/completion", completion, idempotencyKey: key);
        using var again = await vitebsk.PostAsync($"/api/agreements/{plan}/items/{done}/completion", new { on = "2021-03" });
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        Assert.Equal(("done", "2020-11-02"), ((await completed.JsonAsync()).GetProperty("state").GetString(), (await completed.JsonAsync()).GetProperty("completedOn").GetString()));
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.True(retried.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(completed.Headers.ETag, retried.Headers.ETag);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        using var cancelling = await vitebsk.PostAsync($"/api/agreements/{plan}/items/{cancelled}/cancellation", new { reason = "No cinema free that year" });
        Assert.Equal(HttpStatusCode.OK, cancelling.StatusCode);
        Assert.Equal("cancelled", (await cancelling.JsonAsync()).GetProperty("state").GetString());
        using var cancelDone = await vitebsk.PostAsync($"/api/agreements/{plan}/items/{done}/cancellation", new { reason = "Changed our minds" });
        Assert.Equal(HttpStatusCode.Conflict, cancelDone.StatusCode);

        var read = await vitebsk.GetJsonAsync($"/api/agreements/{plan}");
        Assert.Equal([open, overdue, done, cancelled], read.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        Assert.Equal(["open", "overdue", "done", "cancelled"], read.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("state").GetString()));
        var progress = read.GetProperty("progress");
        Assert.Equal((1, 1, 1, 1, 4), (progress.GetProperty("done").GetInt32(), progress.GetProperty("open").GetInt32(), progress.GetProperty("overdue").GetInt32(),
            progress.GetProperty("cancelled").GetInt32(), progress.GetProperty("total").GetInt32()));
        Assert.Equal(["agreement_registered", "agreement_signed", "plan_item_added", "plan_item_added", "plan_item_added", "plan_item_added", "plan_item_completed", "plan_item_cancelled"],
            (await vitebsk.GetJsonAsync($"/api/agreements/{plan}/history")).EnumerateArray().Select(e => e.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task Bad_items_and_completions_are_refused_naming_the_field_and_change_nothing()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        var plan = await vitebsk.CreateAsync("/api/agreements", Plan(Api.UniqueTitle("Plan refusing")));
        var item = (await AddAsync(vitebsk, plan, new { title = "Forum", due = "2025" })).GetProperty("id").GetGuid();

        async Task Refused(string path, object body, string field)
        {
            using var response = await vitebsk.PostAsync($"/api/agreements/{plan}/{path}", body);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Contains(field, (await response.JsonAsync()).ErrorFields());
        }
        await Refused("items", new { title = " " }, "title");
        await Refused("items", new { title = "Forum", due = "next spring" }, "due");
        await Refused("items", new { title = "Forum", sphere = "astrology" }, "sphere");
        await Refused($"items/{item}/completion", new { note = "When?" }, "on");
        await Refused($"items/{item}/completion", new { on = "2099-01-01" }, "on");
        await Refused($"items/{item}/cancellation", new { reason = "" }, "reason");

        using var missing = await vitebsk.PostAsync($"/api/agreements/{plan}/items/{Guid.NewGuid()}/completion", new { on = "2024-02" });
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var missingRead = await vitebsk.GetAsync($"/api/agreements/{plan}/items/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, missingRead.StatusCode);
        Assert.Equal(3, (await vitebsk.GetJsonAsync($"/api/agreements/{plan}/history")).GetArrayLength());
    }

    [Fact]
    public async Task Only_plans_and_programmes_in_force_of_ones_own_territory_take_items()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var gomel = await system.ClientAsync("committee", "BY-HO");
        var twinning = await vitebsk.CreateAsync("/api/agreements", Api.Twinning(Api.UniqueTitle("Not a plan")));
        var programme = await vitebsk.CreateAsync("/api/agreements", Plan(Api.UniqueTitle("Programme"), kind: "programme"));
        var terminated = await vitebsk.CreateAsync("/api/agreements", Plan(Api.UniqueTitle("Terminated plan")));
        using var termination = await vitebsk.PostAsync($"/api/agreements/{terminated}/termination", new { on = "2024-03", reason = "Replaced by a new plan" });
        Assert.Equal(HttpStatusCode.OK, termination.StatusCode);

        using var notAPlan = await vitebsk.PostAsync($"/api/agreements/{twinning}/items", new { title = "Forum" });
        using var ended = await vitebsk.PostAsync($"/api/agreements/{terminated}/items", new { title = "Forum" });
        using var elsewhere = await gomel.PostAsync($"/api/agreements/{programme}/items", new { title = "Forum" });
        using var allowed = await vitebsk.PostAsync($"/api/agreements/{programme}/items", new { title = "Forum" });

        Assert.Equal(HttpStatusCode.Conflict, notAPlan.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, ended.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.Created, allowed.StatusCode);
        Assert.False((await vitebsk.GetJsonAsync($"/api/agreements/{twinning}")).TryGetProperty("progress", out var none) && none.ValueKind != JsonValueKind.Null);
    }

    [Fact]
    public async Task A_visit_names_the_item_it_carries_out_and_its_completion_completes_the_item_once()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        var plan = await vitebsk.CreateAsync("/api/agreements", Plan(Api.UniqueTitle("Plan carried out by a visit")));
        var item = (await AddAsync(vitebsk, plan, new { title = "Visit of the Heilongjiang delegation", due = "2024-05" })).GetProperty("id").GetGuid();
        var visit = new Dictionary<string, object?>
        {
            ["direction"] = "incoming", ["host"] = new { code = "BY-VI", level = "region" }, ["guests"] = new object[] { new { code = "CN-HL", level = "region" } },
            ["plannedFrom"] = "2024-05-20", ["plannedTo"] = "2024-05-23", ["purpose"] = Api.UniqueTitle("Carrying out the plan"),
            ["planItem"] = new { agreementId = plan, itemId = item },
        };

        // Delegations hears of the item through the agreements' events, a moment after it is added.
        using var planned = await RetryWhileUnknownAsync(() => vitebsk.PostAsync(Visits, visit));
        Assert.Equal(HttpStatusCode.Created, planned.StatusCode);
        var planItem = (await planned.JsonAsync()).GetProperty("planItem");
        Assert.Equal((plan, item), (planItem.GetProperty("agreementId").GetGuid(), planItem.GetProperty("itemId").GetGuid()));
        var visitId = (await planned.JsonAsync()).GetProperty("id").GetGuid();

        visit["planItem"] = new { agreementId = plan, itemId = Guid.NewGuid() };
        using var unknown = await vitebsk.PostAsync(Visits, visit);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Contains("planItem", (await unknown.JsonAsync()).ErrorFields());
        visit["planItem"] = new { agreementId = plan };
        using var partial = await vitebsk.PostAsync(Visits, visit);
        Assert.Contains("planItem", (await partial.JsonAsync()).ErrorFields());

        using var completed = await vitebsk.PostAsync($"{Visits}/{visitId}/completion", new { from = "2024-05-20", to = "2024-05-22" });
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);

        var done = await vitebsk.EventuallyAsync($"/api/agreements/{plan}/items/{item}", i => i.GetProperty("state").GetString() == "done");
        Assert.Equal(("2024-05-22", visitId), (done.GetProperty("completedOn").GetString(), done.GetProperty("visitId").GetGuid()));
        Assert.Single((await vitebsk.GetJsonAsync($"/api/agreements/{plan}/history")).EnumerateArray(), e => e.GetProperty("type").GetString() == "plan_item_completed");
    }

    [Fact]
    public async Task A_planned_visit_is_given_the_item_it_carries_out_later()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        var plan = await vitebsk.CreateAsync("/api/agreements", Plan(Api.UniqueTitle("Plan named later")));
        var item = (await AddAsync(vitebsk, plan, new { title = "Business forum", due = "2024-10" })).GetProperty("id").GetGuid();
        var visit = await vitebsk.CreateAsync(Visits, Api.Visit(Api.UniqueTitle("Forum delegation"), plannedFrom: "2024-10"));

        using var named = await RetryWhileUnknownAsync(() => vitebsk.PostAsync($"{Visits}/{visit}/plan-item", new { planItem = new { agreementId = plan, itemId = item } }));
        Assert.Equal(HttpStatusCode.OK, named.StatusCode);
        Assert.Equal(item, (await named.JsonAsync()).GetProperty("planItem").GetProperty("itemId").GetGuid());
        using var unknown = await vitebsk.PostAsync($"{Visits}/{visit}/plan-item", new { planItem = new { agreementId = plan, itemId = Guid.NewGuid() } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Contains("planItem", (await unknown.JsonAsync()).ErrorFields());
        using var missing = await vitebsk.PostAsync($"{Visits}/{visit}/plan-item", new { });
        Assert.Contains("planItem", (await missing.JsonAsync()).ErrorFields());

        using var completed = await vitebsk.PostAsync($"{Visits}/{visit}/completion", new { from = "2024-10-07", to = "2024-10-08" });
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        var done = await vitebsk.EventuallyAsync($"/api/agreements/{plan}/items/{item}", i => i.GetProperty("state").GetString() == "done");
        Assert.Equal(visit, done.GetProperty("visitId").GetGuid());
        using var late = await vitebsk.PostAsync($"{Visits}/{visit}/plan-item", new { planItem = new { agreementId = plan, itemId = item } });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
    }

    [Fact]
    public async Task A_committee_cannot_name_an_item_of_another_territorys_plan()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var gomel = await system.ClientAsync("committee", "BY-HO");
        var plan = await vitebsk.CreateAsync("/api/agreements", Plan(Api.UniqueTitle("Vitebsk plan")));
        var item = (await AddAsync(vitebsk, plan, new { title = "Fair" })).GetProperty("id").GetGuid();
        var visit = new
        {
            direction = "incoming", host = new { code = "BY-HO", level = "region" }, guests = new object[] { new { code = "CN-HL", level = "region" } },
            plannedFrom = "2024-09", planItem = new { agreementId = plan, itemId = item },
        };

        using var refused = await RetryWhileUnknownAsync(() => gomel.PostAsync(Visits, visit));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    /// <summary>Posts a visit naming a plan item again while Delegations has not yet heard of the item.</summary>
    private static async Task<HttpResponseMessage> RetryWhileUnknownAsync(Func<Task<HttpResponseMessage>> post)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var response = await post();
            if (response.StatusCode != HttpStatusCode.UnprocessableEntity || DateTime.UtcNow > deadline
                || !(await response.JsonAsync()).ErrorFields().Contains("planItem")) return response;
            response.Dispose();
            await Task.Delay(250);
        }
    }
}
