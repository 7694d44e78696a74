using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cooperation.Api.Tests;

/// <summary>
/// The gateway's OpenAPI document held to the server: it is the committed one the command line's client is generated from,
/// Spectral's spectral:oas ruleset finds nothing in it, it says what every operation can answer, and exchanges with every
/// operation (its happy path and its documented errors) made through Prism's validating proxy show no violation.
/// </summary>
public class ContractTests(CooperationSystem system)
{
    private static readonly string Tools = Path.Combine(CooperationSystem.Root, "tests", "contract");
    private static readonly string Committed = Path.Combine(CooperationSystem.Root, "gateway", "openapi.json");
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    private async Task<JsonObject> DocumentAsync()
    {
        using var anonymous = new HttpClient { BaseAddress = system.Gateway.Address };
        using var response = await anonymous.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private static IEnumerable<(string Path, string Method, JsonObject Operation)> Operations(JsonObject document) =>
        document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Where(o => Methods.Contains(o.Key))
            .Select(o => (p.Key, o.Key, o.Value!.AsObject())));

    [Fact]
    public async Task The_gateway_serves_the_whole_API_in_one_document_with_itself_as_server_and_it_is_the_committed_one()
    {
        var document = await DocumentAsync();

        Assert.Equal(system.Gateway.Address.ToString().TrimEnd('/'), document["servers"]!.AsArray().Single()!["url"]!.GetValue<string>());
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToArray();
        Assert.All(paths, p => Assert.StartsWith("/api/", p));
        foreach (var part in new[] { "/api/agreements", "/api/delegations/visits", "/api/trade/reports", "/api/dashboard/" })
            Assert.Contains(paths, p => p.StartsWith(part, StringComparison.Ordinal));

        // The servers are wherever the gateway is asked; the rest is what the client is generated from.
        document.Remove("servers");
        var served = document.ToJsonString(Indented) + "\n";
        if (Environment.GetEnvironmentVariable("COOP_OPENAPI_WRITE") == "1") await File.WriteAllTextAsync(Committed, served);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(await File.ReadAllTextAsync(Committed)), document),
            "gateway/openapi.json is not the document the gateway serves: write it anew with COOP_OPENAPI_WRITE=1 (tests/README.md) and build "
            + "again, which generates the command line's client from it.");
    }

    [Fact]
    public async Task The_reference_page_is_served_by_the_gateway_to_anyone()
    {
        using var anonymous = new HttpClient { BaseAddress = system.Gateway.Address };
        using var response = await anonymous.GetAsync("/api/reference");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>Cooperation API</title>", await response.Content.ReadAsStringAsync());
        // A page, not an operation: a query string on its files (a browser's cache-buster) is no parameter to refuse.
        using var script = await anonymous.GetAsync("/api/reference/scalar.js?v=1");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    [Fact]
    public async Task Every_operation_has_a_unique_id_the_problems_it_can_answer_and_an_example_of_its_body()
    {
        var document = await DocumentAsync();
        var bearer = document["components"]!["securitySchemes"]!["Bearer"]!;
        Assert.Equal(("http", "bearer", "JWT"), (bearer["type"]!.GetValue<string>(), bearer["scheme"]!.GetValue<string>(), bearer["bearerFormat"]!.GetValue<string>()));

        var operations = Operations(document).ToArray();
        var ids = operations.Select(o => o.Operation["operationId"]!.GetValue<string>()).ToArray();
        Assert.Equal(ids.Length, ids.Distinct().Count());
        foreach (var (path, method, operation) in operations)
        {
            var at = $"{method.ToUpperInvariant()} {path}";
            var responses = operation["responses"]!.AsObject();
            var secured = operation["security"] is JsonArray { Count: > 0 };
            var parameters = operation["parameters"] as JsonArray ?? [];
            Assert.True(!secured || responses.ContainsKey("401"), $"{at} needs a token and documents no 401.");
            Assert.True(!path.Contains('{') || responses.ContainsKey("404"), $"{at} names a record and documents no 404.");
            Assert.True(!parameters.Any(p => p!["in"]!.GetValue<string>() == "query") || responses.ContainsKey("422"), $"{at} takes a query and documents no 422.");
            Assert.True(responses.ContainsKey("503") && responses.ContainsKey("429"), $"{at} documents no 503 or no 429.");
            foreach (var (status, response) in responses.Where(r => r.Key[0] is '4' or '5'))
                Assert.True(response!["content"]?["application/problem+json"] is not null, $"{at} answers {status} with no problem+json.");
            if (operation["requestBody"] is { } body)
            {
                Assert.True(responses.ContainsKey("400") && responses.ContainsKey("422"), $"{at} takes a body and documents no 400 or no 422.");
                // A JSON body shows an example; a file upload (a form) names its file instead.
                if (body["content"]!["application/json"] is { } json) Assert.True(json["example"] is not null, $"{at} has no example of its body.");
                else Assert.True(body["content"]!["multipart/form-data"]?["schema"]?["properties"]?["file"] is not null, $"{at} takes neither JSON nor a file.");
            }
        }
    }

    [Fact]
    public async Task Spectral_finds_no_error_and_no_warning_in_the_document()
    {
        var file = Path.Combine(Path.GetTempPath(), $"cooperation-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, (await DocumentAsync()).ToJsonString());
        try
        {
            var (code, output) = await RunAsync(Path.Combine(Tools, "node_modules", ".bin", "spectral"),
                ["lint", file, "--ruleset", Path.Combine(Tools, ".spectral.yaml"), "--fail-severity", "warn", "--display-only-failures"]);
            Assert.True(code == 0, $"Spectral (spectral:oas) on the gateway's document:\n{output}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>An exchange made through the proxy, with what the proxy found wrong in it.</summary>
    private sealed record Exchange(string Request, int Status, JsonArray Violations, bool RequestIsWrongOnPurpose, string Body, string? Location)
    {
        public IEnumerable<string> Findings => Violations.OfType<JsonObject>()
            // A request made wrong on purpose (no token, a body that is no object) is the request of a documented error.
            .Where(v => !(RequestIsWrongOnPurpose && v["location"]?[0]?.GetValue<string>() == "request"))
            .Select(v => $"{Request} -> {Status}: {v.ToJsonString()}");
    }

    [Fact]
    public async Task Documented_exchanges_through_a_validating_proxy_show_no_violation()
    {
        var document = await DocumentAsync();
        await using var prism = await Prism.StartAsync(document, system.Gateway.Address);
        var proxy = prism.Client;
        var exchanges = new List<Exchange>();

        async Task<Exchange> SendAsync(HttpMethod method, string path, JsonNode? body, string? token, bool wrongOnPurpose = false)
        {
            using var request = new HttpRequestMessage(method, path);
            if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await proxy.SendAsync(request);
            var exchange = new Exchange($"{method} {path}", (int)response.StatusCode, Prism.Violations(response), wrongOnPurpose,
                await response.Content.ReadAsStringAsync(), response.Headers.Location?.OriginalString);
            exchanges.Add(exchange);
            return exchange;
        }

        // Tokens come from the identity provider, whose endpoints are not part of this document.
        var operations = Operations(document).ToArray();
        var admin = await system.TokenAsync("admin", sub: "contract-admin");
        var ministry = await system.TokenAsync("ministry", sub: "contract-ministry");
        static JsonNode? Example(JsonObject operation) => operation["requestBody"]?["content"]?["application/json"]?["example"]?.DeepClone();
        static string Filled(string path, Func<string, string> value) =>
            System.Text.RegularExpressions.Regex.Replace(path, @"\{(\w+)\}", m => value(m.Groups[1].Value));

        // The happy paths that create: each collection's example, stored (or, already there on a full store, 409 with
        // the record it conflicts with); a record of each collection fills the paths below it.
        var created = new Dictionary<string, string>();
        foreach (var (path, method, operation) in operations.Where(o => o.Method == "post" && !o.Path.Contains('{')
            && o.Operation["responses"]!["201"] is not null))
        {
            var exchange = await SendAsync(HttpMethod.Post, path, Example(operation), admin);
            Assert.True(exchange.Status is 201 or 409, $"{exchange.Request} with its example answered {exchange.Status}: {exchange.Body}");
            if (exchange.Status == 201) created[path] = exchange.Location!.Split('/')[^1];
            else
            {
                // Already there: the first of the collection, a page of records or (accounts) a plain list.
                var paged = document["paths"]![path]!["get"]?["parameters"] is JsonArray parameters && parameters.Any(p => p!["name"]!.GetValue<string>() == "pageSize");
                using var list = new HttpRequestMessage(HttpMethod.Get, paged ? $"{path}?pageSize=1" : path);
                list.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
                using var answer = await system.Http.SendAsync(list);
                var listed = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!;
                var first = (listed as JsonArray ?? listed["items"]!.AsArray())[0]!;
                created[path] = (first["id"] ?? first["userName"])!.GetValue<string>();
            }
        }
        // Each operation as a role it lets in: the administrator writes and audits anything, the dashboard is the ministry's.
        async Task<Exchange> AsAllowedAsync(HttpMethod method, string path, JsonNode? body)
        {
            var exchange = await SendAsync(method, path, body, admin);
            return exchange.Status == 403 ? await SendAsync(method, path, body, ministry) : exchange;
        }
        // A place is read by its code too, which a built-in place always has.
        string? RecordOf(string path) => path.EndsWith("/{place}", StringComparison.Ordinal) ? "RU-KRS" :
            created.Where(c => path.StartsWith(c.Key + "/{id}", StringComparison.Ordinal)).Select(c => c.Value).FirstOrDefault();

        foreach (var (path, method, operation) in operations)
        {
            var verb = new HttpMethod(method.ToUpperInvariant());
            var body = Example(operation);
            var secured = operation["security"] is JsonArray { Count: > 0 };
            var missing = Filled(path, _ => Guid.NewGuid().ToString());
            // 401: no token.
            if (secured) Assert.Equal(401, (await SendAsync(verb, missing, body, null, wrongOnPurpose: true)).Status);
            // 404: a record that does not exist.
            if (path.Contains('{')) Assert.True((await AsAllowedAsync(verb, missing, body)).Status is 404 or 422);
            // 422: a page before the first.
            if ((operation["parameters"] as JsonArray ?? []).Any(p => p!["name"]!.GetValue<string>() == "page"))
                Assert.Equal(422, (await AsAllowedAsync(verb, $"{Filled(path, _ => RecordOf(path) ?? Guid.NewGuid().ToString())}?page=0", null)).Status);
            // 400: a body that is no object.
            if (body is not null) Assert.Equal(400, (await SendAsync(verb, missing, new JsonArray(), admin, wrongOnPurpose: true)).Status);
            // The happy path: on a record the examples created, a write only validated.
            if (path.Contains('{') && RecordOf(path) is not { } record) continue;
            var target = Filled(path, _ => RecordOf(path)!);
            if (method != "get" && body is not null) target += "?validateOnly=true";
            // Replays and rebuilds are jobs, not records: they are not started here.
            var validates = operation["responses"]!["202"]?["content"]?["application/json"]?["schema"]?["$ref"]?.GetValue<string>().EndsWith("/ValidatedWrite") == true;
            // An event stream (the dashboard's feed) never ends: its happy path is the feed's own tests'.
            var streams = operation["responses"]!["200"]?["content"]?["text/event-stream"] is not null;
            if ((method == "get" && !streams) || validates) Assert.True((await AsAllowedAsync(verb, target, body)).Status < 500);
        }

        var findings = exchanges.SelectMany(e => e.Findings).ToArray();
        Assert.True(findings.Length == 0, $"{findings.Length} violations in {exchanges.Count} exchanges:\n{string.Join("\n", findings.Take(60))}");
        Assert.True(exchanges.Count(e => e.Status is >= 200 and < 300) >= 20, $"Only {exchanges.Count(e => e.Status is >= 200 and < 300)} exchanges succeeded.");
    }

    private static async Task<(int Code, string Output)> RunAsync(string command, string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
