using System.Net;
using System.Text.Json;

namespace Cooperation.Api.Tests;

public class GatewayTests(CooperationSystem system)
{
    [Fact]
    public async Task The_gateway_and_the_services_report_health()
    {
        Assert.Equal(HttpStatusCode.OK, (await system.Http.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await system.Http.GetAsync("/health/ready")).StatusCode);
        using var agreements = new HttpClient { BaseAddress = system.Agreements.Address };
        Assert.Equal(HttpStatusCode.OK, (await agreements.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public void Each_service_of_the_topology_is_a_cluster_of_the_gateway_and_each_cluster_a_service()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(CooperationSystem.Root, "gateway", "appsettings.json")));
        var clusters = settings.RootElement.GetProperty("ReverseProxy").GetProperty("Clusters").EnumerateObject().Select(c => c.Name);
        var services = Topology.Hosts.Select(h => h.Name).Where(name => name != Topology.Gateway);
        Assert.Equal(services.Order(), clusters.Order());
    }

    [Fact]
    public async Task A_service_that_is_not_running_answers_503_with_Retry_After_as_a_problem()
    {
        using var ministry = await system.ClientAsync("ministry");
        using var response = await ministry.GetAsync("/api/unavailable/anything");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        // A client is told when to try again, as for a service whose database is out of reach.
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Dev_tokens_refuse_unknown_roles_and_regions()
    {
        using var response = await system.Http.PostAsync("/api/dev/tokens", new { role = "committee", region = "XX-ZZ", sub = "x" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("region", (await response.JsonAsync()).ErrorFields());
    }
}
