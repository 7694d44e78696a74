using System.Net;
using System.Net.Sockets;
using System.Text;
using static Cooperation.Api.Tests.Database;

namespace Cooperation.Api.Tests;

/// <summary>
/// Input made to break the system rather than to use it: each is answered with a 4xx problem naming what is wrong, never a
/// 500, and a refused write leaves nothing behind, not even an empty stream row.
/// </summary>
public class HostileInputTests(CooperationSystem system)
{
    private const string ZeroId = "00000000-0000-0000-0000-000000000000";

    /// <summary>Stream rows without a single event: what a write that failed half-way would leave in a service's schema.</summary>
    private async Task<long> EmptyStreamsAsync(string schema)
    {
        await using var connection = await OpenAsync(system.Postgres);
        return await ScalarAsync<long>(connection,
            $"select count(*) from {schema}.mt_streams s where not exists (select 1 from {schema}.mt_events e where e.stream_id = s.id)");
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(field, (await response.JsonAsync()).ErrorFields());
    }

    private static async Task AssertNothingListedAsync(HttpClient client, string list, string marker) =>
        Assert.Equal(0, (await client.GetJsonAsync($"{list}?q={Uri.EscapeDataString(marker)}")).GetProperty("total").GetInt64());

    public static TheoryData<string, string> NulFields => new()
    {
        { "place", "place" },
        { "party", "parties[1].name" },
        { "sphere", "spheres[1]" },
        { "signatory", "signatories[0].position" },
    };

    [Theory]
    [MemberData(nameof(NulFields))]
    public async Task Text_with_a_NUL_character_is_refused_with_422_naming_its_field_and_nothing_is_stored(string where, string field)
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        var title = Api.UniqueTitle("NUL");
        object body = where switch
        {
            "place" => new { kind = "twinning", title, parties = Parties("Хэйлунцзян"), signedOn = "2014", place = "Har\0bin" },
            "party" => new { kind = "twinning", title, parties = Parties("Хэй\0лунцзян") },
            "sphere" => new { kind = "twinning", title, parties = Parties("Хэйлунцзян"), spheres = new[] { "culture", "trade\0economic" } },
            _ => new { kind = "twinning", title, parties = Parties("Хэйлунцзян"), signedOn = "2014", signatories = new[] { new { name = "A. Head", position = "Chair\0man" } } },
        };
        var empty = await EmptyStreamsAsync("agreements");

        using var response = await vitebsk.PostAsync("/api/agreements", body);

        await AssertRefusedAsync(response, HttpStatusCode.UnprocessableEntity, field);
        await AssertNothingListedAsync(vitebsk, "/api/agreements", title);
        Assert.Equal(empty, await EmptyStreamsAsync("agreements"));
    }

    [Fact]
    public async Task Text_with_a_NUL_character_is_refused_by_every_service()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        var visits = await EmptyStreamsAsync("delegations");
        using var visit = await vitebsk.PostAsync("/api/delegations/visits", Api.Visit("Talks\0 about trade"));
        await AssertRefusedAsync(visit, HttpStatusCode.UnprocessableEntity, "purpose");
        Assert.Equal(visits, await EmptyStreamsAsync("delegations"));

        using var minskOblast = await system.ClientAsync("committee", "BY-MI");
        var marker = Api.UniqueTitle("NUL project");
        var projects = await EmptyStreamsAsync("trade");
        using var project = await minskOblast.PostAsync("/api/trade/projects",
            new { name = marker, region = "BY-MI", partners = new object[] { new { name = "Yiwu" } }, description = "A \0 park" });
        await AssertRefusedAsync(project, HttpStatusCode.UnprocessableEntity, "description");
        await AssertNothingListedAsync(minskOblast, "/api/trade/projects", marker);
        Assert.Equal(projects, await EmptyStreamsAsync("trade"));
    }

    [Fact]
    public async Task A_body_in_a_charset_other_than_UTF8_is_refused_with_415_and_nothing_is_stored()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        var title = Api.UniqueTitle("EBCDIC");
        var json = System.Text.Json.JsonSerializer.Serialize(Api.Twinning(title), Api.Json);
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=ebcdic");

        using var response = await vitebsk.PostAsync("/api/agreements", content);

        await AssertRefusedAsync(response, HttpStatusCode.UnsupportedMediaType, "Content-Type");
        await AssertNothingListedAsync(vitebsk, "/api/agreements", title);
    }

    public static TheoryData<string> Lists => new()
    {
        "/api/agreements", "/api/delegations/visits", "/api/delegations/visit-counts", "/api/delegations/occasions", "/api/delegations/exchanges", "/api/trade/reports", "/api/trade/projects", "/api/trade/foreign-invested-companies",
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task Every_list_refuses_a_page_past_the_last_it_answers_with_422_naming_page(string list)
    {
        using var ministry = await system.ClientAsync("ministry");

        using var overflowing = await ministry.GetAsync($"{list}?page=2147483647");
        await AssertRefusedAsync(overflowing, HttpStatusCode.UnprocessableEntity, "page");
        using var past = await ministry.GetAsync($"{list}?page=10001");
        await AssertRefusedAsync(past, HttpStatusCode.UnprocessableEntity, "page");

        var last = await ministry.GetJsonAsync($"{list}?page=10000&pageSize=200");
        Assert.Equal(10000, last.GetProperty("page").GetInt32());
        Assert.Empty(last.GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData("/api/agreements")]
    [InlineData("/api/trade/projects")]
    [InlineData("/api/delegations/visits")]
    public async Task A_NUL_character_in_the_query_is_refused_with_422_naming_the_parameter(string list)
    {
        using var ministry = await system.ClientAsync("ministry");
        using var search = await ministry.GetAsync($"{list}?q=%00");
        await AssertRefusedAsync(search, HttpStatusCode.UnprocessableEntity, "q");
        using var region = await ministry.GetAsync($"{list}?region=BY%00VI");
        await AssertRefusedAsync(region, HttpStatusCode.UnprocessableEntity, "region");
    }

    [Fact]
    public async Task The_all_zero_id_names_no_record_to_read_or_to_change()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var auditor = await system.ClientAsync("auditor");
        var agreements = await EmptyStreamsAsync("agreements");
        var visits = await EmptyStreamsAsync("delegations");
        var trade = await EmptyStreamsAsync("trade");

        foreach (var read in new[] { $"/api/agreements/{ZeroId}", $"/api/agreements/{ZeroId}/history", $"/api/delegations/visits/{ZeroId}", $"/api/trade/projects/{ZeroId}" })
        {
            using var response = await vitebsk.GetAsync(read);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        using var verify = await auditor.GetAsync($"/api/agreements/{ZeroId}/verify");
        Assert.Equal(HttpStatusCode.NotFound, verify.StatusCode);

        (string Path, object Body)[] writes =
        [
            ($"/api/agreements/{ZeroId}/signature", new { signedOn = "2020" }),
            ($"/api/agreements/{ZeroId}/termination", new { on = "2021", reason = "Hostile" }),
            ($"/api/delegations/visits/{ZeroId}/cancellation", new { reason = "Hostile" }),
            ($"/api/trade/projects/{ZeroId}/status", new { status = "operating", on = "2021", reason = "Hostile" }),
        ];
        foreach (var (path, body) in writes)
        {
            using var response = await vitebsk.PostAsync(path, body);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(agreements, await EmptyStreamsAsync("agreements"));
        Assert.Equal(visits, await EmptyStreamsAsync("delegations"));
        Assert.Equal(trade, await EmptyStreamsAsync("trade"));
    }

    [Fact]
    public async Task The_all_zero_id_as_a_reference_in_a_body_is_refused_with_422_naming_the_field_and_nothing_is_stored()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        var title = Api.UniqueTitle("Zero parent");
        var agreements = await EmptyStreamsAsync("agreements");
        using var plan = await vitebsk.PostAsync("/api/agreements",
            new { kind = "programme", title, parties = Parties("Хэйлунцзян"), parentAgreementId = Guid.Empty });
        await AssertRefusedAsync(plan, HttpStatusCode.UnprocessableEntity, "parentAgreementId");
        await AssertNothingListedAsync(vitebsk, "/api/agreements", title);
        Assert.Equal(agreements, await EmptyStreamsAsync("agreements"));

        using var minskOblast = await system.ClientAsync("committee", "BY-MI");
        var marker = Api.UniqueTitle("Zero agreement");
        using var project = await minskOblast.PostAsync("/api/trade/projects",
            new { name = marker, region = "BY-MI", partners = new object[] { new { name = "Yiwu" } }, agreementId = Guid.Empty });
        await AssertRefusedAsync(project, HttpStatusCode.UnprocessableEntity, "agreementId");
        await AssertNothingListedAsync(minskOblast, "/api/trade/projects", marker);
    }

    public static TheoryData<string, string, string> NotText => new()
    {
        // A lone surrogate escape, high or low, in a field, an enum-checked field, a nested one and a property name.
        { "/api/agreements", """{"kind":"memorandum","title":"MARKER \ud800","parties":[{"code":"BY-VI"},{"code":"CN-SD"}]}""", "title" },
        { "/api/agreements?validateOnly=true", """{"kind":"memo\udc00","title":"MARKER","parties":[{"code":"BY-VI"},{"code":"CN-SD"}]}""", "kind" },
        { "/api/agreements", """{"kind":"memorandum","title":"MARKER","parties":[{"code":"BY-VI"},{"name":"Harbin\udfff"}]}""", "parties[1].name" },
        { "/api/agreements", """{"kind":"memorandum","title":"MARKER","parties":[{"code":"BY-VI"},{"code":"CN-SD"}],"x\ud800":1}""", "body" },
        { "/api/delegations/visits", """{"direction":"incoming","host":{"code":"BY-VI"},"guests":[{"name":"Harbin"}],"plannedFrom":"2030","purpose":"MARKER \ud83d"}""", "purpose" },
        { "/api/trade/projects", """{"name":"MARKER","region":"BY-VI","partners":[{"name":"Yiwu"}],"description":"\udead"}""", "description" },
    };

    [Theory]
    [MemberData(nameof(NotText))]
    public async Task Text_that_is_no_text_is_refused_with_422_naming_its_field_and_nothing_is_stored(string path, string body, string field)
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        var marker = Api.UniqueTitle("Surrogate");
        var list = path.Split('?')[0];
        var service = list.Split('/')[2];
        var empty = await EmptyStreamsAsync(service);

        using var response = await vitebsk.PostJsonAsync(path, body.Replace("MARKER", marker));

        await AssertRefusedAsync(response, HttpStatusCode.UnprocessableEntity, field);
        Assert.Equal(empty, await EmptyStreamsAsync(service));
        if (service == "agreements" || service == "trade") await AssertNothingListedAsync(vitebsk, list, marker);
    }

    public static TheoryData<string, string, string> Ambiguous => new()
    {
        // A number written as a string, and a key given twice (the last would win unseen): the body is refused as unreadable.
        { "/api/trade/reports", """{"reporter":{"code":"BY-VI"},"partner":{"code":"CN"},"period":{"from":"2030","to":"2030"},"flow":"goods","currency":"USD","unit":"million","turnover":"345","note":"MARKER"}""", "turnover" },
        { "/api/delegations/visits?validateOnly=true", """{"direction":"incoming","host":{"code":"BY-VI"},"guests":[{"name":"Harbin"}],"plannedFrom":"2030","purpose":"MARKER","size":"12"}""", "size" },
        { "/api/agreements", """{"kind":"memorandum","title":"MARKER","title":"MARKER again","parties":[{"code":"BY-VI"},{"code":"CN-SD"}]}""", "title" },
        { "/api/agreements", """{"kind":"memorandum","title":"MARKER","parties":[{"code":"BY-VI"},{"code":"CN-SD","code":"CN-HL"}]}""", "parties[1].code" },
    };

    [Theory]
    [MemberData(nameof(Ambiguous))]
    public async Task A_number_sent_as_a_string_or_a_key_given_twice_is_refused_with_400_naming_the_field_and_nothing_is_stored(string path, string body, string field)
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        var marker = Api.UniqueTitle("Ambiguous");
        var list = path.Split('?')[0];
        var service = list.Split('/')[2];
        var empty = await EmptyStreamsAsync(service);

        using var response = await vitebsk.PostJsonAsync(path, body.Replace("MARKER", marker));

        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, field);
        Assert.Equal(empty, await EmptyStreamsAsync(service));
        if (service == "agreements") await AssertNothingListedAsync(vitebsk, list, marker);
    }

    [Fact]
    public async Task Bytes_that_are_not_UTF_8_and_lone_surrogates_are_refused_by_the_gateways_token_endpoint_too()
    {
        using var anonymous = new HttpClient { BaseAddress = system.Gateway.Address };
        using var surrogate = await anonymous.PostJsonAsync("/api/dev/tokens", """{"role":"ministry","sub":"analyst\ud800"}""");
        await AssertRefusedAsync(surrogate, HttpStatusCode.UnprocessableEntity, "sub");

        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        var marker = Api.UniqueTitle("Not UTF-8");
        var bytes = Encoding.UTF8.GetBytes($$"""{"kind":"memorandum","title":"{{marker}} X","parties":[{"code":"BY-VI"},{"code":"CN-SD"}]}""");
        bytes[Array.LastIndexOf(bytes, (byte)'X')] = 0xC3;  // the first byte of a two-byte sequence, followed by a quote
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var invalid = await vitebsk.PostAsync("/api/agreements", content);
        Assert.True((int)invalid.StatusCode is 400 or 422, $"expected 400 or 422, got {(int)invalid.StatusCode}: {await invalid.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", invalid.Content.Headers.ContentType?.MediaType);
        await AssertNothingListedAsync(vitebsk, "/api/agreements", marker);
    }

    [Fact]
    public async Task A_body_that_comes_too_slowly_is_answered_408_through_the_gateway_as_by_the_service()
    {
        var token = await system.TokenAsync("committee", "BY-VI");
        var agreements = await EmptyStreamsAsync("agreements");

        Assert.Equal(408, await PostSlowlyAsync(system.Agreements.Address, token));
        Assert.Equal(408, await PostSlowlyAsync(system.Gateway.Address, token));

        Assert.Equal(agreements, await EmptyStreamsAsync("agreements"));
    }

    /// <summary>
    /// Starts a POST whose body is never finished: its headers promise more than the first bytes that follow, so the body arrives
    /// slower than Kestrel's minimum data rate allows. Answers the status the server replies with.
    /// </summary>
    private static async Task<int> PostSlowlyAsync(Uri address, string token)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        await using var stream = tcp.GetStream();
        var head = $"POST /api/agreements HTTP/1.1\r\nHost: {address.Authority}\r\nAuthorization: Bearer {token}\r\n"
            + "Content-Type: application/json\r\nContent-Length: 4000\r\n\r\n{\"kind\":\"twinning\",";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var statusLine = await reader.ReadLineAsync(timeout.Token) ?? throw new IOException($"{address} closed the connection without an answer.");
        return int.Parse(statusLine.Split(' ')[1]);
    }

    public static TheoryData<string, string> Invisible => new()
    {
        { "\u200b\u200b", "title" },        // zero-width spaces only
        { "\u200e\u2060 \ufeff", "title" },  // direction and joiner marks, a space, a byte order mark
        { "Twinning \u0007 bell", "title" },  // a control character inside visible text
        { "\u0301\u0301", "title" },          // combining accents with nothing to sit on
    };

    [Theory]
    [MemberData(nameof(Invisible))]
    public async Task A_title_no_reader_can_see_is_refused_with_422_naming_it_and_nothing_is_stored(string title, string field)
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        var empty = await EmptyStreamsAsync("agreements");

        using var response = await vitebsk.PostAsync("/api/agreements", new { kind = "twinning", title, parties = Parties("Хэйлунцзян"), signedOn = "2014" });

        await AssertRefusedAsync(response, HttpStatusCode.UnprocessableEntity, field);
        Assert.Equal(empty, await EmptyStreamsAsync("agreements"));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("W/\"1\"")]
    [InlineData("\"1\", \"2\"")]
    [InlineData("\"-1\"")]
    public async Task An_If_Match_that_is_not_the_records_ETag_is_refused_with_400_and_nothing_is_written(string ifMatch)
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        var title = Api.UniqueTitle("If-Match");
        var id = await vitebsk.CreateAsync("/api/agreements", Api.Twinning(title, signedOn: null));

        using var refused = await vitebsk.PostAsync($"/api/agreements/{id}/signature", new { signedOn = "2020" }, ifMatch: ifMatch);

        var body = await refused.Content.ReadAsStringAsync();
        Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"If-Match: {ifMatch} answered {(int)refused.StatusCode}: {body}");
        Assert.Contains("If-Match", body);
        using var read = await vitebsk.GetAsync($"/api/agreements/{id}");
        Assert.Equal("\"1\"", read.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task An_X_Correlation_Id_over_its_limit_is_refused_on_reads_as_on_writes()
    {
        using var ministry = await system.ClientAsync("ministry");
        foreach (var path in new[] { "/api/agreements", "/api/delegations/visits", "/api/trade/reports", "/api/dashboard/summary" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("X-Correlation-Id", new string('c', 129));
            using var response = await ministry.SendAsync(request);
            await AssertRefusedAsync(response, HttpStatusCode.BadRequest, "X-Correlation-Id");
        }
        using var fits = new HttpRequestMessage(HttpMethod.Get, "/api/agreements");
        fits.Headers.Add("X-Correlation-Id", new string('c', 128));
        using var answered = await ministry.SendAsync(fits);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
    }

    [Theory]
    [InlineData("/api/agreements?asOf=2020-01-01T00:00:00Z", "asOf")]
    [InlineData("/api/agreements?regoin=BY-VI", "regoin")]
    [InlineData("/api/delegations/visits?region=BY-VI&version=2", "version")]
    [InlineData("/api/trade/reports?pagesize=5&colour=red", "colour")]
    [InlineData("/api/dashboard/summary?since=2015", "since")]
    public async Task A_query_parameter_the_operation_does_not_take_is_refused_with_422_naming_it(string path, string parameter)
    {
        using var ministry = await system.ClientAsync("ministry");
        using var response = await ministry.GetAsync(path);
        await AssertRefusedAsync(response, HttpStatusCode.UnprocessableEntity, parameter);
    }

    [Fact]
    public async Task A_write_takes_validateOnly_and_no_other_query_parameter()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        var title = Api.UniqueTitle("Query");
        using var validated = await vitebsk.PostAsync("/api/agreements?validateOnly=true", Api.Twinning(title));
        Assert.Equal(HttpStatusCode.Accepted, validated.StatusCode);
        using var refused = await vitebsk.PostAsync("/api/agreements?dryRun=true", Api.Twinning(title));
        await AssertRefusedAsync(refused, HttpStatusCode.UnprocessableEntity, "dryRun");
        await AssertNothingListedAsync(vitebsk, "/api/agreements", title);
    }

    [Fact]
    public async Task A_visit_cannot_be_completed_with_an_end_still_to_come()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        var id = await vitebsk.CreateAsync("/api/delegations/visits", Api.Visit(Api.UniqueTitle("Completion")));

        using var refused = await vitebsk.PostAsync($"/api/delegations/visits/{id}/completion", new { from = "2019-10-02", to = "9999-12-31" });

        await AssertRefusedAsync(refused, HttpStatusCode.UnprocessableEntity, "to");
        using var read = await vitebsk.GetAsync($"/api/delegations/visits/{id}");
        Assert.Equal("\"1\"", read.Headers.ETag?.Tag);
        Assert.NotEqual("completed", (await read.JsonAsync()).GetProperty("status").GetString());
    }

    private static object[] Parties(string guest) => [new { code = "BY-VI", level = "region" }, new { name = guest, level = "region" }];
}
