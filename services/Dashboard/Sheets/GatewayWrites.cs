using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cooperation.Sheets;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Cooperation.Dashboard.Sheets;

/// <summary>
/// A sheet's rows written as the clerk would write them: through the gateway (Gateway:Address), with the clerk's own bearer
/// token and correlation id, so that each service checks the clerk's territory itself, the history names the clerk and the
/// Idempotency-Keys are the clerk's, the same as the command line's. 429 and 503 are retried after their Retry-After: every
/// row carries its Idempotency-Key, so a retry stores once.
/// </summary>
public sealed class GatewayWrites(HttpClient http)
{
    public const string Client = "gateway";

    public static void Add(IHostApplicationBuilder builder)
    {
        var address = builder.Configuration["Gateway:Address"];
        builder.Services.AddHttpClient<GatewayWrites>(c =>
            {
                if (Uri.TryCreate(address, UriKind.Absolute, out var gateway)) c.BaseAddress = gateway;
                c.Timeout = Timeout.InfiniteTimeSpan;  // the resilience pipeline's attempts are timed instead
            })
            .AddResilienceHandler(Client, pipeline => pipeline
                .AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 6, Delay = TimeSpan.FromSeconds(1), BackoffType = DelayBackoffType.Constant, ShouldRetryAfterHeader = true,
                })
                .AddTimeout(TimeSpan.FromSeconds(60)));
    }

    /// <summary>Whether Gateway:Address names where to write.</summary>
    public bool Configured => http.BaseAddress is not null;

    /// <summary>The write of one row for the caller whose request this is.</summary>
    public WriteRow For(HttpContext caller) => async (kind, body, key, dryRun, ct) =>
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, dryRun ? $"{kind.Route}?validateOnly=true" : kind.Route)
        {
            Content = JsonContent.Create(body),
        };
        request.Headers.Authorization = AuthenticationHeaderValue.Parse(caller.Request.Headers.Authorization.ToString());
        request.Headers.Add("Idempotency-Key", key);
        if (caller.Request.Headers["X-Correlation-Id"].ToString() is { Length: > 0 } correlation) request.Headers.Add("X-Correlation-Id", correlation);
        try
        {
            using var response = await http.SendAsync(request, ct);
            var answer = await ReadAsync(response, ct);
            if (response.IsSuccessStatusCode)
                return new RowOutcome(answer?["id"]?.GetValue<Guid>() ?? Guid.Empty, response.Headers.Contains("Idempotent-Replayed"), []);
            return new RowOutcome(Guid.Empty, false, Problem((int)response.StatusCode, answer));
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException)
        {
            return RowOutcome.Refusing("-", $"503: the gateway did not answer ({e.Message}); upload the sheet again later, nothing is stored twice.");
        }
    };

    private static async Task<JsonNode?> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            return response.Content.Headers.ContentType?.MediaType?.EndsWith("json", StringComparison.OrdinalIgnoreCase) == true
                ? await JsonNode.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>What the API's problem says: each invalid field with its messages, or, naming none, its detail under "-".</summary>
    private static IReadOnlyList<(string Field, string Message)> Problem(int status, JsonNode? problem)
    {
        if (problem?["errors"] is JsonObject { Count: > 0 } errors)
            return errors.Select(e => (e.Key, e.Value is JsonArray messages ? string.Join(" ", messages.Select(m => m?.ToString())) : $"{e.Value}")).ToList();
        return [("-", $"{status}: {problem?["detail"] ?? problem?["title"] ?? "the API refused the row"}")];
    }
}
