using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Cooperation.Load;

/// <summary>The system as a client sees it: the gateway, and the dev tokens a local run mints.</summary>
public static class Gateway
{
    /// <summary>
    /// A token of the run's dev-token endpoint (POST /api/dev/tokens), which the identity provider serves: in a run just started
    /// the provider may still be coming up after the gateway answers (503 through the gateway), so that is waited out, for a while.
    /// </summary>
    public static async Task<string> TokenAsync(HttpClient http, string role, string? region, string sub)
    {
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); ;)
        {
            using var response = await http.PostAsJsonAsync("/api/dev/tokens", new { role, region, sub });
            // Waiting, the endpoint's own rate limit (a few tokens a minute from one address) is kept to as well.
            if (response.StatusCode is System.Net.HttpStatusCode.ServiceUnavailable or System.Net.HttpStatusCode.TooManyRequests
                && waited.Elapsed < TimeSpan.FromMinutes(3))
            {
                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(3));
                continue;
            }
            response.EnsureSuccessStatusCode();
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        }
    }

    /// <summary>A client of the gateway that sends the token on every request.</summary>
    public static async Task<HttpClient> ClientAsync(Uri gateway, string role, string? region, string sub, TimeSpan? timeout = null)
    {
        if (!gateway.IsLoopback) throw new ArgumentException($"{gateway} is not a loopback address; the load tools only load this machine.");
        var client = new HttpClient { BaseAddress = gateway, Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(client, role, region, sub));
        return client;
    }
}
