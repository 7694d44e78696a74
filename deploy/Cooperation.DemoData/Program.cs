using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

// Loads the demo data drawn from the seed documents through the public API, as each committee would submit it.
// Every write carries an Idempotency-Key derived from the entry, so loading twice changes nothing. Each record carries
// its source: the seed document it comes from (the locator), the words the seed says it in (the quote), and the entry's note.
var gateway = new Uri(args.ElementAtOrDefault(0) ?? "http://127.0.0.1:8080");
var folder = args.ElementAtOrDefault(1) ?? Path.Combine(AppContext.BaseDirectory, "demo");
using var http = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(60) };
var tokens = new Dictionary<string, string>();
var ids = new Dictionary<string, string>();
var failures = 0;
// Entries a data folder already holds as an earlier version of the demo data wrote them: left as they are.
var earlier = new HashSet<string>();

var agreements = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "agreements.json")))!["agreements"]!.AsArray();
foreach (var entry in agreements)
{
    var body = entry!["body"]!.DeepClone().AsObject();
    if (body["parentRef"]?.GetValue<string>() is { } parentRef)
    {
        if (Loaded(entry, parentRef, "parent") is not { } parentId) continue;
        body["parentAgreementId"] = parentId;
    }
    body.Remove("parentRef");
    var id = await Submit(entry, "/api/agreements", body);
    if (id is not null) ids[entry["ref"]!.GetValue<string>()] = id;
}

Console.WriteLine($"demo data: {ids.Count} agreements loaded");

// Commissions and working groups, with their co-chairs and curators and the sessions the seeds report; a session's decision
// that adds a plan item names the plan loaded above (planRef).
var commissionsLoaded = 0;
foreach (var entry in JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "commissions.json")))!["commissions"]!.AsArray())
{
    var body = entry!["body"]!.DeepClone().AsObject();
    if (body["foundingRef"]?.GetValue<string>() is { } foundingRef)
    {
        if (Loaded(entry, foundingRef, "founding agreement") is not { } foundingId) continue;
        body["foundingAgreementId"] = foundingId;
    }
    body.Remove("foundingRef");
    var id = await Submit(entry, "/api/agreements/commissions", body);
    if (id is null) continue;
    var complete = true;
    foreach (var (member, i) in (entry["members"] as JsonArray ?? []).Select((m, i) => (m!.DeepClone().AsObject(), i)))
        complete &= await Submit(entry, $"/api/agreements/commissions/{id}/members", member, $"member-{i}") is not null;
    foreach (var (session, i) in (entry["sessions"] as JsonArray ?? []).Select((s, i) => (s!.DeepClone().AsObject(), i)))
    {
        if (session["planRef"]?.GetValue<string>() is { } planRef)
        {
            if (Loaded(entry, planRef, "plan of events") is not { } planId)
            {
                complete = false;
                continue;
            }
            session["planId"] = planId;
        }
        session.Remove("planRef");
        complete &= await Submit(entry, $"/api/agreements/commissions/{id}/sessions", session, $"session-{i}") is not null;
    }
    if (complete) commissionsLoaded++;
}
Console.WriteLine($"demo data: {commissionsLoaded} commissions and working groups loaded");
// Occasions (fairs, forums, city days) before the visits made to them, which name them (occasionRef); each held one with
// what came of it.
var visitsFile = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "visits.json")))!;
var occasionsLoaded = 0;
foreach (var entry in visitsFile["occasions"]!.AsArray())
{
    var id = await Submit(entry!, "/api/delegations/occasions", entry!["body"]!.DeepClone().AsObject());
    if (id is null) continue;
    ids[entry["ref"]!.GetValue<string>()] = id;
    if (entry["held"] is JsonObject held && await Submit(entry, $"/api/delegations/occasions/{id}/held", held.DeepClone().AsObject(), "held") is null) continue;
    occasionsLoaded++;
}
Console.WriteLine($"demo data: {occasionsLoaded} occasions loaded");

// Visits, each submitted as its committee would: the plan (naming the agreement it was held under, loaded above), its
// programme, documents signed (naming the agreements loaded above), and how it went: begun (still under way when the seed
// was written), ended or cancelled.
var visits = visitsFile["visits"]!.AsArray();
var visitsLoaded = 0;
foreach (var entry in visits)
{
    if (entry!["skip"]?.GetValue<string>() is { } skip)
    {
        Console.WriteLine($"demo data: {entry["ref"]} left out: {skip}");
        continue;
    }
    var plan = entry["body"]!.DeepClone().AsObject();
    if (plan["heldUnderRef"]?.GetValue<string>() is { } heldUnderRef)
    {
        if (Loaded(entry, heldUnderRef, "agreement it was held under") is not { } heldUnder) continue;
        plan["heldUnder"] = heldUnder;
    }
    plan.Remove("heldUnderRef");
    if (plan["occasionRef"]?.GetValue<string>() is { } occasionRef)
    {
        if (Loaded(entry, occasionRef, "occasion it was made to") is not { } occasion) continue;
        plan["occasionId"] = occasion;
    }
    plan.Remove("occasionRef");
    var id = await Submit(entry, "/api/delegations/visits", plan);
    if (id is null) continue;
    var path = $"/api/delegations/visits/{id}";
    var complete = true;
    if (entry["programme"] is JsonArray { Count: > 0 } items)
        complete &= await Submit(entry, $"{path}/programme", new JsonObject { ["items"] = items.DeepClone() }, "programme") is not null;
    foreach (var (document, i) in (entry["documents"] as JsonArray ?? []).Select((d, i) => (d!.DeepClone().AsObject(), i)))
    {
        if (document["agreementRef"]?.GetValue<string>() is { } agreementRef)
        {
            // A document naming an agreement that is not here would register it a second time: it waits for its agreement.
            if (Loaded(entry, agreementRef, "document's agreement") is not { } agreementId)
            {
                complete = false;
                continue;
            }
            document["agreementId"] = agreementId;
        }
        document.Remove("agreementRef");
        complete &= await Submit(entry, $"{path}/documents", document, $"document-{i}") is not null;
    }
    if (entry["outcome"]?["started"] is JsonObject started)
        complete &= await Submit(entry, $"{path}/start", started.DeepClone().AsObject(), "start") is not null;
    if (entry["outcome"]?["completed"] is JsonObject completed)
        complete &= await Submit(entry, $"{path}/completion", completed.DeepClone().AsObject(), "completion") is not null;
    if (entry["outcome"]?["cancelled"] is JsonObject cancelled)
        complete &= await Submit(entry, $"{path}/cancellation", cancelled.DeepClone().AsObject(), "cancellation") is not null;
    if (complete) visitsLoaded++;
}
Console.WriteLine($"demo data: {visitsLoaded} visits loaded");

// Visits a seed only counts for a period ("22 delegations received in 2011").
var visitCountsLoaded = 0;
foreach (var entry in visitsFile["visitCounts"]!.AsArray())
    if (await Submit(entry!, "/api/delegations/visit-counts", entry!["body"]!.DeepClone().AsObject()) is not null) visitCountsLoaded++;
Console.WriteLine($"demo data: {visitCountsLoaded} counts of visits for a period loaded");

// Exchanges of people: students, teachers, specialists sent or received, and institutions opened for them.
var exchangesLoaded = 0;
foreach (var entry in visitsFile["exchanges"]!.AsArray())
    if (await Submit(entry!, "/api/delegations/exchanges", entry!["body"]!.DeepClone().AsObject()) is not null) exchangesLoaded++;
Console.WriteLine($"demo data: {exchangesLoaded} exchanges of people loaded");
foreach (var entry in visitsFile["notLoaded"]!.AsArray())
    Console.WriteLine($"demo data: left out: \"{entry!["quote"]}\" ({entry["seed"]}): {entry["why"]}");

// Trade: reports, investment projects (which name the agreement they stem from by its ref) and company counts.
var trade = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "trade.json")))!;
var loaded = new Dictionary<string, int>();
foreach (var (section, path) in new[] { ("reports", "/api/trade/reports"), ("projects", "/api/trade/projects"), ("foreignInvestedCompanies", "/api/trade/foreign-invested-companies") })
{
    loaded[section] = 0;
    foreach (var entry in trade[section]!.AsArray())
    {
        var body = entry!["body"]!.DeepClone().AsObject();
        if (body["agreementRef"]?.GetValue<string>() is { } agreementRef)
        {
            if (Loaded(entry, agreementRef, "agreement") is not { } agreementId) continue;
            body["agreementId"] = agreementId;
        }
        body.Remove("agreementRef");
        if (await Submit(entry, path, body) is not null) loaded[section]++;
    }
}
Console.WriteLine($"demo data: {loaded["reports"]} trade reports, {loaded["projects"]} investment projects and " +
    $"{loaded["foreignInvestedCompanies"]} counts of companies with foreign investment loaded");

if (earlier.Count > 0)
    Console.WriteLine($"demo data: {earlier.Count} entries are held as an earlier version of the demo data wrote them and were left " +
        "as they are; start from an empty data folder for the current version");
if (failures > 0) Console.Error.WriteLine($"demo data: {failures} submissions refused");
return failures == 0 ? 0 : 1;

// The id of the agreement loaded above under a ref. When it was not loaded, the entry naming it is left out too: as held
// by an earlier version of the demo data when that agreement is, else as a failure.
string? Loaded(JsonNode entry, string reference, string what)
{
    if (ids.TryGetValue(reference, out var id)) return id;
    if (earlier.Contains(reference)) earlier.Add(entry["ref"]!.GetValue<string>());
    else
    {
        failures++;
        Console.Error.WriteLine($"demo data: {entry["ref"]} skipped: its {what} {reference} was not loaded");
    }
    return null;
}

async Task<string?> Submit(JsonNode entry, string path, JsonObject body, string? step = null)
{
    var reference = entry["ref"]!.GetValue<string>();
    var key = step is null ? $"demo:{reference}" : $"demo:{reference}:{step}";
    if (step is null) Provenance(entry, body);
    var token = await Token(entry["committee"]!);
    using var response = await Send(() =>
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("Idempotency-Key", key);
        return request;
    });
    var answer = await response.Content.ReadAsStringAsync();
    if (response.IsSuccessStatusCode) return JsonNode.Parse(answer)!["id"]!.GetValue<string>();
    if ((int)response.StatusCode == 422 && JsonNode.Parse(answer)?["errors"]?["Idempotency-Key"] is not null)
    {
        earlier.Add(reference);
        return null;
    }
    failures++;
    Console.Error.WriteLine($"demo data: {reference} refused with {(int)response.StatusCode}: {answer}");
    return null;
}

// Where the entry's record comes from: the seed document (its title as the entry gives it, else the seed's file name), the
// seed's file as the locator, the seed's words as the quote; the entry's note as the record's note.
static void Provenance(JsonNode entry, JsonObject body)
{
    var seed = entry["seed"]?.GetValue<string>();
    if (seed is null) return;
    var source = body["source"] as JsonObject ?? new JsonObject();
    source["title"] ??= seed;
    source["locator"] = $"seeds/{seed}";
    if (entry["quote"]?.GetValue<string>() is { } quote) source["quote"] = quote;
    body["source"] = source;
    if (entry["note"]?.GetValue<string>() is { } note) body["note"] = note;
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
            if (!await Transient(response) || DateTime.UtcNow > deadline) return response;
            response.Dispose();
        }
        catch (HttpRequestException) when (DateTime.UtcNow < deadline) { }
        await Task.Delay(1000);
    }
}

// Unreachable services, the gateway's rate limit, and an agreement that Delegations has not heard of yet (it learns of them
// through events), whether a document is it or a visit is held under it.
static async Task<bool> Transient(HttpResponseMessage response) =>
    (int)response.StatusCode is 429 or 502 or 503
    || ((int)response.StatusCode == 422 && await response.Content.ReadAsStringAsync() is var problem
        && (problem.Contains("\"agreementId\"", StringComparison.Ordinal) || problem.Contains("\"heldUnder\"", StringComparison.Ordinal)));
