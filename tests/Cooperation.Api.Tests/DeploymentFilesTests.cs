using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace Cooperation.Api.Tests;

/// <summary>
/// The deployment files (deploy/compose.yaml, deploy/k8s/cooperation.yaml) describe the hosts deploy/topology.txt lists,
/// on its ports, with the configuration the services read and the health probes they answer, so they cannot drift from
/// the code that the run command and these tests run.
/// </summary>
public class DeploymentFilesTests
{
    private static readonly Topology.Host[] Services = Topology.Hosts.Where(h => h.Name != Topology.Gateway).ToArray();
    private static readonly Topology.Host Gateway = Topology.Hosts.Single(h => h.Name == Topology.Gateway);

    [Fact]
    public void The_compose_file_runs_every_host_of_the_topology_on_its_port_with_its_own_credentials()
    {
        var services = (YamlMappingNode)Load("deploy/compose.yaml")[0]["services"];
        Assert.Equal(Topology.Hosts.Select(h => h.Name).Order(), services.Children.Keys.Select(k => k.ToString()).Order());
        foreach (var host in Topology.Hosts)
        {
            var service = (YamlMappingNode)services[host.Name];
            var env = Mapping(service["environment"]);
            Assert.Equal($"cooperation/{host.Name}:latest", service["image"].ToString());
            Assert.Equal(host.Port.ToString(), env["ASPNETCORE_HTTP_PORTS"]);
            // Every host validates tokens through the provider's discovery document; none holds a key that could sign one.
            Assert.Contains("COOP_ISSUER", env["Identity__Issuer"]);
            Assert.Equal("http://identity:5105/.well-known/openid-configuration", env["Identity__MetadataAddress"]);
            Assert.DoesNotContain(env.Keys, key => key.Contains("SigningKey"));
            Assert.Contains($"/dev/tcp/127.0.0.1/{host.Port} ", Sequence(service["healthcheck"]["test"]).Last());
            // The workspace's uploaded sheets are written through the gateway.
            if (host.Name == "dashboard") Assert.Equal($"http://{Gateway.Name}:{Gateway.Port}/", env["Gateway__Address"]);
            Assert.Contains("/health/ready", Sequence(service["healthcheck"]["test"]).Last());
            if (host == Gateway)
                Assert.Equal(Destinations(Services), Destinations(env));
            else
            {
                Assert.Contains($"COOP_POSTGRES_{host.Name.ToUpperInvariant()}", env["ConnectionStrings__Postgres"]);
                Assert.Contains($"COOP_RABBITMQ_{host.Name.ToUpperInvariant()}", env["ConnectionStrings__RabbitMq"]);
            }
        }
        Assert.Equal($"{Gateway.Port}:{Gateway.Port}", Assert.Single(Sequence(services[Gateway.Name]["ports"])));
    }

    [Fact]
    public void The_kubernetes_manifests_deploy_every_host_of_the_topology_with_probes_resources_and_the_external_services()
    {
        var documents = Load("deploy/k8s/cooperation.yaml");
        YamlMappingNode[] Of(string kind) => documents.Where(d => d["kind"].ToString() == kind).ToArray();
        var deployments = Of("Deployment").ToDictionary(d => d["metadata"]["name"].ToString());
        var kubeServices = Of("Service").ToDictionary(d => d["metadata"]["name"].ToString());

        Assert.Equal(Topology.Hosts.Select(h => h.Name).Order(), deployments.Keys.Order());
        Assert.Equal(Topology.Hosts.Select(h => h.Name).Append("postgres").Append("rabbitmq").Order(), kubeServices.Keys.Order());
        Assert.All(new[] { "postgres", "rabbitmq" }, name => Assert.Equal("ExternalName", kubeServices[name]["spec"]["type"].ToString()));
        foreach (var host in Topology.Hosts)
        {
            var container = (YamlMappingNode)Nodes(deployments[host.Name]["spec"]["template"]["spec"]["containers"]).Single();
            var env = Nodes(container["env"]).Cast<YamlMappingNode>()
                .ToDictionary(e => e["name"].ToString(), e => e.Children.TryGetValue("value", out var value) ? value.ToString() : Secret(e));
            Assert.Equal($"cooperation/{host.Name}:latest", container["image"].ToString());
            Assert.Equal(host.Port.ToString(), Nodes(container["ports"]).Single()["containerPort"].ToString());
            Assert.Equal(host.Port.ToString(), env["ASPNETCORE_HTTP_PORTS"]);
            Assert.Equal("config:issuer", env["Identity__Issuer"]);
            Assert.Equal("http://identity:5105/.well-known/openid-configuration", env["Identity__MetadataAddress"]);
            Assert.DoesNotContain(env.Keys, key => key.Contains("SigningKey"));
            if (host != Gateway) Assert.Equal("field:metadata.name", env["Instance__Id"]);
            if (host.Name == "dashboard") Assert.Equal($"http://{Gateway.Name}:{Gateway.Port}/", env["Gateway__Address"]);
            foreach (var (probe, path) in new[] { ("livenessProbe", "/health/live"), ("readinessProbe", "/health/ready"), ("startupProbe", "/health/live") })
            {
                Assert.Equal(path, container[probe]["httpGet"]["path"].ToString());
                Assert.Equal(host.Port.ToString(), container[probe]["httpGet"]["port"].ToString());
            }
            Assert.NotEmpty(container["resources"]["requests"]["memory"].ToString());
            Assert.NotEmpty(container["resources"]["limits"]["memory"].ToString());
            Assert.Equal(host.Port.ToString(), Nodes(kubeServices[host.Name]["spec"]["ports"]).Single()["targetPort"].ToString());
            if (host == Gateway)
                Assert.Equal(Destinations(Services), Destinations(env));
            else
            {
                Assert.Equal(host.Port.ToString(), Nodes(kubeServices[host.Name]["spec"]["ports"]).Single()["port"].ToString());
                Assert.Equal($"secret:postgres-{host.Name}", env["ConnectionStrings__Postgres"]);
                Assert.Equal($"secret:rabbitmq-{host.Name}", env["ConnectionStrings__RabbitMq"]);
            }
        }
    }

    [Fact]
    public void The_gateway_has_a_cluster_for_every_service_of_the_topology_and_no_other()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(CooperationSystem.Root, "gateway", "appsettings.json")));
        var clusters = settings.RootElement.GetProperty("ReverseProxy").GetProperty("Clusters").EnumerateObject().Select(c => c.Name);
        Assert.Equal(Services.Select(s => s.Name).Order(), clusters.Order());
    }

    /// <summary>The gateway's destinations as its configuration names them: cluster, and the address's host and port.</summary>
    private static string[] Destinations(IReadOnlyDictionary<string, string> env) =>
        env.Where(e => e.Key.StartsWith("ReverseProxy__Clusters__", StringComparison.Ordinal) && e.Key.EndsWith("__Address", StringComparison.Ordinal))
            .Select(e => $"{e.Key.Split("__")[2]} {new Uri(e.Value).Host}:{new Uri(e.Value).Port}").Order().ToArray();

    private static string[] Destinations(IEnumerable<Topology.Host> services) => services.Select(s => $"{s.Name} {s.Name}:{s.Port}").Order().ToArray();

    /// <summary>Where a variable's value comes from: <c>secret:key</c> of the secret, or <c>field:path</c> of the pod.</summary>
    private static string Secret(YamlMappingNode env) =>
        ((YamlMappingNode)env["valueFrom"]).Children.TryGetValue("secretKeyRef", out var secret) ? $"secret:{secret["key"]}"
        : ((YamlMappingNode)env["valueFrom"]).Children.TryGetValue("configMapKeyRef", out var config) ? $"config:{config["key"]}"
        : $"field:{env["valueFrom"]["fieldRef"]["fieldPath"]}";

    private static List<YamlMappingNode> Load(string path)
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Path.Combine(CooperationSystem.Root, path));
        yaml.Load(reader);
        return yaml.Documents.Select(d => (YamlMappingNode)d.RootNode).ToList();
    }

    private static Dictionary<string, string> Mapping(YamlNode node) =>
        ((YamlMappingNode)node).Children.ToDictionary(c => c.Key.ToString(), c => c.Value.ToString());

    private static IList<YamlNode> Nodes(YamlNode node) => ((YamlSequenceNode)node).Children;

    private static List<string> Sequence(YamlNode node) => Nodes(node).Select(c => c.ToString()).ToList();
}
