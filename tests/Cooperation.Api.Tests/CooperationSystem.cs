using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;

[assembly: AssemblyFixture(typeof(Cooperation.Api.Tests.CooperationSystem))]

namespace Cooperation.Api.Tests;

/// <summary>
/// The whole system as the README runs it: each service and the gateway as separate processes against the
/// PostgreSQL and RabbitMQ that deploy/test.sh started. Tests speak HTTP to the gateway only.
/// </summary>
public sealed class CooperationSystem : IAsyncLifetime
{
    private const int GatewayPort = 18080;
    private const int AgreementsPort = 15101;

    public static string Root { get; } = FindRoot();
    public string Postgres { get; } = Required("ConnectionStrings__Postgres");
    public string RabbitMq { get; } = Required("ConnectionStrings__RabbitMq");
    public string SigningKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
    public ServiceProcess Gateway { get; private set; } = null!;
    public ServiceProcess Agreements { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var common = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = Postgres,
            ["ConnectionStrings__RabbitMq"] = RabbitMq,
            ["Identity__SigningKey"] = SigningKey,
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        };
        Agreements = new ServiceProcess("agreements", Assembly("services/Agreements", "Cooperation.Agreements"), AgreementsPort, common);
        Gateway = new ServiceProcess("gateway", Assembly("gateway", "Cooperation.Gateway"), GatewayPort, new Dictionary<string, string>(common)
        {
            ["Identity__DevTokens"] = "true",
            ["ReverseProxy__Clusters__agreements__Destinations__primary__Address"] = $"http://127.0.0.1:{AgreementsPort}/",
            ["ReverseProxy__Clusters__delegations__Destinations__primary__Address"] = "http://127.0.0.1:15102/",
            ["ReverseProxy__Clusters__trade__Destinations__primary__Address"] = "http://127.0.0.1:15103/",
            ["ReverseProxy__Clusters__dashboard__Destinations__primary__Address"] = "http://127.0.0.1:15104/",
        });
        await Task.WhenAll(Agreements.StartAsync(), Gateway.StartAsync());
        Http = new HttpClient { BaseAddress = Gateway.Address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        if (Gateway is not null) await Gateway.DisposeAsync();
        if (Agreements is not null) await Agreements.DisposeAsync();
    }

    public async Task<string> TokenAsync(string role, string? region = null, string? sub = null)
    {
        using var response = await Http.PostAsJsonAsync("/api/dev/tokens", new { role, region, sub = sub ?? $"{role}-{region}-tester" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    public async Task<HttpClient> ClientAsync(string role, string? region = null, string? sub = null)
    {
        var client = new HttpClient { BaseAddress = Gateway.Address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(role, region, sub));
        return client;
    }

    /// <summary>Stops or starts the broker's AMQP side, as an outage would, through the infrastructure script.</summary>
    public Task BrokerAsync(string action) => Shell.RunAsync(Path.Combine(Root, "deploy", "infra.sh"), $"broker-{action}");

    private static string Assembly(string project, string name)
    {
        var configuration = typeof(CooperationSystem).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var path = Path.Combine(Root, project, "bin", configuration, "net10.0", $"{name}.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build {project} first.", path);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Cooperation.sln"))) return dir.FullName;
        throw new InvalidOperationException("Cannot find the repository root.");
    }

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) ?? throw new InvalidOperationException($"{name} is not set: run the tests through deploy/test.sh.");
}
