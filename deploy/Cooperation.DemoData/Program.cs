using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

// Loads the demo data drawn from the seed documents through the public API, as each committee would submit it.
// Every write carries an Idempotency-Key derived from the entry, so loading twice changes nothing.
var gateway = new Uri(args.ElementAtOrDefault(0) ?? "http://127.0.0.1:8080");
var folder = args.ElementAtOrDefault(1) ?? Path.Combine(AppContext.BaseDirectory, "demo");
using var http = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(60) };
var tokens = new Dictionary<string, string>();
var ids = new Dictionary<string, string>();
var failures = 0;

var agreements = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "agreements.json")))!["agreements"]!.AsArray();
foreach (var entry in agreements)
{
    var body = entry!["body"]!.DeepClone().AsObject();
    if (body["parentRef"]?.GetValue<string>() is { } parentRef)
    {
        if (!ids.TryGetValue(parentRef, out var parentId))
        {
            failures++;
            Console.Error.WriteLine($"demo data: {entry["ref"]} skipped: its parent {parentRef} was not loaded");
            continue;
        }
        body["parentAgreementId"] = parentId;
    }
    body.Remove("parentRef");
    var id = await Submit(entry, "/api/agreements", body);
    if (id is not null) ids[entry["ref"]!.GetValue<string>()] = id;
}

Console.WriteLine($"demo data: {ids.Count} agreements loaded, {failures} refused");
return failures == 0 ? 0 : 1;

async Task<string?> Submit(JsonNode entry, string path, JsonObject body)
{
    var reference = entry["ref"]!.GetValue<string>();
    var token = await Token(entry["committee"]!);
    using var response = await Send(() =>
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("Idempotency-Key", $"demo:{reference}");
        return request;
    });
    var answer = await response.Content.ReadAsStringAsync();
    if (response.IsSuccessStatusCode) return JsonNode.Parse(answer)!["id"]!.GetValue<string>();
    failures++;
    Console.Error.WriteLine($"demo data: {reference} refused with {(int)response.StatusCode}: {answer}");
    return null;
}

async Task<string> Token(JsonNode committee)
{
    var key = committee.ToJsonString();
    if (tokens.TryGetValue(key, out var token)) return token;
    using var response = await Send(() => new HttpRequestMessage(HttpMethod.Post, "/api/dev/tokens") { Content = JsonContent.Create(committee) });
    response.EnsureSuccessStatusCode();
    var minted = await response.Content.ReadFromJsonAsync<JsonElement>();
    return tokens[key] = minted.GetProperty("token").GetString()!;
}

// The services may still be starting: retry while the gateway cannot reach them. Retries are safe by idempotency.
async Task<HttpResponseMessage> Send(Func<HttpRequestMessage> request)
{
    var deadline = DateTime.UtcNow.AddMinutes(3);
    while (true)
    {
        try
        {
            using var message = request();
            var response = await http.SendAsync(message);
            if ((int)response.StatusCode is not (502 or 503) || DateTime.UtcNow > deadline) return response;
            response.Dispose();
        }
        catch (HttpRequestException) when (DateTime.UtcNow < deadline) { }
        await Task.Delay(1000);
    }
}
