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
    public static string Root { get; } = FindRoot();

    /// <summary>The operator's PostgreSQL role, for tests that read or change the store behind the services' back.</summary>
    public string Postgres { get; } = Required("ConnectionStrings__PostgresAdmin");

    /// <summary>The broker's administrator, for tests that set up queues and messages behind the services' back.</summary>
    public string RabbitMq { get; } = Required("ConnectionStrings__RabbitMqAdmin");

    /// <summary>The broker's user for outside clients: its own reader.* queues on cooperation.events, and replay.* queues.</summary>
    public string RabbitMqReader { get; } = Required("ConnectionStrings__RabbitMqReader");

    /// <summary>The service's own PostgreSQL role, as deploy/infra.sh env gives it: it owns the service's schema and nothing else.</summary>
    public static string PostgresOf(string service) => Required($"COOP_POSTGRES_{service.ToUpperInvariant()}");

    /// <summary>The service's own broker user, as deploy/infra.sh env gives it.</summary>
    public static string RabbitMqOf(string service) => Required($"COOP_RABBITMQ_{service.ToUpperInvariant()}");

    public ServiceProcess Gateway { get; private set; } = null!;
    public IReadOnlyDictionary<string, ServiceProcess> Services { get; private set; } = new Dictionary<string, ServiceProcess>();
    public ServiceProcess Agreements => Services["agreements"];
    public ServiceProcess Delegations => Services["delegations"];
    public ServiceProcess Dashboard => Services["dashboard"];
    public ServiceProcess Identity => Services["identity"];

    public HttpClient Http { get; private set; } = null!;

    private Dictionary<string, string> common = [];
    private Dictionary<string, string> gatewayEnvironment = [];

    /// <summary>
    /// The first of this run's 100 years, 1000-1099 for the first run on a store, 1100-1199 for the next, ...: the
    /// store counts the runs made on it (in the operator's own schema, where no service looks).
    /// </summary>
    private async Task<int> YearsOfThisRunAsync()
    {
        await using var connection = await Database.OpenAsync(Postgres);
        await Database.ExecuteAsync(connection, "create sequence if not exists public.api_test_runs");
        var run = await Database.ScalarAsync<long>(connection, "select nextval('public.api_test_runs')");
        return 1000 + (int)((run - 1) % 9) * 100;
    }

    public async ValueTask InitializeAsync()
    {
        var front = Topology.Hosts.Single(h => h.Name == Topology.Gateway);
        var provider = Topology.Hosts.Single(h => h.Name == "identity");
        common = new Dictionary<string, string>
        {
            // The provider's issuer is the gateway's address; every host reads its discovery document from the provider itself.
            ["Identity__Issuer"] = $"http://127.0.0.1:{front.TestPort}/",
            ["Identity__MetadataAddress"] = $"http://127.0.0.1:{provider.TestPort}/.well-known/openid-configuration",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            // Seal audit checkpoints every second, so tests about sealed history need not wait long.
            ["Audit__CheckpointInterval"] = "00:00:01",
        };
        // Every host of deploy/topology.txt, as the run command starts them; each service is the gateway's cluster of its name.
        Services = Topology.Hosts.Where(h => h.Name != Topology.Gateway)
            .ToDictionary(h => h.Name, h => new ServiceProcess(h.Name, Assembly(h.Folder, h.Assembly), h.TestPort, EnvironmentOf(h.Name)));
        // The suite mints hundreds of tokens and runs tests in parallel under shared subjects: its gateway counts no rate
        // limits; RateLimitTests start a gateway of their own that does.
        var gateway = gatewayEnvironment = new Dictionary<string, string>(common)
        {
            ["RateLimits__PerCallerPerSecond"] = "0",
            ["RateLimits__DevTokensPerMinute"] = "0",
            ["RateLimits__JobsPerMinute"] = "0",
        };
        foreach (var (name, service) in Services)
            gateway[$"ReverseProxy__Clusters__{name}__Destinations__instance0__Address"] = service.Address.ToString();
        // A route to a service that never runs, for what the gateway answers when one is down.
        gateway["ReverseProxy__Routes__unavailable__ClusterId"] = "unavailable";
        gateway["ReverseProxy__Routes__unavailable__AuthorizationPolicy"] = "default";
        gateway["ReverseProxy__Routes__unavailable__Match__Path"] = "/api/unavailable/{**rest}";
        gateway["ReverseProxy__Clusters__unavailable__Destinations__instance0__Address"] = $"http://127.0.0.1:{Topology.UnusedTestPort}/";
        Gateway = new ServiceProcess(front.Name, Assembly(front.Folder, front.Assembly), front.TestPort, gateway);
        await Task.WhenAll(Services.Values.Select(s => s.StartAsync()).Append(Gateway.StartAsync()));
        Api.StartYearsAt(await YearsOfThisRunAsync());
        Http = new HttpClient { BaseAddress = Gateway.Address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        if (Gateway is not null) await Gateway.DisposeAsync();
        foreach (var service in Services.Values) await service.DisposeAsync();
    }

    /// <summary>The issuer of the suite's provider, as its tokens carry it: the gateway's address.</summary>
    public string Issuer => Gateway.Address.AbsoluteUri;

    /// <summary>
    /// The provider's current signing key, read from its store behind its back (the operator's role reads every schema), for
    /// tests that sign tokens by hand with the one key the system trusts.
    /// </summary>
    public async Task<(string KeyId, RSA Key)> ProviderKeyAsync()
    {
        await using var connection = await Database.OpenAsync(Postgres);
        var id = await Database.ScalarAsync<string>(connection, """select "Id" from identity.provider_keys where "Use" = 'sig' order by "CreatedAt" desc limit 1""");
        var pem = await Database.ScalarAsync<string>(connection, """select "Material" from identity.provider_keys where "Id" = $1""", id);
        var key = RSA.Create();
        key.ImportFromPem(pem);
        return (id, key);
    }

    public async Task<string> TokenAsync(string role, string? region = null, string? sub = null)
    {
        using var response = await Http.PostAsJsonAsync("/api/dev/tokens", new { role, region, sub = sub ?? $"{role}-{region}-tester" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    /// <summary>A client with a token for the role, speaking to the suite's gateway or to another host (<paramref name="at"/>).</summary>
    public async Task<HttpClient> ClientAsync(string role, string? region = null, string? sub = null, Uri? at = null)
    {
        var client = new HttpClient { BaseAddress = at ?? Gateway.Address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(role, region, sub));
        return client;
    }

    /// <summary>Instance <paramref name="n"/> of a service as COOP_INSTANCES runs it: the same settings, its port 10 higher per instance.</summary>
    public ServiceProcess Instance(string service, int n) => Instance(service, n, new Dictionary<string, string>());

    /// <summary>Instance <paramref name="n"/> of a service with settings of its own over those the run command gives.</summary>
    public ServiceProcess Instance(string service, int n, IReadOnlyDictionary<string, string> settings)
    {
        var host = Topology.Hosts.Single(h => h.Name == service);
        var environment = new Dictionary<string, string>(EnvironmentOf(service)) { ["Instance__Id"] = $"{service}-{n}" };
        foreach (var (key, value) in settings) environment[key] = value;
        return new ServiceProcess($"{service}-{n}", Assembly(host.Folder, host.Assembly), host.TestPort + 10 * (n - 1), environment);
    }

    /// <summary>Runs the demo data's loader against the gateway, as deploy/run.sh does: its exit code and what it printed.</summary>
    public Task<(int ExitCode, string Output)> LoadDemoDataAsync() =>
        RunAsync(Assembly("deploy/Cooperation.DemoData", "Cooperation.DemoData"), [Gateway.Address.ToString()], new Dictionary<string, string>());

    /// <summary>
    /// Runs the command line (`coop`) against the gateway with the token as COOP_TOKEN, its tables wide enough not to wrap:
    /// its exit code and what it printed.
    /// </summary>
    public Task<(int ExitCode, string Output)> CoopAsync(string? token, params string[] arguments) =>
        RunAsync(Assembly("deploy/Cooperation.Cli", "coop"), arguments,
            new Dictionary<string, string> { ["COOP_GATEWAY"] = Gateway.Address.ToString(), ["COOP_TOKEN"] = token ?? "", ["COLUMNS"] = "400" });

    private static async Task<(int ExitCode, string Output)> RunAsync(string assembly, string[] arguments, Dictionary<string, string> environment)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(assembly);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    /// <summary>A service's settings as the run command gives them: the common ones, and its own database role and broker user.</summary>
    private Dictionary<string, string> EnvironmentOf(string service)
    {
        var environment = new Dictionary<string, string>(common)
        {
            ["ConnectionStrings__Postgres"] = PostgresOf(service),
            ["ConnectionStrings__RabbitMq"] = RabbitMqOf(service),
        };
        // The workspace's uploaded sheets are written row by row through the suite's gateway.
        if (service == "dashboard") environment["Gateway__Address"] = $"http://127.0.0.1:{Topology.Hosts.Single(h => h.Name == Topology.Gateway).TestPort}/";
        // The provider mints the suite's tokens (POST /api/dev/tokens) and serves a read-only client.
        if (service == "identity")
        {
            environment["Identity__DevTokens"] = "true";
            environment[$"Identity__ReadOnlyClients__{ReadOnlyClient}"] = ReadOnlyClientSecret;
        }
        return environment;
    }

    /// <summary>The read-only client of another system (the client credentials flow) the suite's provider serves.</summary>
    public const string ReadOnlyClient = "ministry-statistics";
    public string ReadOnlyClientSecret { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));

    /// <summary>A gateway of its own, beside the suite's, whose cluster for the service spreads requests over the given instances.</summary>
    public ServiceProcess GatewayOver(string service, params ServiceProcess[] instances) => GatewayWith(new Dictionary<string, string>(), service, instances);

    /// <summary>A gateway of its own with settings of its own (its rate limits, say) over the given instances of a service.</summary>
    public ServiceProcess GatewayWith(IReadOnlyDictionary<string, string> settings, string service, params ServiceProcess[] instances)
    {
        var environment = new Dictionary<string, string>(gatewayEnvironment);
        foreach (var (key, value) in settings) environment[key] = value;
        environment.Remove($"ReverseProxy__Clusters__{service}__Destinations__instance0__Address");
        foreach (var instance in instances)
            environment[$"ReverseProxy__Clusters__{service}__Destinations__{instance.Name}__Address"] = instance.Address.ToString();
        var front = Topology.Hosts.Single(h => h.Name == Topology.Gateway);
        return new ServiceProcess($"{front.Name}-over-{service}", Assembly(front.Folder, front.Assembly), front.TestPort + 1, environment);
    }

    /// <summary>Stops or starts the broker's AMQP side, as an outage would, through the infrastructure script.</summary>
    public Task BrokerAsync(string action) => Shell.RunAsync(Path.Combine(Root, "deploy", "infra.sh"), $"broker-{action}");

    /// <summary>Stops or starts PostgreSQL, as an outage or a restart would, through the infrastructure script.</summary>
    public async Task PostgresAsync(string action)
    {
        await Shell.RunAsync(Path.Combine(Root, "deploy", "infra.sh"), $"pg-{action}");
        // The connections the tests' own pool kept from before are dead; later tests must not be handed one.
        Npgsql.NpgsqlConnection.ClearAllPools();
    }

    public static string Assembly(string project, string name)
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
