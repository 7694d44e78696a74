using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Cooperation.Api.Tests;

/// <summary>
/// The system's OpenID Connect provider (services/Identity) through the gateway: its discovery document and keys, the
/// tokens it signs with them, and the read-only client of another system.
/// </summary>
public class IdentityProviderTests(CooperationSystem system)
{
    [Fact]
    public async Task Discovery_answers_through_the_gateway_under_its_issuer_and_the_JWKS_holds_only_public_RSA_or_EC_keys()
    {
        var discovery = await system.Http.GetJsonAsync("/.well-known/openid-configuration");
        Assert.Equal(system.Issuer, discovery.GetProperty("issuer").GetString());
        var jwksUri = new Uri(discovery.GetProperty("jwks_uri").GetString()!);
        Assert.StartsWith(system.Issuer, jwksUri.AbsoluteUri);
        Assert.StartsWith(system.Issuer, discovery.GetProperty("token_endpoint").GetString());

        var keys = (await system.Http.GetJsonAsync(jwksUri.PathAndQuery)).GetProperty("keys").EnumerateArray().ToList();
        Assert.NotEmpty(keys);
        Assert.All(keys, key =>
        {
            Assert.Contains(key.GetProperty("kty").GetString(), new[] { "RSA", "EC" });
            Assert.False(key.TryGetProperty("k", out _), "a symmetric key is published");
            Assert.False(key.TryGetProperty("d", out _), "a private key is published");
        });
        var (current, _) = await system.ProviderKeyAsync();
        Assert.Contains(keys, key => key.GetProperty("kid").GetString() == current);
    }

    [Fact]
    public async Task A_dev_token_is_signed_with_RS256_by_the_provider_s_current_key_and_lives_at_most_15_minutes()
    {
        using var response = await system.Http.PostAsync("/api/dev/tokens", new { role = "committee", region = "by-vi", sub = "signed-clerk" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.JsonAsync();
        var (header, payload) = Parts(answer.GetProperty("token").GetString()!);
        var (current, _) = await system.ProviderKeyAsync();
        Assert.Equal("RS256", header.GetProperty("alg").GetString());
        Assert.Equal(current, header.GetProperty("kid").GetString());
        Assert.Equal(system.Issuer, payload.GetProperty("iss").GetString());
        Assert.Equal("BY-VI", payload.GetProperty("region").GetString());
        Assert.InRange(payload.GetProperty("exp").GetInt64() - payload.GetProperty("iat").GetInt64(), 1, 15 * 60);
        Assert.InRange(answer.GetProperty("expiresAt").GetDateTimeOffset(), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(15.5));
    }

    [Fact]
    public async Task Another_system_s_client_gets_a_token_by_the_client_credentials_flow_that_reads_and_writes_nothing()
    {
        using var refused = await system.Http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = CooperationSystem.ReadOnlyClient, ["client_secret"] = "not the secret at all",
        }));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        using var issued = await system.Http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = CooperationSystem.ReadOnlyClient,
            ["client_secret"] = system.ReadOnlyClientSecret, ["scope"] = "read",
        }));
        Assert.True(issued.IsSuccessStatusCode, await issued.Content.ReadAsStringAsync());
        var token = (await issued.JsonAsync()).GetProperty("access_token").GetString()!;
        var (header, payload) = Parts(token);
        Assert.Equal("RS256", header.GetProperty("alg").GetString());
        Assert.Equal("ministry-read", payload.GetProperty("role").GetString());
        Assert.Equal(CooperationSystem.ReadOnlyClient, payload.GetProperty("sub").GetString());
        Assert.InRange(payload.GetProperty("exp").GetInt64() - payload.GetProperty("iat").GetInt64(), 1, 15 * 60);

        using var reader = new HttpClient { BaseAddress = system.Gateway.Address };
        reader.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/agreements?pageSize=1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/delegations/visits?pageSize=1")).StatusCode);
        var title = Api.UniqueTitle("Read-only client's");
        using var write = await reader.PostAsync("/api/agreements", Api.Twinning(title));
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        using var ministry = await system.ClientAsync("ministry");
        Assert.Equal(0, (await ministry.GetJsonAsync($"/api/agreements?q={Uri.EscapeDataString(title)}")).GetProperty("items").GetArrayLength());
    }

    private static (JsonElement Header, JsonElement Payload) Parts(string token)
    {
        static JsonElement Decode(string part)
        {
            var base64 = part.Replace('-', '+').Replace('_', '/');
            return JsonDocument.Parse(Convert.FromBase64String(base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '='))).RootElement.Clone();
        }
        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        return (Decode(parts[0]), Decode(parts[1]));
    }
}
