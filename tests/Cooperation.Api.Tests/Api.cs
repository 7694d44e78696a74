using System.Net.Http.Json;
using System.Text.Json;

namespace Cooperation.Api.Tests;

public static class Api
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<HttpResponseMessage> PostAsync(this HttpClient client, string path, object body,
        string? idempotencyKey = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: Json) };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await client.SendAsync(request);
    }

    /// <summary>Posts JSON written out as text, for bodies no typed object can express: wrong shapes, bad values, none.</summary>
    public static async Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, string json)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        return await client.PostAsync(path, content);
    }

    /// <summary>Creates a record, asserting the 201 (or showing what came instead), and answers its id.</summary>
    public static async Task<Guid> CreateAsync(this HttpClient client, string path, object body)
    {
        using var created = await client.PostAsync(path, body);
        Assert.True(created.StatusCode == System.Net.HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (await created.JsonAsync()).GetProperty("id").GetGuid();
    }

    /// <summary>
    /// A token signed by hand, for what the dev token endpoint never mints: other claims, other keys, other algorithms. RS256
    /// and PS256 sign with the RSA key, HS256 and HS512 with the secret's bytes.
    /// </summary>
    public static string Jwt(IReadOnlyDictionary<string, object> claims, string algorithm, System.Security.Cryptography.RSA? key = null, string? keyId = null, string? secret = null)
    {
        static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var header = keyId is null ? (object)new { alg = algorithm, typ = "JWT" } : new { alg = algorithm, typ = "JWT", kid = keyId };
        var signed = $"{Encode(JsonSerializer.SerializeToUtf8Bytes(header))}.{Encode(JsonSerializer.SerializeToUtf8Bytes(claims))}";
        var data = System.Text.Encoding.ASCII.GetBytes(signed);
        var signature = algorithm switch
        {
            "RS256" => key!.SignData(data, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1),
            "PS256" => key!.SignData(data, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pss),
            "HS256" => System.Security.Cryptography.HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret!), data),
            "HS512" => System.Security.Cryptography.HMACSHA512.HashData(System.Text.Encoding.UTF8.GetBytes(secret!), data),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
        };
        return $"{signed}.{Encode(signature)}";
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>The agreements whose title holds the words, up to 50.</summary>
    public static async Task<JsonElement[]> AgreementsTitledAsync(this HttpClient client, string words) =>
        (await client.GetJsonAsync($"/api/agreements?q={Uri.EscapeDataString(words)}&pageSize=50")).GetProperty("items").EnumerateArray().ToArray();

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }

    public static string[] ErrorFields(this JsonElement problem) =>
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToArray();

    /// <summary>A unique title, so tests never see each other's records.</summary>
    public static string UniqueTitle(string what) => $"{what} {Guid.NewGuid():N}";

    private static int year;

    /// <summary>
    /// Where this run's years begin: the store may hold an earlier run's reports (a second run on the same data), so each
    /// run takes a block of 100 years of its own, below every year a real report has (the demo data's begin in 2006).
    /// </summary>
    public static void StartYearsAt(int first) => year = first;

    /// <summary>
    /// A year no other test of this run reports trade on, nor on the year before or after it: a series reads a year's
    /// neighbours (growth from the year before), so tests never meet each other's reports, nor an earlier run's.
    /// </summary>
    public static int FreshYear() => Interlocked.Add(ref year, 3);

    /// <summary>Two bodies as one JSON object, the second's members over the first's.</summary>
    public static Dictionary<string, object?> Merge(object a, object b)
    {
        var merged = JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(a, Json), Json)!;
        foreach (var (key, value) in JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(b, Json), Json)!) merged[key] = value;
        return merged;
    }

    public static object Twinning(string title, string? signedOn = "2014-05-20", string? validUntil = null) => new
    {
        kind = "twinning",
        title,
        parties = new object[]
        {
            new { code = "BY-VI", level = "region" },
            new { name = "Хэйлунцзян", level = "region" },
        },
        spheres = new[] { "trade-economic", "culture" },
        signedOn,
        place = "Harbin",
        validUntil,
    };

    /// <summary>Polls a read until it satisfies the condition; what other services do in reaction arrives a little later.</summary>
    public static async Task<JsonElement> EventuallyAsync(this HttpClient client, string path, Func<JsonElement, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            using var response = await client.GetAsync(path);
            var answer = await response.Content.ReadAsStringAsync();
            // Not there yet (404) counts as not yet; anything else unexpected fails at once.
            Assert.True(response.IsSuccessStatusCode || response.StatusCode == System.Net.HttpStatusCode.NotFound, $"GET {path} answered {(int)response.StatusCode}: {answer}");
            if (response.IsSuccessStatusCode)
            {
                var read = JsonDocument.Parse(answer).RootElement.Clone();
                if (condition(read)) return read;
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"GET {path} never satisfied the condition; last answer: {answer}");
            await Task.Delay(250);
        }
    }

    /// <summary>
    /// Posts a body that names an agreement (a document's <c>agreementId</c>, a visit's <c>heldUnder</c>), retrying while the receiving service has not yet heard of it: services learn of
    /// agreements through their events, a moment after they are registered.
    /// </summary>
    public static async Task<HttpResponseMessage> PostNamingAgreementAsync(this HttpClient client, string path, object body)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var response = await client.PostAsync(path, body);
            if (response.StatusCode != System.Net.HttpStatusCode.UnprocessableEntity || DateTime.UtcNow > deadline
                || !(await response.JsonAsync()).ErrorFields().Intersect(["agreementId", "heldUnder"]).Any()) return response;
            response.Dispose();
            await Task.Delay(250);
        }
    }

    public static object Visit(string purpose, string host = "BY-VI", string plannedFrom = "2019-10", string? plannedTo = null) => new
    {
        direction = "incoming",
        host = new { code = host, level = "region" },
        guests = new object[] { new { name = "Хэйлунцзян", level = "region" } },
        head = new { name = "Wang Wenhua", position = "Vice-governor" },
        plannedFrom,
        plannedTo,
        purpose,
        size = 12,
        companies = new[] { "Harbin Electric" },
    };

    public static object Document(string title, Guid? agreementId = null, string signedOn = "2019-10-15") => new
    {
        title,
        kind = "memorandum",
        parties = new object[] { new { code = "BY-VI", level = "region" }, new { code = "CN-HL", level = "region" } },
        signedOn,
        agreementId,
    };
}
