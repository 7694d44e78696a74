using System.Net;
using System.Text.Json;

namespace Cooperation.Api.Tests;

/// <summary>Commissions and working groups: formed under the agreement that set them up, their co-chairs and curators, their sessions.</summary>
public class CommissionsTests(CooperationSystem system)
{
    private const string Commissions = "/api/agreements/commissions";

    private static readonly object Belarus = new { code = "BY", level = "country" };
    private static readonly object Kursk = new { code = "RU-KRS", level = "region" };

    private static object WorkingGroup(string title, Guid? foundingAgreementId = null) => new
    {
        kind = "joint-working-group",
        title,
        parties = new[] { Belarus, Kursk },
        foundingAgreementId,
        formedOn = "2009",
        source = new { title = "Отчёт о сотрудничестве с Курской областью", quote = "заседания Совместной рабочей группы" },
    };

    private static object National(string title, string kind) => new
    {
        kind, title, parties = new[] { Belarus, Kursk }, spheres = new[] { "trade-economic" }, signedOn = "2009-02-10",
    };

    [Fact]
    public async Task A_working_group_formed_under_its_agreement_has_co_chairs_and_sessions_whose_decisions_add_items_to_a_plan_and_is_published()
    {
        await using var queue = await EventQueue.BindAsync(system.RabbitMq);
        using var ministry = await system.ClientAsync("ministry", null, "ministry-analyst");
        var agreement = await ministry.CreateAsync("/api/agreements", National(Api.UniqueTitle("Agreement Belarus - Kursk Oblast"), "cooperation"));
        var plan = await ministry.CreateAsync("/api/agreements", National(Api.UniqueTitle("Plan of events Belarus - Kursk Oblast"), "plan-of-events"));
        var title = Api.UniqueTitle("Joint working group Belarus - Kursk Oblast");

        using var formed = await ministry.PostAsync(Commissions, WorkingGroup(title, agreement));
        Assert.Equal(HttpStatusCode.Created, formed.StatusCode);
        var commission = (await formed.JsonAsync()).GetProperty("id").GetGuid();
        Assert.Equal($"{Commissions}/{commission}", formed.Headers.Location?.ToString());
        Assert.Equal("\"1\"", formed.Headers.ETag?.Tag);
        var setUp = (await ministry.GetJsonAsync($"/api/agreements/{agreement}")).GetProperty("commissions");
        Assert.Equal([(commission, title)], setUp.EnumerateArray().Select(c => (c.GetProperty("id").GetGuid(), c.GetProperty("title").GetString())));

        using var curator = await ministry.PostAsync($"{Commissions}/{commission}/members",
            new { role = "curator", name = "Министр связи и информатизации", position = "Minister of Communications", party = "BY", from = "2009" });
        Assert.Equal(HttpStatusCode.Created, curator.StatusCode);
        var curatorId = (await curator.JsonAsync()).GetProperty("id").GetGuid();
        Assert.Equal($"{Commissions}/{commission}/members/{curatorId}", curator.Headers.Location?.ToString());

        var session = new
        {
            number = 3, on = "2011-06-14", place = new { code = "RU-KRS-KURSK", level = "city" },
            agenda = new[] { "Trade in 2010", "The Kursk Korennaya fair" },
            decisions = new object[]
            {
                new { text = "Hold Days of Belarus in Kursk" , planItem = new { title = "Days of Belarus in Kursk Oblast", due = "2012", sphere = "culture" } },
                new { text = "Note the growth of trade" },
            },
            planId = plan,
            source = new { title = "Отчёт о сотрудничестве с Курской областью", quote = "заседания Совместной рабочей группы" },
        };
        var key = Guid.NewGuid().ToString();
        using var held = await ministry.PostAsync($"{Commissions}/{commission}/sessions", session, idempotencyKey: key, ifMatch: "\"2\"");
        using var retried = await ministry.PostAsync($"{Commissions}/{commission}/sessions", session, idempotencyKey: key, ifMatch: "\"2\"");
        Assert.Equal(HttpStatusCode.Created, held.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.True(retried.Headers.Contains("Idempotent-Replayed"));
        var sessionRead = await held.JsonAsync();
        Assert.Equal(("2011-06-14", "RU-KRS-KURSK"), (sessionRead.GetProperty("on").GetString(), sessionRead.GetProperty("place").GetProperty("code").GetString()));
        using var sessionAlone = await ministry.GetAsync(held.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, sessionAlone.StatusCode);
        using var curatorAlone = await ministry.GetAsync(curator.Headers.Location);
        Assert.Equal("curator", (await curatorAlone.JsonAsync()).GetProperty("role").GetString());
        var decision = sessionRead.GetProperty("decisions")[0];
        Assert.Equal(plan, decision.GetProperty("planId").GetGuid());
        var item = decision.GetProperty("itemId").GetGuid();
        Assert.Equal(JsonValueKind.Null, sessionRead.GetProperty("decisions")[1].GetProperty("itemId").ValueKind);

        var planItems = (await ministry.GetJsonAsync($"/api/agreements/{plan}")).GetProperty("items");
        Assert.Equal([(item, "Days of Belarus in Kursk Oblast", "overdue")],
            planItems.EnumerateArray().Select(i => (i.GetProperty("id").GetGuid(), i.GetProperty("title").GetString(), i.GetProperty("state").GetString())));

        var read = await ministry.GetJsonAsync($"{Commissions}/{commission}");
        Assert.Equal(1, read.GetProperty("sessions").GetArrayLength());
        Assert.Equal("2011-06-14", read.GetProperty("lastSessionOn").GetString());
        Assert.Equal(("curator", "2009"), (read.GetProperty("members")[0].GetProperty("role").GetString(), read.GetProperty("members")[0].GetProperty("from").GetString()));
        Assert.Equal(["commission_formed", "commission_member_appointed", "commission_session_held"],
            (await ministry.GetJsonAsync($"{Commissions}/{commission}/history")).EnumerateArray().Select(e => e.GetProperty("type").GetString()));
        var before = await ministry.GetJsonAsync($"{Commissions}/{commission}?version=2");
        Assert.Equal(0, before.GetProperty("sessions").GetArrayLength());

        var listed = await ministry.GetJsonAsync($"{Commissions}?party=RU-KRS&kind=joint-working-group&q={Uri.EscapeDataString(title[^32..])}");
        Assert.Equal([commission], listed.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));
        var byAgreement = await ministry.GetJsonAsync($"{Commissions}?foundingAgreementId={agreement}");
        Assert.Equal([commission], byAgreement.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));

        var published = await queue.ForStreamAsync(commission, 3);
        Assert.Equal(["CommissionFormed", "CommissionMemberAppointed", "CommissionSessionHeld"],
            published.Select(m => m.GetProperty("messageType")[0].GetString()!.Split(':')[^1]));
        Assert.Equal(("2011-06-14", agreement), (published[2].GetProperty("message").GetProperty("on").GetString(),
            published[2].GetProperty("message").GetProperty("foundingAgreementId").GetGuid()));
        var itemPublished = await queue.ForStreamAsync(plan, 3);
        Assert.Single(itemPublished, m => m.GetProperty("messageType")[0].GetString()!.EndsWith(":PlanItemAdded"));
    }

    [Fact]
    public async Task Bad_commissions_and_sessions_are_refused_naming_the_field_and_change_nothing()
    {
        using var ministry = await system.ClientAsync("ministry", null);
        var commission = await ministry.CreateAsync(Commissions, WorkingGroup(Api.UniqueTitle("Working group refusing")));
        var twinning = await ministry.CreateAsync("/api/agreements", National(Api.UniqueTitle("Not a plan"), "cooperation"));

        async Task Refused(string path, object body, string field)
        {
            using var response = await ministry.PostAsync(path, body);
            Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"{field}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Contains(field, (await response.JsonAsync()).ErrorFields());
        }
        await Refused(Commissions, new { kind = "club", title = "A club", parties = new[] { Belarus, Kursk } }, "kind");
        await Refused(Commissions, new { kind = "council", title = "Alone", parties = new[] { Belarus } }, "parties");
        await Refused(Commissions, new { kind = "council", title = "Later", parties = new[] { Belarus, Kursk }, formedOn = "2099" }, "formedOn");
        await Refused(Commissions, new { kind = "council", title = "Founded by nothing", parties = new[] { Belarus, Kursk }, foundingAgreementId = Guid.NewGuid() },
            "foundingAgreementId");
        var sessions = $"{Commissions}/{commission}/sessions";
        await Refused(sessions, new { agenda = new[] { "Trade" } }, "on");
        await Refused(sessions, new { on = "2099-01-01" }, "on");
        await Refused(sessions, new { on = "2011", number = 0 }, "number");
        await Refused(sessions, new { on = "2011", decisions = new object[] { new { text = "" } } }, "decisions[0].text");
        await Refused(sessions, new { on = "2011", decisions = new object[] { new { text = "Days of culture", planItem = new { title = "Days" } } } }, "planId");
        await Refused(sessions, new { on = "2011", decisions = new object[] { new { text = "Days", planItem = new { title = "Days", due = "soon" } } }, planId = twinning },
            "decisions[0].planItem.due");
        await Refused(sessions, new { on = "2011", decisions = new object[] { new { text = "Days", planItem = new { title = "Days" } } }, planId = twinning }, "planId");
        await Refused($"{Commissions}/{commission}/members", new { role = "chair", name = "Someone" }, "role");
        await Refused($"{Commissions}/{commission}/members", new { role = "co-chair", name = "Someone", from = "2012", until = "2010" }, "until");

        using var missing = await ministry.PostAsync($"{Commissions}/{Guid.NewGuid()}/sessions", new { on = "2011" });
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var badList = await ministry.GetAsync($"{Commissions}?kind=club");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badList.StatusCode);
        Assert.Single((await ministry.GetJsonAsync($"{Commissions}/{commission}/history")).EnumerateArray());
        Assert.Empty((await ministry.GetJsonAsync($"/api/agreements/{twinning}")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_committee_records_the_sessions_of_its_own_bodies_only_and_a_stale_version_is_refused()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var grodno = await system.ClientAsync("committee", "BY-HR");
        var group = new
        {
            kind = "working-group", title = Api.UniqueTitle("Working group Vitebsk - Heilongjiang"),
            parties = new object[] { new { code = "BY-VI", level = "region" }, new { code = "CN-HL", level = "region" } },
        };
        var commission = await vitebsk.CreateAsync(Commissions, group);

        using var elsewhere = await grodno.PostAsync($"{Commissions}/{commission}/sessions", new { on = "2012-03" });
        using var formedElsewhere = await grodno.PostAsync(Commissions, group);
        using var first = await vitebsk.PostAsync($"{Commissions}/{commission}/sessions", new { on = "2012-03" }, ifMatch: "\"1\"");
        using var stale = await vitebsk.PostAsync($"{Commissions}/{commission}/sessions", new { on = "2013-04" }, ifMatch: "\"1\"");

        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, formedElsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(["2012-03"], (await vitebsk.GetJsonAsync($"{Commissions}/{commission}")).GetProperty("sessions").EnumerateArray()
            .Select(s => s.GetProperty("on").GetString()));
    }
}
