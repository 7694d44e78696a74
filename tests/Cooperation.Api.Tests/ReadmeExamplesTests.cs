using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Cooperation.Api.Tests;

/// <summary>
/// The README's tour, as written: every <c>curl</c> of its shell examples is sent, with its method, headers and body,
/// through Prism's validating proxy in front of the gateway; each must succeed and show no violation of the gateway's
/// OpenAPI document. Tokens are minted as the examples mint them (the local run's dev endpoint, which is not part of the
/// document), and <c>$ID</c> is the id the example before it answered.
/// </summary>
public class ReadmeExamplesTests(CooperationSystem system)
{
    private const string LocalRun = "http://127.0.0.1:8080";

    [Fact]
    public async Task Every_curl_of_the_README_s_tour_succeeds_through_a_validating_proxy_with_no_violation()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(CooperationSystem.Root, "README.md"));
        var tour = readme[readme.IndexOf("## A first tour", StringComparison.Ordinal)..readme.IndexOf("## Where to read on", StringComparison.Ordinal)];
        var statements = Regex.Matches(tour, @"```bash\n(.*?)```", RegexOptions.Singleline)
            .SelectMany(block => Shell.Statements(Regex.Replace(block.Groups[1].Value, @"^ {3}", "", RegexOptions.Multiline))).ToArray();

        using var anonymous = new HttpClient { BaseAddress = system.Gateway.Address };
        var document = System.Text.Json.Nodes.JsonNode.Parse(await anonymous.GetStringAsync("/openapi/v1.json"))!.AsObject();
        await using var prism = await Prism.StartAsync(document, system.Gateway.Address);
        var variables = new Dictionary<string, string>();
        var sent = new List<string>();
        var findings = new List<string>();
        foreach (var words in statements)
        {
            if (words is [var assignment, ..] && Regex.Match(assignment, @"^(\w+)=\$\((.*)\)$", RegexOptions.Singleline) is { Success: true } minted
                && minted.Groups[2].Value.Contains("/api/dev/tokens"))
            {
                // NAME=$(curl ... /api/dev/tokens ... | jq -r .token): straight to the gateway, as the document does not describe it.
                var inner = Shell.Statements(minted.Groups[2].Value).Single().TakeWhile(w => w != "|").ToList();
                using var response = await system.Http.SendAsync(Request(inner, variables));
                Assert.True(response.IsSuccessStatusCode, $"{minted.Groups[1].Value}: {(int)response.StatusCode}");
                variables[minted.Groups[1].Value] = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
                continue;
            }
            if (words is not ["curl", ..]) continue;
            using var request = Request(words, variables);
            var described = $"{request.Method} {request.RequestUri}";
            using var answer = await prism.Client.SendAsync(request);
            var body = await answer.Content.ReadAsStringAsync();
            sent.Add(described);
            Assert.True(answer.IsSuccessStatusCode, $"{described} answered {(int)answer.StatusCode}: {body}");
            findings.AddRange(Prism.Violations(answer).Select(v => $"{described} -> {(int)answer.StatusCode}: {v!.ToJsonString()}"));
            // The next example reads back the record this one wrote.
            if (request.Method == HttpMethod.Post && answer.StatusCode == HttpStatusCode.Created)
                variables["ID"] = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
        }

        Assert.True(sent.Count >= 7, $"Only {sent.Count} examples were found in the README's tour: {string.Join(", ", sent)}");
        Assert.True(findings.Count == 0, $"{findings.Count} violations in the README's examples:\n{string.Join("\n", findings)}");
    }

    /// <summary>A request from a curl command's words: -X, -H and -d, with the local run's address made relative.</summary>
    private static HttpRequestMessage Request(IReadOnlyList<string> words, IReadOnlyDictionary<string, string> variables)
    {
        string Expand(string word) => Regex.Replace(word, @"\$\{?(\w+)\}?", m =>
            variables.TryGetValue(m.Groups[1].Value, out var value) ? value : throw new InvalidOperationException($"${m.Groups[1].Value} is not set before {word}"));
        var method = HttpMethod.Get;
        string? url = null, body = null;
        var headers = new List<(string Name, string Value)>();
        for (var i = 1; i < words.Count; i++)
        {
            switch (words[i])
            {
                case "-X": method = new HttpMethod(words[++i]); break;
                case "-H": var header = Expand(words[++i]); var colon = header.IndexOf(':'); headers.Add((header[..colon], header[(colon + 1)..].Trim())); break;
                case "-d": body = Expand(words[++i]); method = method == HttpMethod.Get ? HttpMethod.Post : method; break;
                case var word when word.StartsWith(LocalRun, StringComparison.Ordinal): url = Expand(word)[LocalRun.Length..]; break;
            }
        }
        var request = new HttpRequestMessage(method, url ?? throw new InvalidOperationException($"No URL in {string.Join(' ', words)}"));
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8);
        foreach (var (name, value) in headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)) request.Content!.Headers.ContentType = new(value);
            else request.Headers.TryAddWithoutValidation(name, value);
        }
        return request;
    }

    /// <summary>
    /// Enough of a POSIX shell's word splitting for the README's examples: quotes, a backslash before a newline, comments,
    /// <c>$(...)</c> kept as written (a <c>date</c> in it replaced by an hour ago), one statement per unquoted newline.
    /// </summary>
    private static class Shell
    {
        public static IEnumerable<List<string>> Statements(string text)
        {
            var words = new List<string>();
            var word = new StringBuilder();
            var inWord = false;
            void EndWord() { if (inWord) words.Add(word.ToString()); word.Clear(); inWord = false; }
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '\\' && i + 1 < text.Length && text[i + 1] == '\n') { i++; continue; }
                if (c == '\'') { var end = text.IndexOf('\'', i + 1); word.Append(text, i + 1, end - i - 1); inWord = true; i = end; continue; }
                if (c == '"')
                {
                    var end = i + 1;
                    while (text[end] != '"') end += text[end] == '$' && text[end + 1] == '(' ? Closing(text, end + 1) - end + 1 : 1;
                    word.Append(Substituted(text[(i + 1)..end])); inWord = true; i = end; continue;
                }
                if (c == '$' && i + 1 < text.Length && text[i + 1] == '(') { var end = Closing(text, i + 1); word.Append(text, i, end - i + 1); inWord = true; i = end; continue; }
                if (c == '#' && !inWord) { while (i + 1 < text.Length && text[i + 1] != '\n') i++; continue; }
                if (c == '\n') { EndWord(); if (words.Count > 0) yield return words; words = []; continue; }
                if (char.IsWhiteSpace(c)) { EndWord(); continue; }
                word.Append(c); inWord = true;
            }
            EndWord();
            if (words.Count > 0) yield return words;
        }

        /// <summary>The position of the parenthesis that closes the one at <paramref name="open"/>.</summary>
        private static int Closing(string text, int open)
        {
            var depth = 0;
            for (var i = open; ; i++)
            {
                if (text[i] == '(') depth++;
                else if (text[i] == ')' && --depth == 0) return i;
            }
        }

        private static string Substituted(string quoted) =>
            Regex.Replace(quoted, @"\$\(date [^)]*\)", _ => DateTime.UtcNow.AddHours(-1).ToString("yyyy-MM-ddTHH:mm:ssZ"));
    }
}
