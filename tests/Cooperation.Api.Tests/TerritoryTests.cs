using System.Net;

namespace Cooperation.Api.Tests;

/// <summary>
/// A committee writes only records of its own territory, every stream a write touches included: what another committee's
/// record, a partner's region or an organisation's word would open is refused with 403, and nothing is appended.
/// </summary>
public class TerritoryTests(CooperationSystem system)
{
    private static async Task AssertForbiddenAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"expected 403, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<string[]> HistoryAsync(HttpClient client, Guid id) =>
        (await client.GetJsonAsync($"/api/agreements/{id}/history")).EnumerateArray().Select(e => e.GetProperty("type").GetString()!).ToArray();

    private static readonly string[] Registered = ["agreement_registered", "agreement_signed"];

    [Fact]
    public async Task A_committee_cannot_attach_a_plan_to_another_committees_agreement()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var grodno = await system.ClientAsync("committee", "BY-HR");
        var parentId = await vitebsk.CreateAsync("/api/agreements", Api.Twinning(Api.UniqueTitle("Vitebsk parent")));

        using var plan = await grodno.PostAsync("/api/agreements", new
        {
            kind = "plan-of-events",
            title = Api.UniqueTitle("Grodno plan"),
            parties = new object[] { new { code = "BY-HR" }, new { code = "CN-HL" } },
            signedOn = "2023",
            parentAgreementId = parentId,
        });

        await AssertForbiddenAsync(plan);
        Assert.Equal(Registered, await HistoryAsync(vitebsk, parentId));
    }

    [Fact]
    public async Task A_committee_cannot_link_another_committees_agreement_to_its_own_visit()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var grodno = await system.ClientAsync("committee", "BY-HR");
        var agreementId = await vitebsk.CreateAsync("/api/agreements", Api.Twinning(Api.UniqueTitle("Vitebsk twinning")));
        var visitId = await grodno.CreateAsync("/api/delegations/visits", Api.Visit(Api.UniqueTitle("Grodno visit"), host: "BY-HR"));

        using var document = await grodno.PostNamingAgreementAsync($"/api/delegations/visits/{visitId}/documents", Api.Document("Memorandum", agreementId));

        await AssertForbiddenAsync(document);
        Assert.Equal(0, (await grodno.GetJsonAsync($"/api/delegations/visits/{visitId}")).GetProperty("documents").GetArrayLength());
        Assert.Equal(Registered, await HistoryAsync(vitebsk, agreementId));
    }

    [Fact]
    public async Task A_committee_token_for_a_region_the_system_does_not_serve_reads_but_never_writes()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var heilongjiang = await system.ClientAsync("committee", "CN-HL");
        var agreementId = await vitebsk.CreateAsync("/api/agreements", Api.Twinning(Api.UniqueTitle("Vitebsk - Heilongjiang")));

        Assert.Equal(agreementId, (await heilongjiang.GetJsonAsync($"/api/agreements/{agreementId}")).GetProperty("id").GetGuid());
        using var amended = await heilongjiang.PostAsync($"/api/agreements/{agreementId}/amendments", new { summary = "Adds tourism", effectiveOn = "2022" });
        using var registered = await heilongjiang.PostAsync("/api/agreements", Api.Twinning(Api.UniqueTitle("Heilongjiang's own")));

        await AssertForbiddenAsync(amended);
        await AssertForbiddenAsync(registered);
        Assert.Equal(Registered, await HistoryAsync(vitebsk, agreementId));
    }

    [Fact]
    public async Task An_organisation_declaring_a_region_grants_no_territory_there()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var grodno = await system.ClientAsync("committee", "BY-HR");
        object[] parties = [new { code = "BY-VI" }, new { level = "organisation", name = "anything", region = "BY-HR" }];
        var agreementId = await vitebsk.CreateAsync("/api/agreements", new { kind = "twinning", title = Api.UniqueTitle("With an organisation"), parties, signedOn = "2014" });

        using var registered = await grodno.PostAsync("/api/agreements", new
        {
            kind = "twinning", title = Api.UniqueTitle("Grodno by an organisation"),
            parties = new object[] { new { code = "CN-HL" }, new { level = "organisation", name = "anything", region = "BY-HR" } },
        });
        using var amended = await grodno.PostAsync($"/api/agreements/{agreementId}/amendments", new { summary = "Adds tourism", effectiveOn = "2022" });
        using var terminated = await grodno.PostAsync($"/api/agreements/{agreementId}/termination", new { on = "2020-01-01", reason = "Superseded" });

        await AssertForbiddenAsync(registered);
        await AssertForbiddenAsync(amended);
        await AssertForbiddenAsync(terminated);
        Assert.Equal(Registered, await HistoryAsync(vitebsk, agreementId));
    }

    [Fact]
    public async Task An_idempotency_key_answers_only_the_caller_who_used_it()
    {
        using var first = await system.ClientAsync("committee", "BY-VI", "c");
        using var colon = await system.ClientAsync("committee", "BY-VI", "c:k");
        using var elsewhere = await system.ClientAsync("committee", "BY-HR", "c");
        var title = Api.UniqueTitle("Keyed");
        object Body(string region) => new { kind = "twinning", title, parties = new object[] { new { code = region }, new { code = "CN-HL" } } };
        // "c" + "k:<n>" and "c:k" + "<n>" read alike when joined with a colon; <n> is this run's, so a kept database has no record of it.
        var n = Guid.NewGuid().ToString("N");

        using var created = await first.PostAsync("/api/agreements", Body("BY-VI"), idempotencyKey: $"k:{n}");
        using var other = await colon.PostAsync("/api/agreements", Body("BY-VI"), idempotencyKey: n);
        using var otherRegion = await elsewhere.PostAsync("/api/agreements", Body("BY-HR"), idempotencyKey: $"k:{n}");
        using var retried = await first.PostAsync("/api/agreements", Body("BY-VI"), idempotencyKey: $"k:{n}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        Assert.Equal(HttpStatusCode.Created, otherRegion.StatusCode);
        Assert.False(other.Headers.Contains("Idempotent-Replayed"));
        Assert.False(otherRegion.Headers.Contains("Idempotent-Replayed"));
        var ids = new[] { created, other, otherRegion }.Select(r => r.Headers.Location!.ToString()).ToArray();
        Assert.Equal(3, ids.Distinct().Count());
        Assert.Equal(ids[0], retried.Headers.Location!.ToString());
        Assert.True(retried.Headers.Contains("Idempotent-Replayed"));
    }
}
