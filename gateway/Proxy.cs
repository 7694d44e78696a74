using Cooperation.ServiceDefaults;
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
        builder.Services.AddSingleton<IPassiveHealthCheckPolicy, TransportFailurePolicy>();
        builder.Services.AddHealthChecks().AddCheck<DestinationsHealthCheck>("destinations", tags: ["ready"]);
        return builder;
    }

    public static WebApplication MapProxy(this WebApplication app)
    {
        app.MapReverseProxy(proxy =>
        {
            proxy.Use(async (http, next) =>
            {
                await next();
                // What could not be forwarded answers as a problem, like every other error.
                if (http.Features.Get<IForwarderErrorFeature>() is { } error && !http.Response.HasStarted)
                    await Problem(http, error).ExecuteAsync(http);
            });
            proxy.UseLoadBalancing();
            proxy.Use(ElsewhereIfUndelivered);
            proxy.UsePassiveHealthChecks();
        });
        return app;
    }

    /// <summary>
    /// A request that never reached its destination (the connection could not be made: refused, as by a killed instance) goes to
    /// another destination of the cluster, each tried once. Nothing of it was sent, so a write is as safe to send again as a read;
    /// a request whose connection was made and then broke may have reached the service, and is answered 503 instead.
    /// </summary>
    private static async Task ElsewhereIfUndelivered(HttpContext http, Func<Task> next)
    {
        var proxy = http.GetReverseProxyFeature();
        var tried = new HashSet<DestinationState>();
        while (true)
        {
            await next();
            if (http.Response.HasStarted || http.RequestAborted.IsCancellationRequested || proxy.ProxiedDestination is not { } failed
                || http.Features.Get<IForwarderErrorFeature>() is not { Error: ForwarderError.Request, Exception: HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } })
                return;
            tried.Add(failed);
            // The passive health check takes the failed destination out of the available ones too, though not before this returns.
            var others = http.GetRouteModel().Cluster!.DestinationsState.AvailableDestinations.Where(d => !tried.Contains(d)).ToArray();
            if (others.Length == 0) return;
            proxy.AvailableDestinations = [others[Random.Shared.Next(others.Length)]];
            http.Features.Set<IForwarderErrorFeature>(null);
            http.Response.StatusCode = StatusCodes.Status200OK;
        }
    }

    /// <summary>
    /// The passive health check (policy <c>TransportFailure</c>): a destination the gateway could not talk to (refused, reset) leaves
    /// the rotation at once, for the cluster's reactivation period, and the active checks bring it back once it answers again.
    /// YARP's own TransportFailureRate waits for a failure rate over a window of requests and a minute.
    /// </summary>
    private sealed class TransportFailurePolicy(IDestinationHealthUpdater health) : IPassiveHealthCheckPolicy
    {
        public string Name => "TransportFailure";

        public void RequestProxied(HttpContext context, ClusterState cluster, DestinationState destination)
        {
            var failed = !context.RequestAborted.IsCancellationRequested && context.Features.Get<IForwarderErrorFeature>() is { Error: ForwarderError.Request };
            health.SetPassive(cluster, destination, failed ? DestinationHealth.Unhealthy : DestinationHealth.Healthy,
                cluster.Model.Config.HealthCheck?.Passive?.ReactivationPeriod ?? TimeSpan.FromSeconds(5));
        }
    }

    /// <summary>
    /// The client's fault as the service would have answered it: a body that came too slowly (408) or broke off (400), as Kestrel
    /// judged it while the gateway read it. Anything else is the service's: down, not deployed, not answering (503 with Retry-After).
    /// </summary>
    private static IResult Problem(HttpContext http, IForwarderErrorFeature error)
    {
        for (var e = error.Exception; e is not null; e = e.InnerException)
            if (e is BadHttpRequestException bad)
                return Results.Problem(statusCode: bad.StatusCode, title: "The request could not be read", detail: bad.Message);
        if (error.Error is ForwarderError.RequestBodyClient or ForwarderError.RequestBodyCanceled)
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The request could not be read",
                detail: "The request body broke off before it was complete.");
        var cluster = http.GetReverseProxyFeature().Route.Cluster?.ClusterId ?? "the";
        // As a service answers when its own dependency is down: retry later, by when the supervisor or the health checks have acted.
        http.Response.Headers.RetryAfter = ((int)Dependencies.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable",
            detail: $"The {cluster} service is not available ({error.Error}).");
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
