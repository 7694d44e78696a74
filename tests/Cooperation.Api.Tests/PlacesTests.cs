using System.Net;
using System.Text.Json;

namespace Cooperation.Api.Tests;

/// <summary>Places as records: the ministry adds, renames, aliases and merges them; committees propose; every service resolves them.</summary>
public class PlacesTests(CooperationSystem system)
{
    /// <summary>A name no other test, and no earlier run, has used: a word of letters only, as place names are.</summary>
    private static string Unique() => new(Guid.NewGuid().ToString("N")[..10].Select(c => (char)('a' + (c % 26))).ToArray());

    private static object District(string word, string parent = "RU-KRS", string[]? aliases = null, string? code = null) => new
    {
        level = "district",
        names = new { en = $"{Capital(word)} District", ru = $"{Capital(word)}ский район", zh = $"{word}区" },
        aliases = aliases ?? [],
        parent,
        code,
        source = new { title = "Report of the Kursk Oblast administration", quote = "13 районов и 5 городов" },
    };

    private static string Capital(string word) => char.ToUpperInvariant(word[0]) + word[1..];

    private static async Task<JsonElement> AddAsync(HttpClient client, object body)
    {
        using var added = await client.PostAsync("/api/places", body);
        Assert.True(added.StatusCode == HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        Assert.Equal("\"1\"", added.Headers.ETag?.Tag);
        return await added.JsonAsync();
    }

    /// <summary>Posts a write naming a place, retrying while the service has not yet heard of it: places reach every service through their events.</summary>
    private static async Task<HttpResponseMessage> PostNamingPlaceAsync(HttpClient client, string path, object body, HttpStatusCode wanted)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var response = await client.PostAsync(path, body);
            if (response.StatusCode != HttpStatusCode.UnprocessableEntity || DateTime.UtcNow > deadline || wanted == HttpStatusCode.UnprocessableEntity) return response;
            response.Dispose();
            await Task.Delay(250);
        }
    }

    /// <summary>Waits (up to 30 s) until the Agreements service reads the name as the place of the code: a write only validated says what it would store.</summary>
    private static async Task UntilResolvedAsync(HttpClient committee, string name, string code)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var response = await committee.PostAsync("/api/agreements?validateOnly=true", TwinningWith(Api.UniqueTitle("Resolving"), new { name }));
            var answer = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.Accepted && answer.Contains($"\"{code}\"")) return;
            Assert.True(DateTime.UtcNow < deadline, $"{name} is still not read as {code}: {(int)response.StatusCode} {answer}");
            await Task.Delay(250);
        }
    }

    private static object TwinningWith(string title, object party) => new
    {
        kind = "twinning",
        title,
        parties = new[] { new { code = "BY-VI", level = "region" }, party },
        spheres = new[] { "culture" },
        signedOn = "2011-09-12",
    };

    [Fact]
    public async Task The_ministry_adds_a_Kursk_district_and_a_Vitebsk_clerk_registers_a_twinning_with_it_at_once()
    {
        await using var queue = await EventQueue.BindAsync(system.RabbitMq);
        using var ministry = await system.ClientAsync("ministry", sub: "ministry-clerk");
        using var vitebsk = await system.ClientAsync("committee", "BY-VI", "vitebsk-clerk");
        var word = Unique();

        var place = await AddAsync(ministry, District(word));
        var code = place.GetProperty("code").GetString()!;
        Assert.Equal($"RU-KRS-{word.ToUpperInvariant()}-DISTRICT", code);
        Assert.Equal(("confirmed", "RU", "RU-KRS", "ministry-clerk"), (place.GetProperty("status").GetString(), place.GetProperty("country").GetString(),
            place.GetProperty("parent").GetString(), place.GetProperty("addedBy").GetString()));

        // The Vitebsk clerk names the district in Russian, as the Kursk report does; the agreement takes its code and region.
        var title = Api.UniqueTitle("Twinning agreement between Vitebsk Oblast and a Kursk district");
        using var registered = await PostNamingPlaceAsync(vitebsk, "/api/agreements",
            TwinningWith(title, new { name = $"{Capital(word)}ский район", level = "district" }), HttpStatusCode.Created);
        Assert.True(registered.StatusCode == HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        var party = (await registered.JsonAsync()).GetProperty("parties")[1];
        Assert.Equal((code, "RU-KRS", "district"), (party.GetProperty("code").GetString(), party.GetProperty("region").GetString(), party.GetProperty("level").GetString()));

        // Every service resolves it: the Delegations service takes it, by its Chinese name, as a visit's guest.
        using var visit = await PostNamingPlaceAsync(vitebsk, "/api/delegations/visits?validateOnly=true", new
        {
            direction = "incoming", host = new { code = "BY-VI" }, guests = new[] { new { name = $"{word}区" } }, plannedFrom = "2012-05",
        }, HttpStatusCode.Accepted);
        Assert.True(visit.StatusCode == HttpStatusCode.Accepted, await visit.Content.ReadAsStringAsync());

        // Found as one types, in each language; published with its actor.
        foreach (var typed in new[] { Capital(word)[..6], $"{Capital(word)}ский", $"{word}区" })
        {
            var found = await ministry.GetJsonAsync($"/api/places?q={Uri.EscapeDataString(typed)}&level=district");
            Assert.Contains(code, found.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("code").GetString()));
        }
        Assert.Equal(code, (await ministry.GetJsonAsync($"/api/places/{code}")).GetProperty("code").GetString());
        var published = (await queue.ForStreamAsync(place.GetProperty("id").GetGuid(), 1)).Single().GetProperty("message");
        Assert.Equal((code, "ministry-clerk"), (published.GetProperty("code").GetString(),
            published.GetProperty("metadata").GetProperty("actor").GetProperty("sub").GetString()));
    }

    [Fact]
    public async Task A_place_is_renamed_aliased_and_merged_each_change_an_event_with_its_actor()
    {
        using var ministry = await system.ClientAsync("ministry", sub: "gazetteer-keeper");
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        var word = Unique();
        var place = await AddAsync(ministry, District(word));
        var id = place.GetProperty("id").GetGuid();
        var code = place.GetProperty("code").GetString()!;

        // Renamed: the old names stay aliases; a stale If-Match is 412; an Idempotency-Key retry appends nothing.
        var renamed = new { names = new { en = $"{Capital(word)}ovo District", ru = $"{Capital(word)}овский район" }, note = "The report's spelling" };
        using (var stale = await ministry.PostAsync($"/api/places/{id}/names", renamed, ifMatch: "\"7\""))
            Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        using (var first = await ministry.PostAsync($"/api/places/{id}/names", renamed, idempotencyKey: $"rename-{word}", ifMatch: "\"1\""))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal("\"2\"", first.Headers.ETag?.Tag);
        }
        using (var again = await ministry.PostAsync($"/api/places/{id}/names", renamed, idempotencyKey: $"rename-{word}"))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Equal("\"2\"", again.Headers.ETag?.Tag);
        }
        using (var alias = await ministry.PostAsync($"/api/places/{id}/aliases", new { alias = $"{Capital(word)}ovsky raion" }))
        {
            var read = await alias.JsonAsync();
            Assert.Equal(HttpStatusCode.OK, alias.StatusCode);
            Assert.Equal($"{Capital(word)}ovo District", read.GetProperty("names").GetProperty("en").GetString());
            Assert.Contains($"{Capital(word)} District", read.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));
            Assert.Contains($"{Capital(word)}ovsky raion", read.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));
        }

        // A duplicate, added under another spelling, is merged into it: its code then answers the place it was merged into.
        var duplicate = await AddAsync(ministry, new
        {
            level = "district", names = new { en = $"{Capital(word)}ovskiy District", ru = $"{Capital(word)}овский р-н Курской области" }, parent = "Курская область",
        });
        var duplicateId = duplicate.GetProperty("id").GetGuid();
        using (var merged = await ministry.PostAsync($"/api/places/{duplicateId}/merge", new { into = code }))
        {
            var read = await merged.JsonAsync();
            Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
            Assert.Equal(("merged", code), (read.GetProperty("status").GetString(), read.GetProperty("mergedInto").GetString()));
        }
        Assert.Equal(code, (await ministry.GetJsonAsync($"/api/places/{duplicate.GetProperty("code").GetString()}")).GetProperty("code").GetString());
        using (var twice = await ministry.PostAsync($"/api/places/{duplicateId}/merge", new { into = code }))
            Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);

        // Each change is on the record with its actor; the record reads as it stood at each version.
        var history = await ministry.GetJsonAsync($"/api/places/{id}/history");
        Assert.Equal(["place_added", "place_renamed", "place_alias_added"], history.EnumerateArray().Select(e => e.GetProperty("type").GetString()!).ToArray());
        Assert.All(history.EnumerateArray(), e => Assert.Equal("gazetteer-keeper", e.GetProperty("actor").GetProperty("sub").GetString()));
        Assert.Equal($"{Capital(word)} District", (await ministry.GetJsonAsync($"/api/places/{id}?version=1")).GetProperty("names").GetProperty("en").GetString());

        // A record naming the merged duplicate by its old name gets the place it was merged into (once the merge has reached
        // the Agreements service's gazetteer, about a second later); so does one naming the old name.
        await UntilResolvedAsync(vitebsk, $"{Capital(word)}ovskiy District", code);
        using var byDuplicate = await PostNamingPlaceAsync(vitebsk, "/api/agreements",
            TwinningWith(Api.UniqueTitle("Twinning with a merged duplicate"), new { name = $"{Capital(word)}ovskiy District" }), HttpStatusCode.Created);
        Assert.True(byDuplicate.StatusCode == HttpStatusCode.Created, await byDuplicate.Content.ReadAsStringAsync());
        Assert.Equal(code, (await byDuplicate.JsonAsync()).GetProperty("parties")[1].GetProperty("code").GetString());
        using var byOldName = await vitebsk.PostAsync("/api/agreements", TwinningWith(Api.UniqueTitle("Twinning by the old name"), new { name = $"{Capital(word)} District" }));
        Assert.Equal(HttpStatusCode.Created, byOldName.StatusCode);
    }

    [Fact]
    public async Task A_committee_proposes_a_place_in_its_region_uses_it_at_once_and_the_ministry_confirms_or_refuses_it()
    {
        using var kursk = await system.ClientAsync("committee", "RU-KRS", "kursk-clerk");
        using var ministry = await system.ClientAsync("ministry");
        var kept = await AddAsync(kursk, District(Unique()));
        var refusedWord = Unique();
        var refused = await AddAsync(kursk, District(refusedWord));
        Assert.Equal("proposed", kept.GetProperty("status").GetString());

        // Usable while proposed: the committee's own record names it, and the place reads as proposed.
        var title = Api.UniqueTitle("Agreement of a Kursk district with Heilongjiang");
        using var registered = await PostNamingPlaceAsync(kursk, "/api/agreements", new
        {
            kind = "cooperation", title, parties = new object[] { new { code = kept.GetProperty("code").GetString() }, new { code = "CN-HL" } },
        }, HttpStatusCode.Created);
        Assert.True(registered.StatusCode == HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        var proposedList = await ministry.GetJsonAsync("/api/places?status=proposed&parent=RU-KRS&pageSize=200");
        Assert.Contains(kept.GetProperty("code").GetString(), proposedList.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("code").GetString()));

        // Only the ministry decides.
        using (var own = await kursk.PostAsync($"/api/places/{kept.GetProperty("id").GetGuid()}/confirmation", new { }))
            Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        using (var confirmed = await ministry.PostAsync($"/api/places/{kept.GetProperty("id").GetGuid()}/confirmation", new { note = "Checked against the oblast's charter" }))
        {
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
            Assert.Equal("confirmed", (await confirmed.JsonAsync()).GetProperty("status").GetString());
        }
        Assert.Equal(HttpStatusCode.Accepted, await NamingAsync(kursk, refusedWord, HttpStatusCode.Accepted));
        using (var refusal = await ministry.PostAsync($"/api/places/{refused.GetProperty("id").GetGuid()}/refusal", new { reason = "A village, not a district" }))
        {
            var read = await refusal.JsonAsync();
            Assert.Equal(HttpStatusCode.OK, refusal.StatusCode);
            Assert.Equal(("refused", "A village, not a district"), (read.GetProperty("status").GetString(), read.GetProperty("refusalReason").GetString()));
        }
        using (var late = await ministry.PostAsync($"/api/places/{refused.GetProperty("id").GetGuid()}/confirmation", new { }))
            Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);

        // A refused place leaves the gazetteer of every service: naming it, which the committee could while it was proposed, is 422 again.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, await NamingAsync(kursk, refusedWord, HttpStatusCode.UnprocessableEntity));
    }

    /// <summary>What naming a place in an agreement (validated only) answers, once it answers as wanted or 30 seconds have passed.</summary>
    private static async Task<HttpStatusCode> NamingAsync(HttpClient committee, string word, HttpStatusCode wanted)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var attempt = await committee.PostAsync("/api/agreements?validateOnly=true", new
            {
                kind = "cooperation", title = Api.UniqueTitle("Naming"), parties = new object[] { new { name = $"{Capital(word)} District" }, new { code = "CN-HL" } },
            });
            if (attempt.StatusCode == wanted || DateTime.UtcNow > deadline) return attempt.StatusCode;
            await Task.Delay(250);
        }
    }

    [Fact]
    public async Task A_committee_may_not_add_a_place_outside_its_region_nor_an_auditor_any()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var auditor = await system.ClientAsync("auditor");
        using var ministry = await system.ClientAsync("ministry");
        var word = Unique();
        using (var outside = await vitebsk.PostAsync("/api/places", District(word)))
            Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        using (var reading = await auditor.PostAsync("/api/places", District(word)))
            Assert.Equal(HttpStatusCode.Forbidden, reading.StatusCode);
        var listed = await ministry.GetJsonAsync($"/api/places?q={word}&status=proposed");
        Assert.Equal(0, listed.GetProperty("total").GetInt64());
        Assert.Equal(0, (await ministry.GetJsonAsync($"/api/places?q={word}")).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task An_ambiguous_name_is_422_naming_the_candidates()
    {
        using var ministry = await system.ClientAsync("ministry");
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        var shared = $"{Capital(Unique())}ka";
        var first = await AddAsync(ministry, new { level = "city", names = new { en = shared, ru = shared }, parent = "RU-KRS" });
        var second = await AddAsync(ministry, new { level = "city", names = new { en = $"{shared} Second", ru = $"{shared} Вторая" }, aliases = new[] { shared }, parent = "RU-BEL" });

        // Once both have reached the Agreements service (until then the name is one of them, or none), the name means either.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        HttpStatusCode status;
        string answer;
        while (true)
        {
            using var response = await vitebsk.PostAsync("/api/agreements?validateOnly=true", TwinningWith(Api.UniqueTitle("Ambiguous"), new { name = shared }));
            (status, answer) = (response.StatusCode, await response.Content.ReadAsStringAsync());
            if ((status == HttpStatusCode.UnprocessableEntity && answer.Contains(second.GetProperty("code").GetString()!)) || DateTime.UtcNow > deadline) break;
            await Task.Delay(250);
        }
        Assert.True(status == HttpStatusCode.UnprocessableEntity, answer);
        var said = JsonDocument.Parse(answer).RootElement.GetProperty("errors").GetProperty("parties[1]")[0].GetString()!;
        Assert.Contains(first.GetProperty("code").GetString()!, said);
        Assert.Contains(second.GetProperty("code").GetString()!, said);
        // The code settles it.
        using var byCode = await vitebsk.PostAsync("/api/agreements?validateOnly=true", TwinningWith(Api.UniqueTitle("By code"), new { code = first.GetProperty("code").GetString() }));
        Assert.Equal(HttpStatusCode.Accepted, byCode.StatusCode);
    }

    [Theory]
    [InlineData("""{"names":{"en":"W","ru":"W"},"parent":"RU-KRS"}""", "level")]
    [InlineData("""{"level":"region","names":{"en":"W","ru":"W"},"parent":"RU-KRS"}""", "level")]
    [InlineData("""{"level":"district","names":{"ru":"W"},"parent":"RU-KRS"}""", "names.en")]
    [InlineData("""{"level":"district","parent":"RU-KRS"}""", "names")]
    [InlineData("""{"level":"district","names":{"en":"W","ru":"W"}}""", "parent")]
    [InlineData("""{"level":"district","names":{"en":"W","ru":"W"},"parent":"Nowhere Oblast"}""", "parent")]
    [InlineData("""{"level":"district","names":{"en":"W","ru":"W"},"parent":"RU-KRS","country":"BY"}""", "country")]
    [InlineData("""{"level":"district","names":{"en":"W","ru":"W"},"parent":"RU-KRS","code":"BY-VI-W"}""", "code")]
    [InlineData("""{"level":"district","names":{"en":"W","ru":"W"},"parent":"RU-KRS","code":"RU KRS W"}""", "code")]
    [InlineData("""{"level":"district","names":{"en":"W","ru":"W"},"parent":"RU-KRS","aliases":[" "]}""", "aliases[0]")]
    public async Task Bad_input_is_422_naming_the_field_and_adds_nothing(string template, string field)
    {
        using var ministry = await system.ClientAsync("ministry");
        var word = Capital(Unique());
        using var response = await ministry.PostJsonAsync("/api/places", template.Replace("\"W\"", $"\"{word}\""));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(field, (await response.JsonAsync()).ErrorFields());
        Assert.Equal(0, (await ministry.GetJsonAsync($"/api/places?q={word}")).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Bad_changes_and_queries_are_4xx_naming_the_field()
    {
        using var ministry = await system.ClientAsync("ministry");
        using var kursk = await system.ClientAsync("committee", "RU-KRS");
        var word = Unique();
        var place = await AddAsync(ministry, District(word));
        var id = place.GetProperty("id").GetGuid();
        async Task Refused(string path, string json, string field)
        {
            using var response = await ministry.PostJsonAsync(path, json);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Contains(field, (await response.JsonAsync()).ErrorFields());
        }
        // A code or a name the gazetteer already has in that parent is the place being added again: a conflict with it.
        using (var taken = await ministry.PostAsync("/api/places", new { level = "district", names = new { en = "Other", ru = "Другой" }, parent = "RU-KRS", code = "RU-KRS" }))
            Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, await NamingAsync(kursk, word, HttpStatusCode.Accepted));
        using (var again = await ministry.PostAsync("/api/places", new
               {
                   level = "district", names = new { en = $"{place.GetProperty("names").GetProperty("en").GetString()}", ru = Unique() }, parent = "RU-KRS",
                   code = $"RU-KRS-{Unique().ToUpperInvariant()}",
               }))
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        await Refused($"/api/places/{id}/names", """{"names":{"en":"New"}}""", "names.ru");
        await Refused($"/api/places/{id}/aliases", """{}""", "alias");
        await Refused($"/api/places/{id}/aliases", $$"""{"alias":"{{place.GetProperty("names").GetProperty("en").GetString()}}"}""", "alias");
        await Refused($"/api/places/{id}/merge", """{"into":"Nowhere at all"}""", "into");
        await Refused($"/api/places/{id}/merge", $$"""{"into":"{{place.GetProperty("code").GetString()}}"}""", "into");
        await Refused($"/api/places/{id}/merge", """{"into":"RU-KRS"}""", "into");
        await Refused($"/api/places/{id}/refusal", """{}""", "reason");
        using (var notProposed = await ministry.PostAsync($"/api/places/{id}/confirmation", new { }))
            Assert.Equal(HttpStatusCode.Conflict, notProposed.StatusCode);
        using (var missing = await ministry.PostAsync($"/api/places/{Guid.NewGuid()}/aliases", new { alias = "Any" }))
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using (var unknown = await ministry.GetAsync("/api/places/XX-NOWHERE"))
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        foreach (var (query, field) in new[] { ("level=province", "level"), ("status=lost", "status"), ("parent=Nowhere", "parent"), ("pageSize=0", "pageSize") })
        {
            using var response = await ministry.GetAsync($"/api/places?{query}");
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Contains(field, (await response.JsonAsync()).ErrorFields());
        }
    }

    [Fact]
    public async Task The_built_in_places_are_listed_and_found_in_each_language()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        foreach (var typed in new[] { "Kursk Oblast", "Курская", "库尔斯克" })
        {
            var found = await vitebsk.GetJsonAsync($"/api/places?q={Uri.EscapeDataString(typed)}");
            Assert.Contains("RU-KRS", found.GetProperty("items").EnumerateArray().Take(3).Select(p => p.GetProperty("code").GetString()));
        }
        var kursk = await vitebsk.GetJsonAsync("/api/places/ru-krs");
        Assert.Equal(("built-in", "region", "Курская область"), (kursk.GetProperty("status").GetString(), kursk.GetProperty("level").GetString(),
            kursk.GetProperty("names").GetProperty("ru").GetString()));
        using var csv = new HttpRequestMessage(HttpMethod.Get, "/api/places?parent=BY-VI&level=city");
        csv.Headers.Accept.ParseAdd("text/csv");
        using var sheet = await vitebsk.SendAsync(csv);
        Assert.Equal("text/csv", sheet.Content.Headers.ContentType?.MediaType);
        Assert.Contains("BY-VI-POLOTSK", await sheet.Content.ReadAsStringAsync());
    }
}
