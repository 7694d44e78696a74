using Microsoft.Extensions.Diagnostics.HealthChecks;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace Cooperation.Gateway;

public static class Proxy
{
    public static IHostApplicationBuilder AddProxy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));
        builder.Services.AddHealthChecks().AddCheck<DestinationsHealthCheck>("destinations", tags: ["ready"]);
        return builder;
    }

    public static WebApplication MapProxy(this WebApplication app)
    {
        app.MapReverseProxy(proxy => proxy.Use(async (http, next) =>
        {
            await next();
            // A service that is down or not deployed answers as a problem, like every other error.
            if (http.Features.Get<IForwarderErrorFeature>() is { } error && !http.Response.HasStarted)
            {
                var cluster = http.GetReverseProxyFeature().Route.Cluster?.ClusterId ?? "the";
                http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                await Results.Problem(statusCode: 503, title: "Service unavailable",
                    detail: $"The {cluster} service is not available ({error.Error}).").ExecuteAsync(http);
            }
        }));
        return app;
    }

    /// <summary>Ready when every destination that the active health checks have probed answers.</summary>
    private sealed class DestinationsHealthCheck(IProxyStateLookup proxy) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var states = proxy.GetClusters()
                .SelectMany(c => c.Destinations.Values.Select(d => (Name: $"{c.ClusterId}/{d.DestinationId}", d.Health.Active)))
                .ToDictionary(x => x.Name, x => (object)x.Active.ToString());
            var down = states.Where(s => (string)s.Value == nameof(DestinationHealth.Unhealthy)).Select(s => s.Key).ToArray();
            return Task.FromResult(down.Length == 0
                ? HealthCheckResult.Healthy("All destinations answer.", states)
                : HealthCheckResult.Degraded($"Not answering: {string.Join(", ", down)}.", data: states));
        }
    }
}
