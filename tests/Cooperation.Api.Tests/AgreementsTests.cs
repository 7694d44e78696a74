using System.Net;
using System.Text.Json;

namespace Cooperation.Api.Tests;

public class AgreementsTests(CooperationSystem system)
{
    [Fact]
    public async Task A_registered_agreement_is_stored_answered_with_its_version_and_published_to_the_exchange()
    {
        await using var queue = await EventQueue.BindAsync(system.RabbitMq);
        using var vitebsk = await system.ClientAsync("committee", "BY-VI", "vitebsk-clerk");
        var title = Api.UniqueTitle("Twinning Vitebsk Oblast - Heilongjiang");

        using var created = await vitebsk.PostAsync("/api/agreements", Api.Twinning(title));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("\"2\"", created.Headers.ETag?.Tag);
        var agreement = await created.JsonAsync();
        var id = agreement.GetProperty("id").GetGuid();
        Assert.Equal($"/api/agreements/{id}", created.Headers.Location?.ToString());
        Assert.Equal("signed", agreement.GetProperty("status").GetString());
        Assert.Equal("2014-05-20", agreement.GetProperty("signedOn").GetString());
        Assert.Equal("CN-HL", agreement.GetProperty("parties")[1].GetProperty("code").GetString());
        Assert.Equal("vitebsk-clerk", agreement.GetProperty("registeredBy").GetString());

        var read = await vitebsk.GetJsonAsync($"/api/agreements/{id}");
        Assert.Equal(title, read.GetProperty("title").GetString());

        var messages = await queue.ForStreamAsync(id, 2);
        Assert.Collection(messages,
            m => Assert.Contains("urn:message:Cooperation.Contracts.Agreements:AgreementRegistered", m.GetProperty("messageType").EnumerateArray().Select(t => t.GetString())),
            m => Assert.Contains("urn:message:Cooperation.Contracts.Agreements:AgreementSigned", m.GetProperty("messageType").EnumerateArray().Select(t => t.GetString())));
        var metadata = messages[1].GetProperty("message").GetProperty("metadata");
        Assert.Equal(2, metadata.GetProperty("version").GetInt64());
        Assert.Equal("agreements", metadata.GetProperty("service").GetString());
        Assert.Equal("BY-VI", metadata.GetProperty("actor").GetProperty("region").GetString());
        Assert.True(metadata.GetProperty("sequence").GetInt64() > messages[0].GetProperty("message").GetProperty("metadata").GetProperty("sequence").GetInt64());
        Assert.Equal(metadata.GetProperty("eventId").GetGuid(), messages[1].GetProperty("messageId").GetGuid());
    }

    [Fact]
    public async Task A_write_with_a_stale_If_Match_is_refused_with_412_and_appends_nothing()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var created = await vitebsk.PostAsync("/api/agreements", Api.Twinning(Api.UniqueTitle("Stale"), validUntil: "2020"));
        var id = (await created.JsonAsync()).GetProperty("id").GetGuid();

        using var extended = await vitebsk.PostAsync($"/api/agreements/{id}/extension", new { validUntil = "2025" }, ifMatch: "\"2\"");
        Assert.Equal(HttpStatusCode.OK, extended.StatusCode);
        Assert.Equal("\"3\"", extended.Headers.ETag?.Tag);

        using var stale = await vitebsk.PostAsync($"/api/agreements/{id}/extension", new { validUntil = "2030" }, ifMatch: "\"2\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        Assert.True((await stale.JsonAsync()).TryGetProperty("traceId", out _));

        var history = await vitebsk.GetJsonAsync($"/api/agreements/{id}/history");
        Assert.Equal(3, history.GetArrayLength());
    }

    [Fact]
    public async Task A_retried_write_with_the_same_Idempotency_Key_answers_the_first_answer_and_appends_nothing()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        var body = Api.Twinning(Api.UniqueTitle("Idempotent"));
        var key = Guid.NewGuid().ToString();

        using var first = await vitebsk.PostAsync("/api/agreements", body, idempotencyKey: key);
        using var retry = await vitebsk.PostAsync("/api/agreements", body, idempotencyKey: key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        var id = (await first.JsonAsync()).GetProperty("id").GetGuid();
        Assert.Equal(id, (await retry.JsonAsync()).GetProperty("id").GetGuid());
        Assert.Equal(first.Headers.ETag, retry.Headers.ETag);
        Assert.Equal(2, (await vitebsk.GetJsonAsync($"/api/agreements/{id}/history")).GetArrayLength());

        using var reused = await vitebsk.PostAsync("/api/agreements", Api.Twinning(Api.UniqueTitle("Other")), idempotencyKey: key);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Contains("Idempotency-Key", (await reused.JsonAsync()).ErrorFields());
    }

    [Fact]
    public async Task A_write_with_validateOnly_answers_the_events_it_would_append_and_stores_nothing()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        var title = Api.UniqueTitle("Validated only");
        var id = await vitebsk.CreateAsync("/api/agreements", Api.Twinning(Api.UniqueTitle("Validated extension")));

        using var registered = await vitebsk.PostAsync("/api/agreements?validateOnly=true", Api.Twinning(title), idempotencyKey: Guid.NewGuid().ToString());
        using var extended = await vitebsk.PostAsync($"/api/agreements/{id}/extension?validateOnly=true", new { validUntil = "2030" });
        using var invalid = await vitebsk.PostAsync("/api/agreements?validateOnly=true", new { kind = "alliance", title, parties = new[] { new { code = "BY-VI" } } });
        using var unreadable = await vitebsk.PostAsync("/api/agreements?validateOnly=maybe", Api.Twinning(title));

        Assert.Equal(HttpStatusCode.Accepted, registered.StatusCode);
        var answer = await registered.JsonAsync();
        Assert.True(answer.GetProperty("validateOnly").GetBoolean());
        Assert.Equal(["agreement_registered", "agreement_signed"], answer.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()));
        Assert.Equal(title, answer.GetProperty("events")[0].GetProperty("data").GetProperty("title").GetString());
        Assert.Null(registered.Headers.Location);
        Assert.Equal(HttpStatusCode.Accepted, extended.StatusCode);
        Assert.Equal(3, (await extended.JsonAsync()).GetProperty("version").GetInt64());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        Assert.Contains("kind", (await invalid.JsonAsync()).ErrorFields());
        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);

        // Nothing was stored: no agreement of that title, and the extended one still at its version.
        Assert.Equal(0, (await vitebsk.GetJsonAsync($"/api/agreements?q={Uri.EscapeDataString(title)}")).GetProperty("total").GetInt64());
        Assert.Equal(2, (await vitebsk.GetJsonAsync($"/api/agreements/{id}")).GetProperty("version").GetInt64());
        Assert.Equal(2, (await vitebsk.GetJsonAsync($"/api/agreements/{id}/history")).GetArrayLength());
    }

    [Theory]
    [InlineData("agreements", "Agreements")]
    [InlineData("delegations", "Delegations")]
    [InlineData("trade", "Trade")]
    public async Task Every_writes_OpenAPI_document_shows_the_record_under_201_or_200_and_the_validation_under_202(string service, string tag)
    {
        using var http = new HttpClient();
        var document = JsonDocument.Parse(await http.GetStringAsync(new Uri(system.Services[service].Address, "/openapi/v1.json"))).RootElement;
        static string? Schema(JsonElement responses, string status) =>
            responses.TryGetProperty(status, out var answer) && answer.TryGetProperty("content", out var content)
                ? content.GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString()
                : null;

        var writes = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Where(op => op.Name == "post").Select(op => op.Value))
            .Where(op => op.GetProperty("tags").EnumerateArray().Any(t => t.GetString() == tag))
            .ToArray();
        Assert.NotEmpty(writes);
        foreach (var write in writes)
        {
            var responses = write.GetProperty("responses");
            var name = write.GetProperty("operationId").GetString();
            var record = Schema(responses, "201") ?? Schema(responses, "200");
            Assert.True(record is not null && !record.EndsWith("/ValidatedWrite"), $"{name} answers no record under 201 or 200.");
            Assert.Equal("#/components/schemas/ValidatedWrite", Schema(responses, "202"));
        }
    }

    public static TheoryData<string, string> BadRegistrations => new()
    {
        { """{"kind":"alliance","title":"T","parties":[{"code":"BY-VI"},{"code":"CN-HL"}]}""", "kind" },
        { """{"kind":"twinning","title":" ","parties":[{"code":"BY-VI"},{"code":"CN-HL"}]}""", "title" },
        { """{"kind":"twinning","title":"T","parties":[{"code":"BY-VI"}]}""", "parties" },
        { """{"kind":"twinning","title":"T","parties":[{"code":"BY-VI"},{"name":"Atlantis","level":"city"}]}""", "parties[1]" },
        { """{"kind":"twinning","title":"T","parties":[{"code":"BY-VI"},{"code":"XX-YY"}]}""", "parties[1]" },
        { """{"kind":"twinning","title":"T","parties":[{"code":"BY-VI"},{"code":"CN-HL"}],"signedOn":"November 2007"}""", "signedOn" },
        { """{"kind":"twinning","title":"T","parties":[{"code":"BY-VI"},{"code":"CN-HL"}],"signedOn":"2099"}""", "signedOn" },
        { """{"kind":"twinning","title":"T","parties":[{"code":"BY-VI"},{"code":"CN-HL"}],"signedOn":"2010","validUntil":"2009"}""", "validUntil" },
        { """{"kind":"twinning","title":"T","parties":[{"code":"BY-VI"},{"code":"CN-HL"}],"spheres":["astrology"]}""", "spheres[0]" },
        { """{"kind":"twinning","title":"T","parties":[{"code":"BY-VI"},{"code":"CN-HL"}],"parentAgreementId":"0196c2a4-0000-7000-8000-000000000000"}""", "parentAgreementId" },
        { """{"kind":"twinning","title":"T","parties":[{"code":"BY-VI"},{"code":"CN-HL","level":"planet"}]}""", "parties[1]" },
        { """{"kind":"twinning","title":"T","parties":[{"code":"BY-VI"},{"code":"CN-HL"}],"status":"expired"}""", "status" },
        { """{"kind":"twinning","title":"T","parties":[{"code":"BY-VI"},{"code":"CN-HL"}],"status":"in force"}""", "status" },
        { """{"kind":"twinning","title":"T","parties":[{"code":"BY-VI"},{"code":"CN-HL"}],"status":"draft","signedOn":"2010"}""", "status" },
    };

    [Theory]
    [MemberData(nameof(BadRegistrations))]
    public async Task Bad_input_is_refused_with_422_naming_the_field_and_stores_nothing(string body, string field)
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        var marker = Guid.NewGuid().ToString("N");
        using var response = await vitebsk.PostJsonAsync("/api/agreements", body.Replace("\"title\":\"T\"", $"\"title\":\"T {marker}\""));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.Contains(field, problem.ErrorFields());
        Assert.True(problem.TryGetProperty("traceId", out _));
        var found = await vitebsk.GetJsonAsync($"/api/agreements?q={marker}");
        Assert.Equal(0, found.GetProperty("total").GetInt64());
    }

    [Theory]
    [InlineData("""{"kind":"twinning","title":"T","parties":[{"code":"BY-VI"},{"code":"CN-HL"}],"signedOn":2004}""", "signedOn")]
    [InlineData("""{"kind":"twinning","title":"T","parties":{"code":"BY-VI"}}""", "parties")]
    public async Task A_body_of_the_wrong_shape_is_refused_with_400_naming_the_field(string body, string field)
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var response = await vitebsk.PostJsonAsync("/api/agreements", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await response.JsonAsync()).ErrorFields());
    }

    [Fact]
    public async Task A_missing_body_or_an_unreadable_query_is_refused_with_400_naming_it()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var noBody = await vitebsk.PostJsonAsync("/api/agreements", "");
        Assert.Equal(HttpStatusCode.BadRequest, noBody.StatusCode);
        Assert.Contains("body", (await noBody.JsonAsync()).ErrorFields());

        using var badMoment = await vitebsk.GetAsync($"/api/agreements/{Guid.NewGuid()}?asOf=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, badMoment.StatusCode);
        Assert.Contains("asOf", (await badMoment.JsonAsync()).ErrorFields());

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/agreements/{Guid.NewGuid()}/signature")
            { Content = new StringContent("""{"signedOn":"2020"}""", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("If-Match", "latest");
        using var badTag = await vitebsk.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, badTag.StatusCode);
    }

    [Fact]
    public async Task Unauthenticated_and_forged_requests_get_401()
    {
        using var anonymous = await system.Http.PostAsync("/api/agreements", Api.Twinning("x"));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        using var forged = new HttpClient { BaseAddress = system.Gateway.Address };
        var token = await system.TokenAsync("admin");
        var parts = token.Split('.');
        var otherKey = new System.Security.Cryptography.HMACSHA256(System.Text.Encoding.UTF8.GetBytes("someone else's key, long enough to sign"));
        var signature = Convert.ToBase64String(otherKey.ComputeHash(System.Text.Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        forged.DefaultRequestHeaders.Authorization = new("Bearer", $"{parts[0]}.{parts[1]}.{signature}");
        using var response = await forged.GetAsync("/api/agreements");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <summary>The claims of an admin token as the provider mints them, valid for ten minutes from now.</summary>
    private Dictionary<string, object> AdminClaims()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return new() { ["iss"] = system.Issuer, ["aud"] = "cooperation", ["sub"] = "admin-by-hand", ["role"] = "admin", ["iat"] = now, ["nbf"] = now, ["exp"] = now + 600 };
    }

    public static TheoryData<string> HostileTokens => new()
    {
        "another RSA key", "HS256 with a shared secret", "HS256 with the provider's public key", "another issuer", "another audience",
        "year 9999", "16 minutes", "no sub", "blank sub", "two roles",
    };

    [Theory]
    [MemberData(nameof(HostileTokens))]
    public async Task Only_tokens_of_the_provider_s_key_issuer_and_audience_of_at_most_15_minutes_with_one_subject_and_one_role_are_accepted_by_the_gateway_and_every_service(string hostile)
    {
        var (keyId, key) = await system.ProviderKeyAsync();
        var claims = AdminClaims();
        var bad = "";
        switch (hostile)
        {
            case "another RSA key": bad = Api.Jwt(claims, "RS256", System.Security.Cryptography.RSA.Create(2048), keyId); break;
            case "HS256 with a shared secret": bad = Api.Jwt(claims, "HS256", keyId: keyId, secret: "the old shared secret, long enough to sign with"); break;
            case "HS256 with the provider's public key": bad = Api.Jwt(claims, "HS256", keyId: keyId, secret: key.ExportSubjectPublicKeyInfoPem()); break;
            case "another issuer": claims["iss"] = "http://127.0.0.1:1/"; break;
            case "another audience": claims["aud"] = "someone-else"; break;
            case "year 9999": claims["exp"] = new DateTimeOffset(9999, 12, 31, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(); break;
            case "16 minutes": claims["exp"] = (long)claims["iat"] + 16 * 60; break;
            case "no sub": claims.Remove("sub"); break;
            case "blank sub": claims["sub"] = " "; break;
            case "two roles": claims["role"] = new[] { "committee", "admin" }; claims["region"] = "BY-VI"; break;
        }
        var good = Api.Jwt(AdminClaims(), "RS256", key, keyId);
        if (bad == "") bad = Api.Jwt(claims, "RS256", key, keyId);

        // An admin-only read: a token that passes gets 404 for a rebuild that does not exist, one that does not gets 401.
        var path = $"/api/agreements/rebuilds/{Guid.NewGuid()}";
        foreach (var host in new[] { system.Gateway }.Concat(system.Services.Values.Where(s => s.Name is not ("dashboard" or "identity"))))
        {
            using var client = new HttpClient { BaseAddress = host.Address };
            var service = host == system.Gateway ? "agreements" : host.Name;
            using var accepted = await Send(client, path.Replace("agreements", service), good);
            Assert.True(accepted.StatusCode == HttpStatusCode.NotFound, $"{host.Name} answered {(int)accepted.StatusCode} to a good token");
            using var refused = await Send(client, path.Replace("agreements", service), bad);
            Assert.True(refused.StatusCode == HttpStatusCode.Unauthorized, $"{host.Name} answered {(int)refused.StatusCode} to a token with {hostile}");
        }

        static async Task<HttpResponseMessage> Send(HttpClient client, string path, string token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Authorization = new("Bearer", token);
            return await client.SendAsync(request);
        }
    }

    [Fact]
    public async Task A_committee_cannot_write_outside_its_region_and_an_auditor_cannot_write_at_all()
    {
        using var gomel = await system.ClientAsync("committee", "BY-HO");
        using var outside = await gomel.PostAsync("/api/agreements", Api.Twinning(Api.UniqueTitle("Not Gomel's")));
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);

        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var created = await vitebsk.PostAsync("/api/agreements", Api.Twinning(Api.UniqueTitle("Vitebsk's"), signedOn: null));
        var id = (await created.JsonAsync()).GetProperty("id").GetGuid();
        using var signing = await gomel.PostAsync($"/api/agreements/{id}/signature", new { signedOn = "2020" });
        Assert.Equal(HttpStatusCode.Forbidden, signing.StatusCode);

        using var auditor = await system.ClientAsync("auditor");
        using var audit = await auditor.PostAsync("/api/agreements", Api.Twinning(Api.UniqueTitle("Auditor's")));
        Assert.Equal(HttpStatusCode.Forbidden, audit.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync($"/api/agreements/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_committee_writes_through_a_district_of_its_region()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var created = await vitebsk.PostAsync("/api/agreements", new
        {
            kind = "friendly-relations",
            title = Api.UniqueTitle("Orsha District - Qingdao"),
            parties = new object[] { new { name = "Оршанский район" }, new { name = "Циндао" } },
            signedOn = "2019-09",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    [Fact]
    public async Task A_record_reads_as_it_stood_at_a_version_or_a_moment()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var created = await vitebsk.PostAsync("/api/agreements", Api.Twinning(Api.UniqueTitle("Versions"), signedOn: null, validUntil: "2030"));
        var id = (await created.JsonAsync()).GetProperty("id").GetGuid();
        await Task.Delay(1100);
        var between = DateTimeOffset.UtcNow;
        await Task.Delay(1100);
        using var signed = await vitebsk.PostAsync($"/api/agreements/{id}/signature", new { signedOn = "2021-03-04", place = "Vitebsk" });
        using var amended = await vitebsk.PostAsync($"/api/agreements/{id}/amendments", new { summary = "Adds tourism", effectiveOn = "2022" });

        var v1 = await vitebsk.GetJsonAsync($"/api/agreements/{id}?version=1");
        Assert.Equal("draft", v1.GetProperty("status").GetString());
        Assert.Equal(1, v1.GetProperty("version").GetInt64());
        var v2 = await vitebsk.GetJsonAsync($"/api/agreements/{id}?version=2");
        Assert.Equal("signed", v2.GetProperty("status").GetString());
        Assert.Equal(0, v2.GetProperty("amendments").GetArrayLength());
        var then = await vitebsk.GetJsonAsync($"/api/agreements/{id}?asOf={Uri.EscapeDataString(between.ToString("O"))}");
        Assert.Equal("draft", then.GetProperty("status").GetString());
        var now = await vitebsk.GetJsonAsync($"/api/agreements/{id}");
        Assert.Equal(3, now.GetProperty("version").GetInt64());
        Assert.Equal(1, now.GetProperty("amendments").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await vitebsk.GetAsync($"/api/agreements/{id}?version=9")).StatusCode);

        var history = await vitebsk.GetJsonAsync($"/api/agreements/{id}/history");
        Assert.Equal(["agreement_registered", "agreement_signed", "agreement_amended"], history.EnumerateArray().Select(e => e.GetProperty("type").GetString()!).ToArray());
        Assert.All(history.EnumerateArray(), e => Assert.Equal("BY-VI", e.GetProperty("actor").GetProperty("region").GetString()));
    }

    [Fact]
    public async Task A_plan_of_events_shows_on_its_parent_agreement()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var parent = await vitebsk.PostAsync("/api/agreements", Api.Twinning(Api.UniqueTitle("Parent"), signedOn: "2020-09-29"));
        var parentId = (await parent.JsonAsync()).GetProperty("id").GetGuid();

        var planId = await vitebsk.CreateAsync("/api/agreements", new
        {
            kind = "plan-of-events",
            title = Api.UniqueTitle("Plan of events for 2023-2025"),
            parties = new object[] { new { code = "BY-VI" }, new { code = "CN-HL" } },
            signedOn = "2023",
            validUntil = "2025",
            parentAgreementId = parentId,
        });

        var shown = await vitebsk.GetJsonAsync($"/api/agreements/{parentId}");
        Assert.Equal(planId, shown.GetProperty("plans")[0].GetProperty("id").GetGuid());
        Assert.Equal(parentId, (await vitebsk.GetJsonAsync($"/api/agreements/{planId}")).GetProperty("parentAgreementId").GetGuid());
    }

    [Fact]
    public async Task Lists_filter_by_party_in_any_spelling_region_kind_status_validity_and_words()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        var marker = Guid.NewGuid().ToString("N");
        using var inForce = await vitebsk.PostAsync("/api/agreements", Api.Twinning($"In force {marker}", signedOn: "2014", validUntil: "2030"));
        using var expired = await vitebsk.PostAsync("/api/agreements", Api.Twinning($"Expired {marker}", signedOn: "2005", validUntil: "2010"));
        using var draft = await vitebsk.PostAsync("/api/agreements", Api.Twinning($"Draft {marker}", signedOn: null));

        async Task<string[]> Titles(string query) =>
            (await vitebsk.GetJsonAsync($"/api/agreements?q={marker}&{query}")).GetProperty("items").EnumerateArray()
                .Select(a => a.GetProperty("title").GetString()!.Split(' ')[0]).Order().ToArray();

        Assert.Equal(["Draft", "Expired", "In"], await Titles("party=Heilongjiang"));
        Assert.Equal(["Draft", "Expired", "In"], await Titles("party=" + Uri.EscapeDataString("Хейлунцзян")));
        Assert.Equal(["Draft", "Expired", "In"], await Titles("region=BY-VI"));
        Assert.Empty(await Titles("region=BY-HO"));
        Assert.Equal(["Expired"], await Titles("status=expired"));
        Assert.Equal(["In"], await Titles("status=signed"));
        Assert.Equal(["Draft"], await Titles("status=draft"));
        Assert.Equal(["In"], await Titles("inForceOn=2020-01-01"));
        Assert.Equal(["Expired"], await Titles("signedFrom=2004&signedTo=2006"));
        Assert.Equal(["Draft", "Expired", "In"], await Titles("kind=twinning"));

        var page = await vitebsk.GetJsonAsync($"/api/agreements?q={marker}&page=2&pageSize=2");
        Assert.Equal(3, page.GetProperty("total").GetInt64());
        Assert.Equal(1, page.GetProperty("items").GetArrayLength());

        using var bad = await vitebsk.GetAsync("/api/agreements?status=lost&pageSize=1000");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Equal(["pageSize", "status"], (await bad.JsonAsync()).ErrorFields().Order().ToArray());
    }

    [Fact]
    public async Task An_agreement_signed_on_a_date_not_known_is_signed_in_force_and_dated_later_as_an_event_of_its_own()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        var marker = Guid.NewGuid().ToString("N");
        using var registered = await vitebsk.PostAsync("/api/agreements",
            new { kind = "memorandum", title = $"Registered {marker}", status = "signed", validUntil = "2030", parties = new[] { new { code = "BY-VI" }, new { code = "CN-HL" } } });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var undated = await registered.JsonAsync();
        Assert.Equal(("signed", JsonValueKind.Null, true), (undated.GetProperty("status").GetString(), undated.GetProperty("signedOn").ValueKind, undated.GetProperty("signedDateUnknown").GetBoolean()));

        using var draft = await vitebsk.PostAsync("/api/agreements", Api.Twinning($"Draft {marker}", signedOn: null));
        var draftId = (await draft.JsonAsync()).GetProperty("id").GetGuid();
        using var signed = await vitebsk.PostAsync($"/api/agreements/{draftId}/signature", new { place = "Harbin" });
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        var signedUndated = await signed.JsonAsync();
        Assert.Equal(("signed", JsonValueKind.Null, "Harbin"), (signedUndated.GetProperty("status").GetString(), signedUndated.GetProperty("signedOn").ValueKind, signedUndated.GetProperty("place").GetString()));

        using var again = await vitebsk.PostAsync($"/api/agreements/{draftId}/signature", new { place = "Minsk" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        async Task<string[]> Titles(string query) =>
            (await vitebsk.GetJsonAsync($"/api/agreements?q={marker}&{query}")).GetProperty("items").EnumerateArray()
                .Select(a => a.GetProperty("title").GetString()!.Split(' ')[0]).Order().ToArray();

        Assert.Equal(["Draft", "Registered"], await Titles("signedDate=unknown"));
        Assert.Equal(["Draft", "Registered"], await Titles("status=signed"));
        Assert.Equal(["Draft", "Registered"], await Titles("inForceOn=1990"));
        Assert.Equal(["Draft"], await Titles("inForceOn=2031-01-01"));
        Assert.Empty(await Titles("signedFrom=1900&signedTo=2026"));

        using var dated = await vitebsk.PostAsync($"/api/agreements/{draftId}/signature", new { signedOn = "2014-11" });
        Assert.Equal(HttpStatusCode.OK, dated.StatusCode);
        var complete = await dated.JsonAsync();
        Assert.Equal(("2014-11", false, "Harbin"), (complete.GetProperty("signedOn").GetString(), complete.GetProperty("signedDateUnknown").GetBoolean(), complete.GetProperty("place").GetString()));
        var history = await vitebsk.GetJsonAsync($"/api/agreements/{draftId}/history");
        Assert.Equal(["agreement_registered", "agreement_signed", "signature_dated"], history.EnumerateArray().Select(e => e.GetProperty("type").GetString()!).ToArray());

        Assert.Equal(["Registered"], await Titles("signedDate=unknown"));
        Assert.Equal(["Draft"], await Titles("signedDate=known"));
        Assert.Equal(["Registered"], await Titles("inForceOn=2010"));
        using var datedAgain = await vitebsk.PostAsync($"/api/agreements/{draftId}/signature", new { signedOn = "2015" });
        Assert.Equal(HttpStatusCode.Conflict, datedAgain.StatusCode);

        using var bad = await vitebsk.GetAsync("/api/agreements?signedDate=sometime");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Equal(["signedDate"], (await bad.JsonAsync()).ErrorFields().ToArray());
    }
}
