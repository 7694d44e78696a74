using System.Net;
using System.Text.Json;

namespace Cooperation.Api.Tests;

public class DelegationsTests(CooperationSystem system)
{
    private const string Visits = "/api/delegations/visits";

    private async Task<(Guid Id, JsonElement Visit)> PlanAsync(HttpClient client, object body)
    {
        using var created = await client.PostAsync(Visits, body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var visit = await created.JsonAsync();
        return (visit.GetProperty("id").GetGuid(), visit);
    }

    [Fact]
    public async Task A_planned_visit_is_stored_answered_with_its_version_and_published()
    {
        await using var queue = await EventQueue.BindAsync(system.RabbitMq);
        using var vitebsk = await system.ClientAsync("committee", "BY-VI", "vitebsk-clerk");

        using var created = await vitebsk.PostAsync(Visits, Api.Visit(Api.UniqueTitle("Investment forum")));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("\"1\"", created.Headers.ETag?.Tag);
        var visit = await created.JsonAsync();
        var id = visit.GetProperty("id").GetGuid();
        Assert.Equal($"{Visits}/{id}", created.Headers.Location?.ToString());
        Assert.Equal("overdue", visit.GetProperty("status").GetString());  // planned for October 2019, never completed
        Assert.Equal("CN-HL", visit.GetProperty("guests")[0].GetProperty("code").GetString());
        Assert.Equal("2019-10", visit.GetProperty("plannedFrom").GetString());
        Assert.Equal("vitebsk-clerk", visit.GetProperty("plannedBy").GetString());

        var message = Assert.Single(await queue.ForStreamAsync(id, 1));
        Assert.Contains("urn:message:Cooperation.Contracts.Delegations:VisitPlanned", message.GetProperty("messageType").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("delegations", message.GetProperty("message").GetProperty("metadata").GetProperty("service").GetString());
    }

    [Fact]
    public async Task A_visit_goes_through_its_lifecycle_and_its_history_and_past_versions_show_each_step()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        var (id, _) = await PlanAsync(vitebsk, Api.Visit(Api.UniqueTitle("Lifecycle"), plannedFrom: "2031-05"));
        Assert.Equal("planned", (await vitebsk.GetJsonAsync($"{Visits}/{id}")).GetProperty("status").GetString());

        using var moved = await vitebsk.PostAsync($"{Visits}/{id}/reschedule", new { plannedFrom = "2019-06-10", plannedTo = "2019-06-12", reason = "Forum dates" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        using var programme = await vitebsk.PostAsync($"{Visits}/{id}/programme", new
        {
            items = new object[]
            {
                new { on = "2019-06-10", kind = "meeting", description = "Talks at the oblast executive committee" },
                new { on = "2019-06-11", kind = "enterprise-visit", description = "Vitebsk carpet factory" },
            },
        });
        Assert.Equal(HttpStatusCode.OK, programme.StatusCode);
        using var completed = await vitebsk.PostAsync($"{Visits}/{id}/completion", new { from = "2019-06-10", to = "2019-06-12", summary = "Held" });
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        Assert.Equal("\"4\"", completed.Headers.ETag?.Tag);

        var visit = await completed.JsonAsync();
        Assert.Equal("completed", visit.GetProperty("status").GetString());
        Assert.Equal(2, visit.GetProperty("programme").GetArrayLength());
        Assert.Equal("2019-06-10", visit.GetProperty("completion").GetProperty("from").GetString());
        Assert.Equal("Forum dates", visit.GetProperty("scheduleChanges")[0].GetProperty("reason").GetString());

        var history = await vitebsk.GetJsonAsync($"{Visits}/{id}/history");
        Assert.Equal(["visit_planned", "visit_rescheduled", "programme_recorded", "visit_completed"],
            history.EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToArray());
        var second = await vitebsk.GetJsonAsync($"{Visits}/{id}?version=2");
        Assert.Equal("overdue", second.GetProperty("status").GetString());
        Assert.Equal("2019-06-10", second.GetProperty("plannedFrom").GetString());
        var atPlanning = await vitebsk.GetJsonAsync($"{Visits}/{id}?asOf={Uri.EscapeDataString(history[0].GetProperty("recordedAt").GetString()!)}");
        Assert.Equal("2031-05", atPlanning.GetProperty("plannedFrom").GetString());

        using var again = await vitebsk.PostAsync($"{Visits}/{id}/cancellation", new { reason = "Too late" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using var reschedule = await vitebsk.PostAsync($"{Visits}/{id}/reschedule", new { plannedFrom = "2020" });
        Assert.Equal(HttpStatusCode.Conflict, reschedule.StatusCode);
    }

    [Fact]
    public async Task A_cancelled_visit_keeps_its_reason_and_takes_no_more_changes()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        var (id, _) = await PlanAsync(vitebsk, Api.Visit(Api.UniqueTitle("Cancelled"), plannedFrom: "2030"));
        using var cancelled = await vitebsk.PostAsync($"{Visits}/{id}/cancellation", new { reason = "Postponed indefinitely" });
        var visit = await cancelled.JsonAsync();
        Assert.Equal("cancelled", visit.GetProperty("status").GetString());
        Assert.Equal("Postponed indefinitely", visit.GetProperty("cancellationReason").GetString());

        using var document = await vitebsk.PostAsync($"{Visits}/{id}/documents", Api.Document("Memorandum"));
        Assert.Equal(HttpStatusCode.Conflict, document.StatusCode);
        Assert.Equal(2, (await vitebsk.GetJsonAsync($"{Visits}/{id}/history")).GetArrayLength());
    }

    [Theory]
    [InlineData("""{"direction":"sideways","host":{"code":"BY-VI","level":"region"},"guests":[{"code":"CN-HL","level":"region"}],"plannedFrom":"2020"}""", "direction")]
    [InlineData("""{"direction":"incoming","host":{"name":"Atlantis","level":"region"},"guests":[{"code":"CN-HL","level":"region"}],"plannedFrom":"2020"}""", "host")]
    [InlineData("""{"direction":"incoming","host":{"code":"BY-VI","level":"region"},"guests":[],"plannedFrom":"2020"}""", "guests")]
    [InlineData("""{"direction":"incoming","host":{"code":"BY-VI","level":"region"},"guests":[{"code":"CN-HL","level":"region"}],"plannedFrom":"2020-13"}""", "plannedFrom")]
    [InlineData("""{"direction":"incoming","host":{"code":"BY-VI","level":"region"},"guests":[{"code":"CN-HL","level":"region"}],"plannedFrom":"2020-05","plannedTo":"2020-04"}""", "plannedTo")]
    [InlineData("""{"direction":"incoming","host":{"code":"BY-VI","level":"region"},"guests":[{"code":"CN-HL","level":"region"}],"plannedFrom":"2020","size":0}""", "size")]
    [InlineData("""{"direction":"incoming","host":{"code":"BY-VI","level":"region"},"guests":[{"code":"CN-HL","level":"region"}],"plannedFrom":"2020","head":{"name":" "}}""", "head")]
    [InlineData("""{"direction":"incoming","host":{"code":"BY-VI","level":"region"},"guests":[{"code":"CN-HL","level":"region"}],"plannedFrom":"2020","companies":["A","B"],"companyCount":1}""", "companyCount")]
    public async Task Bad_plans_are_refused_with_422_naming_the_field(string body, string field)
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var response = await vitebsk.PostJsonAsync(Visits, body);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(field, (await response.JsonAsync()).ErrorFields());
    }

    [Fact]
    public async Task Bad_updates_are_refused_with_4xx_naming_the_field_and_change_nothing()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        var (id, _) = await PlanAsync(vitebsk, Api.Visit(Api.UniqueTitle("Bad updates"), plannedFrom: "2019-06"));

        async Task Refused(string path, object body, string field)
        {
            using var response = await vitebsk.PostAsync($"{Visits}/{id}/{path}", body);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Contains(field, (await response.JsonAsync()).ErrorFields());
        }
        await Refused("reschedule", new { plannedFrom = "someday" }, "plannedFrom");
        await Refused("programme", new { items = new[] { new { on = "2019-06-10", kind = "banquet", description = "Dinner" } } }, "items[0].kind");
        await Refused("programme", new { items = Array.Empty<object>() }, "items");
        await Refused("documents", Api.Document("Unknown agreement", agreementId: Guid.NewGuid()), "agreementId");
        await Refused("documents", new { title = "Memo", kind = "memorandum", parties = new[] { new { code = "BY-VI", level = "region" } }, signedOn = "2019" }, "parties");
        await Refused("documents", Api.Document("Future", signedOn: "2099-01-01"), "signedOn");
        await Refused("completion", new { from = "2019-06-12", to = "2019-06-10" }, "to");
        await Refused("completion", new { from = "2099-06-12", to = "2099-06-14" }, "from");
        await Refused("cancellation", new { reason = " " }, "reason");

        using var missing = await vitebsk.PostAsync($"{Visits}/{Guid.NewGuid()}/cancellation", new { reason = "Gone" });
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Single((await vitebsk.GetJsonAsync($"{Visits}/{id}/history")).EnumerateArray());
    }

    [Fact]
    public async Task Committees_change_only_visits_their_region_hosts_and_need_a_token()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var gomel = await system.ClientAsync("committee", "BY-HO");
        using var auditor = await system.ClientAsync("auditor");
        var (id, _) = await PlanAsync(vitebsk, Api.Visit(Api.UniqueTitle("Territory"), host: "BY-VI-ORSHA-DISTRICT"));

        using var foreign = await gomel.PostAsync(Visits, Api.Visit(Api.UniqueTitle("Not Gomel's")));
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        using var cancel = await gomel.PostAsync($"{Visits}/{id}/cancellation", new { reason = "Not ours" });
        Assert.Equal(HttpStatusCode.Forbidden, cancel.StatusCode);
        using var audit = await auditor.PostAsync($"{Visits}/{id}/cancellation", new { reason = "Auditors read" });
        Assert.Equal(HttpStatusCode.Forbidden, audit.StatusCode);
        using var anonymous = await system.Http.GetAsync($"{Visits}/{id}");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        Assert.Equal("overdue", (await auditor.GetJsonAsync($"{Visits}/{id}")).GetProperty("status").GetString());
        Assert.Single((await auditor.GetJsonAsync($"{Visits}/{id}/history")).EnumerateArray());
    }

    [Fact]
    public async Task Lists_filter_by_region_partner_direction_status_and_days()
    {
        using var mogilev = await system.ClientAsync("committee", "BY-MA");
        var purpose = Api.UniqueTitle("Listed");
        var (overdue, _) = await PlanAsync(mogilev, Api.Visit(purpose, host: "BY-MA", plannedFrom: "2018-03"));
        var (future, _) = await PlanAsync(mogilev, Api.Visit(purpose, host: "BY-MA", plannedFrom: "2032-03"));

        Guid[] Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("id").GetGuid()).ToArray();
        var mine = Ids(await mogilev.GetJsonAsync($"{Visits}?region=BY-MA&partner=Heilongjiang&direction=incoming&pageSize=200"));
        Assert.Contains(overdue, mine);
        Assert.Contains(future, mine);
        var late = Ids(await mogilev.GetJsonAsync($"{Visits}?region=BY-MA&status=overdue&pageSize=200"));
        Assert.Contains(overdue, late);
        Assert.DoesNotContain(future, late);
        var in2032 = Ids(await mogilev.GetJsonAsync($"{Visits}?region=BY-MA&from=2032-01-01&to=2032-12"));
        Assert.Equal([future], in2032.Where(id => id == future || id == overdue).ToArray());
        Assert.DoesNotContain(overdue, Ids(await mogilev.GetJsonAsync($"{Visits}?region=BY-MA&partner=CN-SD&pageSize=200")));

        using var bad = await mogilev.GetAsync($"{Visits}?status=late&from=soon");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Equal(["from", "status"], (await bad.JsonAsync()).ErrorFields().Order().ToArray());
    }

    [Fact]
    public async Task A_document_signed_during_a_visit_registers_the_agreement_which_lists_the_visit_and_its_fate_shows_on_the_visit()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        var (visitId, _) = await PlanAsync(vitebsk, Api.Visit(Api.UniqueTitle("Signing visit")));
        var title = Api.UniqueTitle("Memorandum on trade");

        using var recorded = await vitebsk.PostAsync($"{Visits}/{visitId}/documents", Api.Document(title));
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        var document = (await recorded.JsonAsync()).GetProperty("documents")[0];
        var agreementId = document.GetProperty("agreementId").GetGuid();

        var agreement = await vitebsk.EventuallyAsync($"/api/agreements/{agreementId}", _ => true, TimeSpan.FromSeconds(30));
        Assert.Equal(title, agreement.GetProperty("title").GetString());
        Assert.Equal("signed", agreement.GetProperty("status").GetString());
        Assert.Equal("2019-10-15", agreement.GetProperty("signedOn").GetString());
        var linked = Assert.Single(agreement.GetProperty("visits").EnumerateArray());
        Assert.Equal(visitId, linked.GetProperty("id").GetGuid());

        await vitebsk.EventuallyAsync($"{Visits}/{visitId}", v => Status(v) == "signed");
        using var terminated = await vitebsk.PostAsync($"/api/agreements/{agreementId}/termination", new { on = "2023-01-01", reason = "Superseded" });
        Assert.Equal(HttpStatusCode.OK, terminated.StatusCode);
        await vitebsk.EventuallyAsync($"{Visits}/{visitId}", v => Status(v) == "terminated");
    }

    [Fact]
    public async Task A_document_naming_an_existing_agreement_links_it_and_its_signing_shows_on_the_visit()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var draft = await vitebsk.PostAsync("/api/agreements", Api.Twinning(Api.UniqueTitle("Draft twinning"), signedOn: null));
        var agreementId = (await draft.JsonAsync()).GetProperty("id").GetGuid();
        var (visitId, _) = await PlanAsync(vitebsk, Api.Visit(Api.UniqueTitle("Linking visit")));

        using var recorded = await vitebsk.PostNamingAgreementAsync($"{Visits}/{visitId}/documents", Api.Document("Twinning", agreementId));
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);

        var agreement = await vitebsk.EventuallyAsync($"/api/agreements/{agreementId}", a => a.GetProperty("visits").GetArrayLength() == 1);
        Assert.Equal(visitId, agreement.GetProperty("visits")[0].GetProperty("id").GetGuid());
        Assert.Equal("draft", Status(await vitebsk.EventuallyAsync($"{Visits}/{visitId}", v => Status(v) == "draft")));

        using var signed = await vitebsk.PostAsync($"/api/agreements/{agreementId}/signature", new { signedOn = "2019-10-15" });
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        await vitebsk.EventuallyAsync($"{Visits}/{visitId}", v => Status(v) == "signed");
    }

    private static string? Status(JsonElement visit) =>
        visit.GetProperty("documents")[0].GetProperty("agreement") is { ValueKind: JsonValueKind.Object } agreement
            ? agreement.GetProperty("status").GetString()
            : null;
}
