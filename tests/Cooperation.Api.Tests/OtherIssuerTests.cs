using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Cooperation.Api.Tests;

/// <summary>
/// A ministry's own OpenID Connect provider (Keycloak, say) in place of the system's: a host accepts its tokens only once
/// its issuer is configured, and reads the role and region from the claims the settings name. The other provider is played
/// by a discovery document and a JWKS served over HTTP on loopback, with a key of its own; the host under test is a real
/// Trade instance on the suite's database and broker.
/// </summary>
public class OtherIssuerTests(CooperationSystem system)
{
    [Fact]
    public async Task Another_provider_s_tokens_are_refused_until_its_issuer_is_configured_and_then_carry_role_and_region_from_the_named_claims()
    {
        using var keycloak = OtherProvider.Start();
        var analyst = keycloak.Token("analyst@ministry.example", "ministry");
        var clerk = keycloak.Token("clerk@vitebsk.example", "committee", "BY-VI");
        var y = Api.FreshYear();

        // The suite's system trusts its own provider alone: the other's tokens are 401 at the gateway and at the service.
        foreach (var address in new[] { system.Gateway.Address, system.Services["trade"].Address })
        {
            using var refused = await Send(address, HttpMethod.Get, "/api/trade/reports?pageSize=1", analyst);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        // Configured with the other provider's issuer and its claim names, a Trade instance takes its tokens and no others.
        await using var trade = system.Instance("trade", 2, new Dictionary<string, string>
        {
            ["Identity__Issuer"] = keycloak.Issuer,
            ["Identity__MetadataAddress"] = $"{keycloak.Issuer}.well-known/openid-configuration",
            ["Identity__RoleClaim"] = OtherProvider.RoleClaim,
            ["Identity__RegionClaim"] = OtherProvider.RegionClaim,
        });
        await trade.StartAsync();
        using (var read = await Send(trade.Address, HttpMethod.Get, "/api/trade/reports?pageSize=1", analyst))
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        using (var own = await Send(trade.Address, HttpMethod.Get, "/api/trade/reports?pageSize=1", await system.TokenAsync("ministry")))
            Assert.Equal(HttpStatusCode.Unauthorized, own.StatusCode);

        // The clerk's region comes from the region claim the settings name: Vitebsk's report is taken, Grodno's is not.
        using var filed = await Send(trade.Address, HttpMethod.Post, "/api/trade/reports", clerk, Report("BY-VI", y));
        Assert.True(filed.StatusCode == HttpStatusCode.Created, await filed.Content.ReadAsStringAsync());
        using (var elsewhere = await Send(trade.Address, HttpMethod.Post, "/api/trade/reports", clerk, Report("BY-HR", y)))
            Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        var id = (await filed.JsonAsync()).GetProperty("id").GetGuid();
        using var ministry = await system.ClientAsync("ministry");
        var actor = (await ministry.GetJsonAsync($"/api/trade/reports/{id}/history"))[0].GetProperty("actor");
        Assert.Equal(("clerk@vitebsk.example", "committee", "BY-VI"),
            (actor.GetProperty("sub").GetString(), actor.GetProperty("role").GetString(), actor.GetProperty("region").GetString()));
    }

    private static object Report(string reporter, int year) => new
    {
        reporter = new { code = reporter }, partner = new { code = "CN-HL" }, period = new { from = $"{year}" }, flow = "goods",
        currency = "USD", unit = "million", exports = 3.5m, imports = 1.25m,
    };

    private static async Task<HttpResponseMessage> Send(Uri host, HttpMethod method, string path, string token, object? body = null)
    {
        using var client = new HttpClient { BaseAddress = host };
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        return await client.SendAsync(request);
    }

    /// <summary>Another provider's discovery document and JWKS on a loopback port, and tokens signed with its own RSA key.</summary>
    private sealed class OtherProvider : IDisposable
    {
        public const string RoleClaim = "cooperation_role";
        public const string RegionClaim = "cooperation_region";
        private readonly HttpListener listener = new();
        private readonly RSA key = RSA.Create(2048);
        private readonly string keyId = Guid.NewGuid().ToString("N");
        public string Issuer { get; }

        private OtherProvider(int port)
        {
            Issuer = $"http://127.0.0.1:{port}/realms/cooperation/";
            listener.Prefixes.Add(Issuer);
            listener.Start();
            _ = ServeAsync();
        }

        public static OtherProvider Start()
        {
            var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return new OtherProvider(port);
        }

        public string Token(string sub, string role, string? region = null)
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var claims = new Dictionary<string, object>
            {
                ["iss"] = Issuer, ["aud"] = "cooperation", ["sub"] = sub, [RoleClaim] = role, ["iat"] = now, ["nbf"] = now, ["exp"] = now + 300,
            };
            if (region is not null) claims[RegionClaim] = region;
            return Api.Jwt(claims, "RS256", key, keyId);
        }

        private async Task ServeAsync()
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await listener.GetContextAsync(); }
                catch (Exception) { return; }
                var path = context.Request.Url!.AbsolutePath;
                object? document = path.EndsWith("/.well-known/openid-configuration")
                    ? new { issuer = Issuer, jwks_uri = $"{Issuer}protocol/openid-connect/certs", id_token_signing_alg_values_supported = new[] { "RS256" } }
                    : path.EndsWith("/protocol/openid-connect/certs") ? new { keys = new[] { Jwk() } } : null;
                context.Response.StatusCode = document is null ? 404 : 200;
                context.Response.ContentType = "application/json";
                if (document is not null) await context.Response.OutputStream.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(document));
                context.Response.Close();
            }
        }

        private object Jwk()
        {
            var parameters = key.ExportParameters(false);
            static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            return new { kty = "RSA", use = "sig", alg = "RS256", kid = keyId, n = Encode(parameters.Modulus!), e = Encode(parameters.Exponent!) };
        }

        public void Dispose()
        {
            listener.Stop();
            listener.Close();
            key.Dispose();
        }
    }
}
